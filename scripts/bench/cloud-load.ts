// Issue 4's cloud benchmark: requests per second the reference cloud sustains with 1,000 clocks polling
// getrequest every 2 s from this one process on loopback, and the server's CPU use (the server runs in a
// child process; its process.cpuUsage() is read over IPC). Then the same clocks back to back, to find
// where it saturates. Run: npx tsx scripts/bench/cloud-load.ts [clocks] [seconds]
import { parseCommandBody } from '../../firmware/commands.js';
import { httpTransport, type PushTransport } from '../../src/protocol/index.js';
import { clockSerial, pollEvery, startBenchServer, type ServerMark } from './cloud-server.js';
import { machineLine, today } from './machine.js';

const POLL_MS = 2_000;

export interface Stats {
  latencies: number[];
  errors: number;
  commands: number;
}

/** One clock's poll: getrequest, and a devicecmd answering whatever it carried (Return=0). */
export async function poll(transport: PushTransport, sn: string, stats: Stats): Promise<void> {
  const started = performance.now();
  try {
    const res = await transport.request({ method: 'GET', path: '/iclock/getrequest', query: { SN: sn } });
    stats.latencies.push(performance.now() - started);
    if (res.status !== 200) return void stats.errors++;
    const { commands } = parseCommandBody(res.body);
    if (commands.length === 0) return;
    stats.commands += commands.length;
    const body = commands.map((c) => `ID=${c.id}&Return=0&CMD=DATA\n`).join('');
    const t = performance.now();
    await transport.request({ method: 'POST', path: '/iclock/devicecmd', query: { SN: sn }, body });
    stats.latencies.push(performance.now() - t);
  } catch {
    stats.errors++;
  }
}

/** Polls every POLL_MS for `ms`, or until `signal` aborts. */
export async function paced(transports: PushTransport[], ms: number, signal?: AbortSignal): Promise<Stats> {
  const stats: Stats = { latencies: [], errors: 0, commands: 0 };
  const stop = pollEvery(transports.length, POLL_MS, (i) => poll(transports[i]!, clockSerial(i), stats));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await stop();
  return stats;
}

async function saturated(transports: PushTransport[], ms: number): Promise<Stats> {
  const stats: Stats = { latencies: [], errors: 0, commands: 0 };
  const end = performance.now() + ms;
  await Promise.all(
    transports.map(async (transport, i) => {
      while (performance.now() < end) await poll(transport, clockSerial(i), stats);
    }),
  );
  return stats;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

function row(label: string, stats: Stats, before: ServerMark, after: ServerMark): string {
  const wallMs = after.at - before.at;
  const requests = after.requests - before.requests;
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  return (
    `| ${label} | ${Math.round((requests * 1000) / wallMs).toLocaleString('en')} req/s | ` +
    `${((cpuMs / wallMs) * 100).toFixed(1)} % of one core | p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(sorted, 99).toFixed(1)} ms | ${stats.errors} errors | ${after.rssMiB} MiB RSS |`
  );
}

export interface LoadResult {
  /** Server CPU (user + system) per request answered during the paced phase, µs. */
  pacedCpuPerRequestUs: number;
  saturatedPerSecond: number;
  saturatedP50Ms: number;
  errors: number;
}

/** One paced and one saturated phase against a fresh server (from `root`'s checkout when given). */
export async function loadRun(clocks: number, seconds: number, root?: string): Promise<LoadResult> {
  const server = await startBenchServer(POLL_MS / 1000, root);
  await server.seed(clocks, 2);
  const transports = Array.from({ length: clocks }, () => httpTransport(server.url, { timeoutMs: 10_000 }));
  await Promise.all(
    transports.map((t, i) =>
      t.request({ method: 'GET', path: '/iclock/cdata', query: { SN: clockSerial(i), options: 'all' } }),
    ),
  );
  const m0 = await server.mark();
  const paced_ = await paced(transports, seconds * 1000);
  const m1 = await server.mark();
  const sat = await saturated(transports, seconds * 1000);
  const m2 = await server.mark();
  transports.forEach((t) => t.close());
  await server.stop();
  const cpuUs = (a: ServerMark, b: ServerMark) => b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system;
  const sorted = [...sat.latencies].sort((a, b) => a - b);
  return {
    pacedCpuPerRequestUs: cpuUs(m0, m1) / Math.max(1, m1.requests - m0.requests),
    saturatedPerSecond: ((m2.requests - m1.requests) * 1000) / (m2.at - m1.at),
    saturatedP50Ms: percentile(sorted, 50),
    errors: paced_.errors + sat.errors,
  };
}

async function main(CLOCKS: number, SECONDS: number): Promise<void> {
  const server = await startBenchServer(POLL_MS / 1000);
  const queued = await server.seed(CLOCKS, 2);
  // One keep-alive connection per clock, as each real clock has its own.
  const transports = Array.from({ length: CLOCKS }, () => httpTransport(server.url, { timeoutMs: 10_000 }));
  await Promise.all(
    transports.map((t, i) =>
      t.request({ method: 'GET', path: '/iclock/cdata', query: { SN: clockSerial(i), options: 'all' } }),
    ),
  );
  const m0 = await server.mark();
  const l0 = process.cpuUsage();
  const pacedStats = await paced(transports, SECONDS * 1000);
  const m1 = await server.mark();
  const l1 = process.cpuUsage(l0);
  const satStats = await saturated(transports, Math.min(10, SECONDS) * 1000);
  const m2 = await server.mark();
  const l2 = process.cpuUsage();
  transports.forEach((t) => t.close());
  await server.stop();
  console.log(`cloud load, ${today()}, ${machineLine()}`);
  console.log(`${CLOCKS} clocks, ${queued} commands queued at start (2 employees with a template per clock)`);
  console.log(`| run | requests | server CPU | latency | errors | server memory |`);
  console.log(`|---|---|---|---|---|---|`);
  console.log(row(`${CLOCKS} clocks polling every ${POLL_MS / 1000} s, ${SECONDS} s`, pacedStats, m0, m1));
  console.log(row(`${CLOCKS} clocks back to back (saturation), ${Math.min(10, SECONDS)} s`, satStats, m1, m2));
  // Counted where it matters: commands the cloud marked done after the clocks' devicecmd replies.
  const done = m2.doneCommands ?? 0;
  console.log(
    `commands acknowledged (done in the cloud's store): ${done.toLocaleString('en')} of ${queued.toLocaleString('en')} queued`,
  );
  if (done !== queued) console.log(`WARNING: ${queued - done} commands were not acknowledged`);
  const loadCpu = (u: NodeJS.CpuUsage, ms: number): string =>
    `${(((u.user + u.system) / 1000 / ms) * 100).toFixed(0)} %`;
  const l2delta = { user: l2.user - l0.user - l1.user, system: l2.system - l0.system - l1.system };
  console.log(
    `load process CPU: ${loadCpu(l1, m1.at - m0.at)} of one core (paced), ${loadCpu(l2delta, m2.at - m1.at)} (back to back)`,
  );
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await main(Number(process.argv[2] ?? 1_000), Number(process.argv[3] ?? 20));
}
