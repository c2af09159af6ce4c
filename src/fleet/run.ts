// runFleet(): N clocks in one process against one cloud. Seed the cloud (when a token allows), start
// the clocks spread over the power-on window on one shared time source and one keep-alive transport,
// let them follow their plans and the portal its changes, then drain the backlog, check what the server
// holds, and report.
import { createHash } from 'node:crypto';
import type { DeviceModel } from '../../firmware/index.js';
import { createLogger, type Logger } from '../log.js';
import { formatPushTime, httpTransport } from '../protocol/index.js';
import type { TimeScale } from '../runtime/index.js';
import { formatShard, inShard, type Shard } from '../shard/index.js';
import { CloudApi } from './cloud-api.js';
import { FleetClock } from './fleet-clock.js';
import type { FleetCloud } from './fleet-cloud.js';
import { percentilesOf } from './histogram.js';
import { serialOf } from './identity.js';
import { employeesIn, planClock, planPortal, type PlanStep } from './plan.js';
import { applyPortalStep, seedCloud } from './portal-steps.js';
import type { FleetProfile } from './profile.js';
import { REPORT_FORMAT, type ClockFinal, type FleetReport, type ProcessUsage } from './report.js';
import { drain, spreadOut, untilEnd, warmUp } from './run-wait.js';
import { GatedClockSource } from './start-gate.js';
import { countError, newTally, type Tally } from './tally.js';
import { DEFAULT_MAX_REFUSED, judge } from './verdict.js';
import { findLost, type HeldPunch } from './verify.js';

export interface FleetOptions {
  profile: FleetProfile;
  model: DeviceModel;
  /** Clocks in the whole fleet (all shards). */
  clocks: number;
  shard?: Shard;
  cloud: FleetCloud;
  /** Clock-time ms per wall ms; above 1 only with the embedded cloud (it shares the scale). */
  speed: number;
  durationMs: number;
  seed: number;
  serialPattern: string;
  /** One SQLite file per clock in this folder; memory stores without it. */
  dataDir?: string;
  /** Sockets the shared transport opens at most (default 256). */
  maxSockets?: number;
  /** Share of attempts refused for reasons the profile did not plan above which the run fails (default 5 %). */
  maxRefused?: number;
  logger?: Logger;
  /** Ends the run early (Ctrl-C): the fleet still drains, checks and reports. */
  signal?: AbortSignal;
  /** Hears what the fleet is doing, for the live view. */
  onPhase?: (phase: Phase, detail?: string) => void;
}

/** Sockets the shared transport opens at most without --max-sockets. */
export const DEFAULT_MAX_SOCKETS = 256;

export interface Unstarted {
  index: number;
  sn: string;
  problem: string;
}

export type Phase = 'seeding' | 'powering on' | 'running' | 'draining' | 'checking' | 'done';

/** What the live view reads while the run goes on. */
export interface FleetRun {
  readonly tally: Tally;
  readonly clocks: readonly FleetClock[];
  /** Clocks of this process, started or not. */
  readonly planned: number;
  /** Clocks whose store could not be opened, with why: they never ran. */
  readonly unstarted: readonly Unstarted[];
  readonly source: GatedClockSource | undefined;
  readonly runStart: number;
  readonly result: Promise<FleetReport>;
}

export function startFleet(options: FleetOptions): FleetRun {
  const tally = newTally();
  const clocks: FleetClock[] = [];
  const shard = options.shard ?? { index: 1, total: 1 };
  const indices = Array.from({ length: options.clocks }, (_, i) => i).filter((i) => inShard(i, shard));
  const run = {
    tally,
    clocks,
    planned: indices.length,
    unstarted: [] as Unstarted[],
    source: undefined as GatedClockSource | undefined,
    runStart: options.profile.start,
    result: undefined as unknown as Promise<FleetReport>,
  };
  // On the next turn, so that the caller hears the first phase (its listener is set by then).
  run.result = Promise.resolve().then(() => runFleet(options, shard, indices, run));
  return run;
}

type RunState = {
  tally: Tally;
  clocks: FleetClock[];
  unstarted: Unstarted[];
  source: GatedClockSource | undefined;
  runStart: number;
};

