// Issue 14's fleet benchmark: 10,000 clocks in this process polling the embedded cloud (in its own
// process) every 10 s, in real time, through a Monday-morning rush. Prints the fleet's peak memory, the
// punches lost, the punch-to-acknowledgement p99, memory per idle clock (RSS growth once the clocks
// settled, per clock), CPU per poll answered, and the cloud process's CPU and memory.
// Run: npx tsx --expose-gc scripts/bench/fleet.ts [--clocks 10000] [--minutes 10] [--employees 5]
import { parseArgs } from 'node:util';
import { loadDeviceModel } from '../../src/devices/index.js';
import { defaultSerialPattern, parseProfile, startEmbeddedCloud, startFleet } from '../../src/fleet/index.js';
import { formatPushTime } from '../../src/protocol/index.js';
import { machineLine, today } from './machine.js';

const { values } = parseArgs({
  options: {
    clocks: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '10' },
    employees: { type: 'string', default: '5' },
  },
});
const CLOCKS = Number(values.clocks);
const MINUTES = Number(values.minutes);
const EMPLOYEES = Number(values.employees);
const START = Date.parse('2026-03-02T07:50:00Z');
const DELAY_SECONDS = 10;

/** The clocks power on over one Delay and settle for the first third; the rush fills the middle. */
function benchProfile(): string {
  const at = (fraction: number) => formatPushTime(START + fraction * MINUTES * 60_000).slice(11);
  return [
    'name: bench Monday rush',
    `start: '${formatPushTime(START).slice(11)}'`,
    `employeesPerClock: ${EMPLOYEES}`,
    `powerOnSpread: ${DELAY_SECONDS}s`,
    `cloud: { delay: ${DELAY_SECONDS} }`,
    'day:',
    `  - { name: rush, at: '${at(0.6)}', spread: ${Math.round(MINUTES * 60 * 0.2)}s, share: 0.8 }`,
    'verify: { pin: 0.5, finger: 0.25, card: 0.2, poorRead: 0.03, unknownCard: 0.02 }',
    '',
  ].join('\n');
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;

async function main(): Promise<void> {
  const profile = parseProfile(benchProfile(), 'bench-profile.yaml');
  const model = loadDeviceModel('biometric');
  const cloud = await startEmbeddedCloud({ start: profile.start, delaySeconds: DELAY_SECONDS, data: ':memory:' });
  let baseline = 0;
  let settled = 0;
  let cpuAtRunning: NodeJS.CpuUsage | undefined;
  let cloudAtRunning: Awaited<ReturnType<NonNullable<typeof cloud.usage>>> | undefined;
  let seedMs = 0;
  const t0 = performance.now();
  const settleAfterMs = (MINUTES * 60_000) / 3;
  // Before seeding: its requests leave garbage that a collection later frees, which would hide the clocks.
  global.gc?.();
  baseline = process.memoryUsage.rss();
  const run = startFleet({
    profile,
    model,
    clocks: CLOCKS,
    cloud,
    speed: 1,
    durationMs: MINUTES * 60_000,
    seed: 1,
    serialPattern: defaultSerialPattern(model),
    onPhase: (phase) => {
      if (phase !== 'running') return;
      seedMs = performance.now() - t0;
      cpuAtRunning = process.cpuUsage();
      void cloud.usage!().then((u) => (cloudAtRunning = u));
      // Settled: every clock on, its roster downloaded, polling; before the rush.
      setTimeout(() => {
        global.gc?.();
        settled = process.memoryUsage.rss();
        console.error(`settled: ${run.clocks.length} clocks, RSS ${mib(settled)} (baseline ${mib(baseline)})`);
      }, settleAfterMs).unref();
    },
  });
  const progress = setInterval(
    () =>
      console.error(
        `${Math.round((performance.now() - t0) / 1000)} s: ${run.clocks.length} clocks, ${run.tally.polls} polls, ` +
          `${run.tally.made} punches, ${run.tally.acked} acknowledged, RSS ${mib(process.memoryUsage.rss())}`,
      ),
    10_000,
  );
  const report = await run.result;
  clearInterval(progress);
  const cpu = process.cpuUsage(cpuAtRunning);
  const cloudEnd = await cloud.usage!();
  await cloud.stop();
  const fleetPeak = report.processes.find((p) => p.role === 'fleet')!.peakRssBytes;
  const cloudCpuMs =
    (cloudEnd.cpu.user + cloudEnd.cpu.system - (cloudAtRunning?.cpu.user ?? 0) - (cloudAtRunning?.cpu.system ?? 0)) /
    1000;
  const runMs = report.wallMs - seedMs;
  console.log(`fleet, ${today()}, ${machineLine()}`);
  console.log(
    `${CLOCKS.toLocaleString('en')} clocks × ${EMPLOYEES} employees, polling every ${DELAY_SECONDS} s, ${MINUTES} min in real time ` +
      `(seeding the cloud through its API took ${(seedMs / 1000).toFixed(0)} s before that)`,
  );
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(`| peak RSS of the fleet process | ${mib(fleetPeak)} | ≤ 4 GiB |`);
  console.log(
    `| punches lost | ${report.totals.lost} of ${report.totals.made.toLocaleString('en')} made (${report.totals.onServer} on the server) | 0 |`,
  );
  console.log(
    `| punch-to-acknowledgement latency | p50 ${report.latencyMs.p50.toFixed(1)} ms, p99 ${report.latencyMs.p99.toFixed(1)} ms, max ${report.latencyMs.max.toFixed(0)} ms | p99 ≤ 2 s |`,
  );
  console.log(
    `| memory per idle clock | ${((settled - baseline) / CLOCKS / 1024).toFixed(0)} KiB (RSS growth to settled / clocks) | |`,
  );
  console.log(
    `| fleet CPU per poll answered | ${((cpu.user + cpu.system) / Math.max(1, report.totals.polls)).toFixed(0)} µs ` +
      `(${report.totals.polls.toLocaleString('en')} polls, ${(((cpu.user + cpu.system) / 1000 / runMs) * 100).toFixed(0)} % of one core) | |`,
  );
  console.log(
    `| cloud process | ${((cloudCpuMs / runMs) * 100).toFixed(0)} % of one core, ${((cloudCpuMs * 1000) / Math.max(1, cloudEnd.polls - (cloudAtRunning?.polls ?? 0))).toFixed(0)} µs per poll; peak RSS ${mib(cloudEnd.peakRssBytes)} | |`,
  );
  console.log(
    `| errors | ${
      Object.entries(report.totals.errors)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    } | |`,
  );
}

await main();
