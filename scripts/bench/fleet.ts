// Issue 14's fleet benchmark, with issue 22's floor: N clocks in this process (in-process: startFleet, as
// `timeclock fleet` runs them) polling the embedded cloud (its own process) every 10 s, in real time,
// through a Monday-morning rush; beside them, in a third process and the same seconds, a bare keep-alive
// http.Agent poller (fleet-floor.ts) with as many serial numbers of its own. Prints the fleet's peak RSS,
// the punches lost, the punch-to-acknowledgement p99, memory per idle clock (RSS sampled, no forced GC),
// and CPU per poll of the fleet against the floor's, while idle and under the rush.
// Run: npx tsx scripts/bench/fleet.ts [--clocks 10000] [--minutes 10] [--employees 5] [--data DIR] [--floor-clocks N] [--quick] [--alloc]
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadDeviceModel } from '../../src/devices/index.js';
import {
  DEFAULT_MAX_SOCKETS,
  defaultSerialPattern,
  parseProfile,
  startEmbeddedCloud,
  startFleet,
  type FleetCloud,
  type FleetRun,
} from '../../src/fleet/index.js';
import { formatPushTime } from '../../src/protocol/index.js';
import { sampleAllocations } from './alloc-sampler.js';
import { FLOOR_ARG, floorSerial, runFloor, startFloor, type FloorMark } from './fleet-floor.js';
import { machineLine, today } from './machine.js';

const START = Date.parse('2026-03-02T07:50:00Z');
const DELAY_SECONDS = 10;
/**
 * Shares of the run, which starts once every clock is online with its roster: a fifth to settle, idle
 * until half-way, then the rush (the profile's window is ±spread around its moment) until four fifths.
 */
const WINDOWS = { idleFrom: 0.2, rushFrom: 0.5, rushTo: 0.8, share: 0.8 };