async function runFleet(o: FleetOptions, shard: Shard, indices: number[], run: RunState): Promise<FleetReport> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const logger = o.logger ?? createLogger({ level: 'silent' });
  const { profile, tally } = { profile: o.profile, tally: run.tally };
  const snOf = (index: number) => serialOf(o.serialPattern, index);
  const api = o.cloud.token === undefined ? undefined : new CloudApi(o.cloud.url, o.cloud.token);
  const seeded = api !== undefined && profile.employeesPerClock > 0;
  if (seeded) {
    o.onPhase?.('seeding', `${indices.length} clocks × ${profile.employeesPerClock} employees`);
    await seedCloud(
      api,
      indices.map((index) => ({ index, sn: snOf(index) })),
      profile.employeesPerClock,
    );
  }
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);

  // The embedded cloud shares the fleet's time: both stand at the profile's start until the clocks are
  // ready. A cloud at a URL keeps its own (real) time: the profile starts once the clocks are ready.
  const embedded = o.cloud.kind === 'embedded';
  const source = embedded
    ? new GatedClockSource(profile.start)
    : new GatedClockSource({ start: Date.now(), origin: Date.now(), speed: 1 });
  run.source = source;
  const transport = httpTransport(o.cloud.url, { keepAlive: true, maxSockets: o.maxSockets ?? DEFAULT_MAX_SOCKETS });
  const commandsQueuedAt = new Map<string, number>();
  const plans = new Map<FleetClock, PlanStep[]>();
  let planned = 0;
  const powerOn = (index: number) => {
    const sn = snOf(index);
    const steps = planClock(profile, o.seed, index);
    planned += steps.filter((s) => s.kind === 'punch' && s.at < o.durationMs).length;
    let clock: FleetClock;
    try {
      clock = new FleetClock({
        ...{ index, serialNumber: sn, model: o.model, source, transport, server: o.cloud.url, tally },
        store: o.dataDir === undefined ? 'memory' : `${o.dataDir}/${sn}.db`,
        seededPerClock: seeded ? profile.employeesPerClock : undefined,
        ...{ commandsQueuedAt, logger },
      });
    } catch (error) {
      // A store that cannot be opened (no file descriptor left, a full disk): this clock never runs, the
      // others do, and the report names it.
      const problem = `the clock's store could not be opened: ${(error as Error).message}`;
      run.unstarted.push({ index, sn, problem });
      countError(tally, problem);
      return;
    }
    run.clocks.push(clock);
    plans.set(clock, steps);
  };
  o.onPhase?.('powering on', `${indices.length} clocks, time held at the profile's start`);
  await spreadOut(indices, o.clocks, profile.powerOnSpreadMs / o.speed, powerOn, o.signal);
  const ready = await warmUp(run.clocks, o.signal);

  const scale: TimeScale = embedded ? { start: profile.start, origin: Date.now(), speed: o.speed } : source.scale!;
  await o.cloud.startTime?.(scale);
  if (!source.isOpen) source.open(scale);
  const runStart = source.now();
  run.runStart = runStart;
  for (const [clock, steps] of plans) clock.follow(steps, runStart);
  const timers: number[] = [];
  o.onPhase?.('running');
  const portalWork: Promise<unknown>[] = [];
  if (api !== undefined) {
    for (const step of planPortal(profile, o.seed, o.clocks)) {
      const mine = employeesIn(step, profile.employeesPerClock, (i) => inShard(i, shard));
      const apply = () =>
        applyPortalStep(api, step, mine, profile.employeesPerClock, snOf, commandsQueuedAt).catch((error: Error) =>
          countError(tally, `portal: ${error.message}`),
        );
      if (mine.length > 0) timers.push(source.setTimeout(() => portalWork.push(apply()), step.at));
    }
  }
  await untilEnd(source, runStart + o.durationMs, o.signal);
  for (const id of timers) source.clearTimeout(id);
  await Promise.all(portalWork);

  o.onPhase?.('draining');
  for (const clock of run.clocks) clock.restore();
  await drain(run.clocks, o.speed);

  o.onPhase?.('checking');
  const held: HeldPunch[] = [];
  for (const clock of run.clocks) {
    const cursor = clock.clock.ports.cursors.get('ATTLOG');
    for (const p of clock.clock.punches()) {
      held.push({ sn: clock.serialNumber, pin: p.pin, time: p.time, seq: p.seq, acknowledged: p.seq <= cursor });
    }
  }
  const finals: ClockFinal[] = [
    ...run.clocks.map((c) => ({
      ...{ index: c.index, sn: c.serialNumber, shown: c.shown(), link: c.link.status().state },
      ...{ punches: c.made, acknowledged: c.acked, pending: c.pendingCount },
      ...{ wasOnline: c.wasOnline, readyAtStart: ready.has(c) },
    })),
    ...run.unstarted.map(({ index, sn }) => ({
      ...{ index, sn, shown: 'X' as const, link: 'not started', punches: 0, acknowledged: 0, pending: 0 },
      ...{ wasOnline: false, readyAtStart: false },
    })),
  ].sort((a, b) => a.index - b.index);
  await Promise.all(run.clocks.map((c) => c.stop()));
  transport.close();
  clearInterval(sampler);
  const verdict = await findLost(held, api);
  const cpu = process.cpuUsage(cpuStart);
  const processes: ProcessUsage[] = [
    { role: 'fleet', shard: formatShard(shard), cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: peakRss },
  ];
  const cloudUsage = await o.cloud.usage?.();
  if (cloudUsage) {
    const cpuMs = (cloudUsage.cpu.user + cloudUsage.cpu.system) / 1000;
    processes.push({ role: 'cloud', cpuMs, peakRssBytes: cloudUsage.peakRssBytes });
  }
  o.onPhase?.('done');
  const report: Omit<FleetReport, 'verdict'> = {
    format: REPORT_FORMAT,
    run: {
      ...{ profile: profile.name, profileHash: createHash('sha256').update(profile.text).digest('hex') },
      ...{ model: o.model.model, clocks: o.clocks, employeesPerClock: profile.employeesPerClock, seed: o.seed },
      ...{ durationMs: o.durationMs, speed: o.speed, serialPattern: o.serialPattern, cloud: o.cloud.kind },
      start: formatPushTime(profile.start),
      maxRefused: o.maxRefused ?? DEFAULT_MAX_REFUSED,
    },
    shards: [formatShard(shard)],
    totals: {
      ...{ clocks: indices.length, planned, made: tally.made, acknowledged: tally.acked, lost: verdict.lost.length },
      ...(verdict.onServer === undefined ? {} : { onServer: verdict.onServer }),
      ...{ attempts: tally.attempts, commandsApplied: tally.commandsApplied, polls: tally.polls },
      ...{ requests: tally.requests, errors: tally.errors },
    },
    ...{ latency: tally.latency, latencyMs: percentilesOf(tally.latency) },
    ...{ commandTrips: tally.commandTrips, commandTripMs: percentilesOf(tally.commandTrips) },
    ...{ minutes: tally.minutes, lost: verdict.lost, clocks: finals, processes },
    wallMs: performance.now() - wallStart,
  };
  return { ...report, verdict: judge(report) };
}
