// Benchmark: a key press to the redrawn screen in the terminal UI (target <= 16 ms, one frame at 60 Hz).
// A real blessed screen on in-memory streams over the clock `timeclock run` starts: the embedded cloud on
// loopback HTTP and the sync link, handshake done. Each sample runs from the key's bytes entering the
// input stream to the redraw's bytes leaving for the terminal. Run: npx tsx scripts/bench/tui-keypress.ts
import os from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import { connectMemoryCloud } from '../../src/cli/cloud-link.js';
import { seedDemoCompany } from '../../src/cli/demo.js';
import { createLogger } from '../../src/log.js';
import { createClock } from '../../src/runtime/index.js';
import { createLogSink, createTheme, openTui } from '../../src/tui/index.js';
import { machineLine, today } from './machine.js';

const SAMPLES = 2_000;
const WARMUP = 200;
/** Eight digits typed and taken back again (Backspace): every key changes the ID entry, so every key redraws. */
const CYCLE = [...'12345678', ...'\x7f'.repeat(8)];

interface Samples {
  /** Wall time, what a person sees. */
  wall: number[];
  /** CPU time of this process: what the work costs, less disturbed by other processes on a busy machine. */
  cpu: number[];
  /** PUSH requests the embedded cloud answered while the keys were measured: 0 means the link was idle. */
  requests: number;
}

async function measure(columns: number, rows: number): Promise<Samples> {
  const input = new PassThrough();
  let wrote: (() => void) | undefined;
  const output = Object.assign(
    new Writable({
      write(_chunk, _encoding, done) {
        wrote?.();
        done();
      },
    }),
    { columns, rows },
  );
  const logs = createLogSink();
  const logger = createLogger({ destination: logs });
  const clock = createClock({ time: { virtual: '2026-11-25T07:58:00' }, logger });
  seedDemoCompany(clock);
  const link = await connectMemoryCloud(clock, logger);
  const tui = openTui({
    clock,
    cloud: link.control,
    logs,
    place: 'in memory',
    portal: link.portal,
    input,
    output,
    choice: { terminal: 'xterm', theme: createTheme(true, true) },
  });
  // The handshake and the demo company's commands are through; in virtual time no poll falls due after.
  await link.whenIdle();
  let requests = 0;
  link.cloud!.events.on('clock.seen', () => (requests += 1));
  await new Promise((resolve) => setImmediate(resolve));
  input.write('1'); // into ID entry, where the cycle starts
  await new Promise((resolve) => setImmediate(resolve));

  const samples: Samples = { wall: [], cpu: [], requests: 0 };
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const drawn = new Promise<void>((resolve) => (wrote = resolve));
    const start = performance.now();
    const cpu = process.cpuUsage();
    input.write(CYCLE[i % CYCLE.length]!);
    await drawn;
    if (i < WARMUP) continue;
    const used = process.cpuUsage(cpu);
    samples.wall.push(performance.now() - start);
    samples.cpu.push((used.user + used.system) / 1000);
  }
  samples.requests = requests;
  tui.destroy();
  await link.stop();
  clock.close();
  logs.close();
  return samples;
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function summary(samples: number[]): string {
  const at = (q: number) => quantile(samples, q).toFixed(2);
  const mean = (samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(2);
  return `p50 ${at(0.5)}  p95 ${at(0.95)}  p99 ${at(0.99)}  max ${at(1)}  mean ${mean} ms`;
}

console.log(`tui key press -> redrawn screen, ${SAMPLES} presses after ${WARMUP} warm-up (${today()})`);
console.log(`${machineLine()}, load average ${os.loadavg()[0]!.toFixed(1)}`);
console.log(
  [
    '  each press: blessed reads the key; the firmware step (ID entry) and its frame; the frame listeners,',
    "  the sync link's among them; the render by blessed to the terminal stream. The store is not written",
    '  (an ID-entry key records nothing). The embedded cloud (loopback HTTP) and the sync link are running,',
    '  handshake done: no punch is made and virtual time does not move, so no request falls due.',
  ].join('\n'),
);
for (const [columns, rows] of [
  [80, 24],
  [120, 40],
  [200, 60],
] as const) {
  const samples = await measure(columns, rows);
  const verdict = quantile(samples.wall, 0.95) <= 16 ? 'OK' : 'OVER';
  console.log(`  ${columns}x${rows} wall: ${summary(samples.wall)}  ${verdict} (target p95 <= 16 ms)`);
  console.log(`  ${columns}x${rows} cpu:  ${summary(samples.cpu)}`);
  console.log(`  ${columns}x${rows} PUSH requests during the presses: ${samples.requests} (0: the link was idle)`);
}
