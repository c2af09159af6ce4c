// The machine a benchmark ran on, for the lines written to BENCHMARKS.md.
import os from 'node:os';

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.cpus().length} × ${cpu}, ${gib} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Runs fn until at least `ms` have passed; returns operations per second. */
export function rate(fn: () => void, ms = 1_000): { perSecond: number; count: number } {
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    fn();
    count++;
    if ((count & 63) === 0) now = process.hrtime.bigint();
  }
  now = process.hrtime.bigint();
  return { perSecond: (count * 1e9) / Number(now - start), count };
}