/** The clocks power on over one Delay, settle and idle; the rush fills the third before the last fifth. */
function benchProfile(minutes: number, employees: number): string {
  const at = (fraction: number) => formatPushTime(START + fraction * minutes * 60_000).slice(11);
  return [
    'name: bench Monday rush',
    `start: '${formatPushTime(START).slice(11)}'`,
    `employeesPerClock: ${employees}`,
    `powerOnSpread: ${DELAY_SECONDS}s`,
    `cloud: { delay: ${DELAY_SECONDS} }`,
    'day:',
    `  - { name: rush, at: '${at((WINDOWS.rushFrom + WINDOWS.rushTo) / 2)}', spread: ${Math.round((minutes * 60 * (WINDOWS.rushTo - WINDOWS.rushFrom)) / 2)}s, share: ${WINDOWS.share} }`,
    'verify: { pin: 0.5, finger: 0.25, card: 0.2, poorRead: 0.03, unknownCard: 0.02 }',
    '',
  ].join('\n');
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
const n = (value: number) => value.toLocaleString('en');

/** The floor's own clocks, registered (no employees) so that the cloud answers them as it answers the fleet's. */
async function registerFloorClocks(cloud: FleetCloud, count: number): Promise<string[]> {
  const serials = Array.from({ length: count }, (_, i) => floorSerial(i));
  await cloud.seed!(
    serials.map((sn, index) => ({ index, sn })),
    0,
  );
  return serials;
}

/** One reading of both processes at the same moment. */
interface Mark {
  fleetCpuUs: number;
  fleetPolls: number;
  floor: FloorMark;
}

async function markOf(run: FleetRun, floor: Promise<{ mark(): Promise<FloorMark> }>): Promise<Mark> {
  const cpu = process.cpuUsage();
  const fleetPolls = run.tally.polls;
  return { fleetCpuUs: cpu.user + cpu.system, fleetPolls, floor: await (await floor).mark() };
}

/** CPU per poll of the fleet and of the floor between two marks. */
function costs(from: Mark, to: Mark) {
  const polls = { fleet: to.fleetPolls - from.fleetPolls, floor: to.floor.polls - from.floor.polls };
  const fleet = (to.fleetCpuUs - from.fleetCpuUs) / Math.max(1, polls.fleet);
  const floor = (to.floor.cpuUs - from.floor.cpuUs) / Math.max(1, polls.floor);
  return { fleet, floor, ratio: fleet / floor, polls, uploads: to.floor.uploads - from.floor.uploads };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * The fleet's CPU per poll against the floor's over a phase, read two ways: over the whole phase, and as the
 * median of the ratios of its Delay-long windows (with their range). Both processes share a busy machine, and
 * a burst of someone else's work lands on one of them for a few seconds: the median of many paired windows
 * holds still where the whole phase's one ratio swings with it.
 */
function perPoll(marks: Mark[]): string {
  const whole = costs(marks[0]!, marks.at(-1)!);
  const ratios = marks.slice(1).map((mark, i) => costs(marks[i]!, mark).ratio);
  const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  return (
    `fleet ${whole.fleet.toFixed(0)} µs (${n(whole.polls.fleet)} polls), floor ${whole.floor.toFixed(0)} µs ` +
    `(${n(whole.polls.floor)} polls, ${n(whole.uploads)} uploads): ${whole.ratio.toFixed(2)}× over the phase; ` +
    `**${median(ratios).toFixed(2)}×** the median of ${ratios.length} windows of ${DELAY_SECONDS} s (${range})`
  );
}

/** Bytes the fleet allocates per poll while idle and in the rush, with the functions that allocate most. */
async function allocationsOf(run: FleetRun, until: (fraction: number) => Promise<void>): Promise<string[]> {
  const phase = async (from: number, to: number, name: string) => {
    await until(from);
    const [sampler, polls] = [await sampleAllocations(), run.tally.polls];
    await until(to);
    const { bytes, top } = await sampler.stop();
    const per = (b: number) => `${(b / Math.max(1, run.tally.polls - polls)).toFixed(0)} B`;
    const where = top.slice(0, 8).map((t) => `${t.where} ${per(t.bytes)}`);
    return `| bytes allocated per poll, ${name} (sampled; slows the run) | ${per(bytes)}: ${where.join('; ')} | |`;
  };
  const idle = await phase(WINDOWS.idleFrom, WINDOWS.rushFrom, 'idle');
  return [idle, await phase(WINDOWS.rushFrom, WINDOWS.rushTo + 0.05, 'rush')];
}

/** RSS every second, no collection forced: what the process holds, as `ps` would read it. */
function rssSampler() {
  const samples: { at: number; rss: number }[] = [];
  const timer = setInterval(() => samples.push({ at: performance.now(), rss: process.memoryUsage.rss() }), 1_000);
  return {
    /** The median of the samples taken between two wall times. */
    median(from: number, to: number): number {
      const inside = samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss);
      inside.sort((a, b) => a - b);
      return inside[Math.floor(inside.length / 2)] ?? process.memoryUsage.rss();
    },
    stop: () => clearInterval(timer),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clocks: { type: 'string', default: '10000' },
      minutes: { type: 'string', default: '10' },
      employees: { type: 'string', default: '5' },
      data: { type: 'string' },
      quick: { type: 'boolean', default: false },
      // Bytes allocated per poll (alloc-sampler.ts), idle and in the rush; it slows the fleet, so its CPU
      // figures are not to be quoted from such a run.
      alloc: { type: 'boolean', default: false },
      // The floor's own clocks (default as many as the fleet's); 0: none, and no CPU-per-poll rows. At 20,000
      // the floor and its share of the cloud take a core of their own, which a 2-core machine cannot spare.
      'floor-clocks': { type: 'string' },
    },
  });
  // --quick: a sanity run of the same path in two minutes (200 clocks), not a figure to quote.
  if (values.quick) Object.assign(values, { clocks: '200', minutes: '1' });
  const [clocks, minutes, employees] = [Number(values.clocks), Number(values.minutes), Number(values.employees)];
  const loadAtStart = loadAverage();
  if (values.data !== undefined) fs.mkdirSync(values.data, { recursive: true });
  if (values.data !== undefined && fs.readdirSync(values.data).length > 0)
    throw new Error(`--data ${values.data} is not empty`);
  const profile = parseProfile(benchProfile(minutes, employees), 'bench-profile.yaml');
  const model = loadDeviceModel('biometric');
  const cloud = await startEmbeddedCloud({ start: profile.start, delaySeconds: DELAY_SECONDS, data: ':memory:' });
  const floorClocks = (await registerFloorClocks(cloud, Number(values['floor-clocks'] ?? clocks))).length;
  // The floor polls from the fleet's power-on: not while the cloud is being seeded, which it would slow.
  let floor: ReturnType<typeof startFloor> | undefined;
  const startTheFloor = () =>
    startFloor({
      ...{ url: cloud.url, clocks: floorClocks },
      ...{ delayMs: DELAY_SECONDS * 1000, maxSockets: DEFAULT_MAX_SOCKETS },
    });
  // The cloud's CPU before and after the seeding: a figure the machine's load does not stretch as it does the wall's.
  const cloudCpuMs = async () => {
    const { cpu } = await cloud.usage!();
    return (cpu.user + cpu.system) / 1000;
  };
  const seedCpu = { before: await cloudCpuMs(), after: Promise.resolve(0) };
  const rss = rssSampler();
  const baseline = process.memoryUsage.rss();
  const t0 = performance.now();
  let runningAt = 0;
  const phases = new Map<string, number>();
  const marks = { idle: [] as Promise<Mark>[], rush: [] as Promise<Mark>[] };
  let allocations: Promise<string[]> | undefined;
  const runMs = minutes * 60_000;
  const run = startFleet({
    ...{ profile, model, clocks, cloud, speed: 1, durationMs: runMs, seed: 1 },
    serialPattern: defaultSerialPattern(model),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    onPhase: (phase) => {
      phases.set(phase, performance.now());
      if (phase === 'powering on') {
        seedCpu.after = cloudCpuMs();
        if (floorClocks > 0) floor = startTheFloor();
      }
      if (phase !== 'running') return;
      runningAt = performance.now();
      // At speed 1 the profile's time runs with the wall's: the windows are wall times after this.
      const at = (fraction: number, fn: () => void) => setTimeout(fn, fraction * runMs).unref();
      if (floor === undefined) return;
      const started = floor;
      // One mark at a time: two asked at once (a late event loop fires two timers together) would both take
      // the floor's first answer, and their window would read no floor CPU at all.
      let previous: Promise<unknown> = Promise.resolve();
      const markNow = () => {
        const mark = previous.then(() => markOf(run, started));
        previous = mark;
        return mark;
      };
      // A mark every Delay through each phase, and one at its end: the windows of perPoll(). The mark at the
      // rush's start ends the idle phase.
      const step = (DELAY_SECONDS * 1000) / runMs;
      const every = (from: number, to: number, phase: Promise<Mark>[]) => {
        for (let f = from; f < to - step / 2; f += step) at(f, () => phase.push(markNow()));
      };
      every(WINDOWS.idleFrom, WINDOWS.rushFrom, marks.idle);
      at(WINDOWS.rushFrom, () => {
        const mark = markNow();
        marks.idle.push(mark);
        marks.rush.push(mark);
        const uploads = Math.round(clocks * employees * WINDOWS.share);
        void started.then((f) => f.rush(uploads, (WINDOWS.rushTo - WINDOWS.rushFrom) * runMs));
      });
      every(WINDOWS.rushFrom + step, WINDOWS.rushTo + 0.05, marks.rush);
      at(WINDOWS.rushTo + 0.05, () => marks.rush.push(markNow()));
      // The sampler's phases wait for the same moments of the run, however late their own steps start.
      const until = (fraction: number) =>
        new Promise<void>((resolve) => {
          setTimeout(resolve, Math.max(0, runningAt + fraction * runMs - performance.now())).unref();
        });
      if (values.alloc) allocations = allocationsOf(run, until);
    },
  });
  const progress = setInterval(() => {
    const { polls, made, acked } = run.tally;
    const s = Math.round((performance.now() - t0) / 1000);
    console.error(
      `${s} s: ${n(run.clocks.length)} clocks, ${n(polls)} polls, ${n(made)} punches, ${n(acked)} acknowledged, RSS ${mib(process.memoryUsage.rss())} (heap ${mib(process.memoryUsage().heapUsed)})`,
    );
  }, 10_000);
  const report = await run.result;
  const loadAtEnd = loadAverage();
  clearInterval(progress);
  rss.stop();
  const [idle, rush] = [await Promise.all(marks.idle), await Promise.all(marks.rush)];
  await (await floor)?.stop();
  await cloud.stop();
  const idleRss = rss.median(runningAt + WINDOWS.idleFrom * runMs, runningAt + WINDOWS.rushFrom * runMs);
  const fleetPeak = report.processes.find((p) => p.role === 'fleet')!.peakRssBytes;
  const store = values.data === undefined ? 'in-memory stores' : `one SQLite file for all the clocks in ${values.data}`;
  console.log(`fleet, ${today()}, ${machineLine()}`);
  console.log(
    `${n(clocks)} clocks (${store}) × ${employees} employees, polling every ${DELAY_SECONDS} s, ${minutes} min in real time; ` +
      `the fleet in this process, the cloud${floorClocks > 0 ? ` and the floor poller (${n(floorClocks)} serial numbers)` : ''} in processes of their own`,
  );
  const seedS = ((phases.get('powering on') ?? t0) - (phases.get('seeding') ?? t0)) / 1000;
  const startS = (runningAt - (phases.get('powering on') ?? t0)) / 1000;
  console.log(
    `load average ${loadAtStart} at the start, ${loadAtEnd} at the end (${os.cpus().length} cores)` +
      `${os.loadavg()[0]! > 2 ? ': a busy machine, figures to re-measure quietly' : ''}`,
  );
  console.log(
    `seeding the embedded cloud (${n(clocks * employees)} employees, in its process): ${seedS.toFixed(1)} s; ` +
      `power-on to every clock online with its roster: ${startS.toFixed(1)} s`,
  );
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(
    `| peak RSS of the fleet process (sampled every 250 ms) | ${mib(fleetPeak)} | ≤ 2 GiB at 20,000 clocks |`,
  );
  console.log(
    `| punches lost | ${report.totals.lost} of ${n(report.totals.made)} made (${report.totals.onServer} on the server) | 0 |`,
  );
  const { p50, p99, max } = report.latencyMs;
  console.log(
    `| punch-to-acknowledgement latency | p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(0)} ms | p99 ≤ 1 s |`,
  );
  console.log(
    `| memory per idle clock | ${((idleRss - baseline) / clocks / 1024).toFixed(0)} KiB (median RSS sampled each second while idle, ` +
      `less the RSS before the clocks, ÷ clocks; no forced GC) | |`,
  );
  if (idle.length > 1 && rush.length > 1) {
    console.log(`| CPU per poll, idle | ${perPoll(idle)} | ≤ 1.3× |`);
    console.log(`| CPU per poll, rush | ${perPoll(rush)} | ≤ 1.3× |`);
  }
  for (const line of (await allocations) ?? []) console.log(line);
  const errors = Object.entries(report.totals.errors).map(([k, v]) => `${k} ${v}`);
  console.log(`| errors | ${errors.join(', ') || 'none'} | |`);
  console.log(
    `| **row** | ${n(clocks)} clocks${values.data === undefined ? '' : ' --data'}, ${minutes} min: p99 ${p99.toFixed(0)} ms, ` +
      `peak ${mib(fleetPeak)}, ${((idleRss - baseline) / clocks / 1024).toFixed(0)} KiB a clock idle, ` +
      `${report.totals.lost} lost of ${n(report.totals.made)}, load ${loadAtStart.split(' ')[0]}–${loadAtEnd.split(' ')[0]} | |`,
  );
  console.log(
    `| verdict | ${report.verdict.failures.length === 0 ? 'passed' : `failed: ${report.verdict.failures.join('; ')}`} | |`,
  );
}

/** The 1, 5 and 15 minute load averages, as `uptime` shows them. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

if (process.argv[2] === FLOOR_ARG) runFloor(JSON.parse(process.argv[3]!));
else await main();
