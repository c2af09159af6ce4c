// runFleet(): N clocks in one process against one cloud. Seed the cloud (when a token allows), start
// the clocks spread over the power-on window on one shared time source and one keep-alive transport,
// let them follow their plans and the portal its changes, then drain the backlog, check what the server
// holds, and report.
import { createHash } from 'node:crypto';
import type { DeviceModel } from '../../firmware/index.js';
import { createLogger, type Logger } from '../log.js';
import { formatPushTime, httpTransport } from '../protocol/index.js';
import { ScaledClockSource, type TimeScale } from '../runtime/index.js';
import { formatShard, inShard, type Shard } from '../shard/index.js';
import { CloudApi } from './cloud-api.js';
import { FleetClock } from './fleet-clock.js';
import type { FleetCloud } from './fleet-cloud.js';
import { percentilesOf } from './histogram.js';
import { serialOf } from './identity.js';
import { employeesIn, planClock, planPortal } from './plan.js';
import { applyPortalStep, seedCloud } from './portal-steps.js';
import type { FleetProfile } from './profile.js';
import { REPORT_FORMAT, type FleetReport, type ProcessUsage } from './report.js';
import { newTally, type Tally } from './tally.js';
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
  logger?: Logger;
  /** Ends the run early (Ctrl-C): the fleet still drains, checks and reports. */
  signal?: AbortSignal;
  /** Hears what the fleet is doing, for the live view. */
  onPhase?: (phase: Phase, detail?: string) => void;
}

export type Phase = 'seeding' | 'running' | 'draining' | 'checking' | 'done';

/** What the live view reads while the run goes on. */
export interface FleetRun {
  readonly tally: Tally;
  readonly clocks: readonly FleetClock[];
  /** Clocks of this process, started or not. */
  readonly planned: number;
  readonly source: ScaledClockSource | undefined;
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
    source: undefined as ScaledClockSource | undefined,
    runStart: options.profile.start,
    result: undefined as unknown as Promise<FleetReport>,
  };
  // On the next turn, so that the caller hears the first phase (its listener is set by then).
  run.result = Promise.resolve().then(() => runFleet(options, shard, indices, run));
  return run;
}

async function runFleet(
  o: FleetOptions,
  shard: Shard,
  indices: number[],
  run: { tally: Tally; clocks: FleetClock[]; source: ScaledClockSource | undefined; runStart: number },
): Promise<FleetReport> {
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

  // A little ahead, so that the cloud has its scale before the first clock asks it the time.
  const origin = Date.now() + 100;
  const scale: TimeScale =
    o.cloud.kind === 'embedded'
      ? { start: profile.start, origin, speed: o.speed }
      : { start: origin, origin, speed: 1 };
  await o.cloud.startTime?.(scale);
  const source = new ScaledClockSource(scale);
  run.source = source;
  run.runStart = scale.start;
  const transport = httpTransport(o.cloud.url, { keepAlive: true, maxSockets: o.maxSockets ?? 256 });
  const commandsQueuedAt = new Map<string, number>();
  const timers: number[] = [];
  o.onPhase?.('running');

  for (const index of indices) {
    const powerOn = (index / o.clocks) * profile.powerOnSpreadMs;
    timers.push(
      source.setTimeout(() => {
        const sn = snOf(index);
        const clock = new FleetClock({
          index,
          serialNumber: sn,
          model: o.model,
          source,
          runStart: scale.start,
          store: o.dataDir === undefined ? 'memory' : `${o.dataDir}/${sn}.db`,
          transport,
          server: o.cloud.url,
          tally,
          seededPerClock: seeded ? profile.employeesPerClock : undefined,
          commandsQueuedAt,
          logger,
        });
        run.clocks.push(clock);
        clock.follow(planClock(profile, o.seed, index));
      }, powerOn),
    );
  }
  const portalWork: Promise<unknown>[] = [];
  if (api !== undefined) {
    for (const step of planPortal(profile, o.seed, o.clocks)) {
      const mine = employeesIn(step, profile.employeesPerClock, (i) => inShard(i, shard));
      const apply = () =>
        applyPortalStep(api, step, mine, profile.employeesPerClock, snOf, commandsQueuedAt).catch((error: Error) => {
          tally.errors[`portal: ${error.message}`] = (tally.errors[`portal: ${error.message}`] ?? 0) + 1;
        });
      if (mine.length > 0) timers.push(source.setTimeout(() => portalWork.push(apply()), step.at));
    }
  }
  await untilEnd(source, scale.start + o.durationMs, o.signal);
  for (const id of timers) source.clearTimeout(id);
  await Promise.all(portalWork);

  o.onPhase?.('draining');
  for (const clock of run.clocks) clock.restore();
  await drain(run.clocks, o.speed);

  o.onPhase?.('checking');
  const held: HeldPunch[] = [];
  for (const clock of run.clocks) {
    const cursor = clock.clock.records.cursors.get('ATTLOG');
    for (const p of clock.clock.punches()) {
      held.push({ sn: clock.serialNumber, pin: p.pin, time: p.time, seq: p.seq, acknowledged: p.seq <= cursor });
    }
  }
  const finals = run.clocks
    .map((c) => ({
      index: c.index,
      sn: c.serialNumber,
      shown: c.shown(),
      link: c.link.status().state,
      punches: c.made,
      acknowledged: c.acked,
      pending: c.pendingCount,
    }))
    .sort((a, b) => a.index - b.index);
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
  const report: FleetReport = {
    format: REPORT_FORMAT,
    run: {
      profile: profile.name,
      profileHash: createHash('sha256').update(profile.text).digest('hex'),
      model: o.model.model,
      clocks: o.clocks,
      employeesPerClock: profile.employeesPerClock,
      seed: o.seed,
      durationMs: o.durationMs,
      speed: o.speed,
      serialPattern: o.serialPattern,
      cloud: o.cloud.kind,
      start: formatPushTime(profile.start),
    },
    shards: [formatShard(shard)],
    totals: {
      clocks: indices.length,
      made: tally.made,
      acknowledged: tally.acked,
      lost: verdict.lost.length,
      ...(verdict.onServer === undefined ? {} : { onServer: verdict.onServer }),
      attempts: tally.attempts,
      commandsApplied: tally.commandsApplied,
      polls: tally.polls,
      requests: tally.requests,
      errors: tally.errors,
    },
    latency: tally.latency,
    latencyMs: percentilesOf(tally.latency),
    commandTrips: tally.commandTrips,
    commandTripMs: percentilesOf(tally.commandTrips),
    minutes: tally.minutes,
    lost: verdict.lost,
    clocks: finals,
    processes,
    wallMs: performance.now() - wallStart,
  };
  return report;
}

function untilEnd(source: ScaledClockSource, end: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = source.setTimeout(finish, Math.max(0, end - source.now()));
    // The source's timers do not keep the process alive; the run must.
    const keepAlive = setInterval(() => {}, 1 << 30);
    function finish(): void {
      source.clearTimeout(timer);
      clearInterval(keepAlive);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
    if (signal?.aborted) finish();
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * Waits until every punch is acknowledged, or until the clocks had time for two retries and two polls
 * (ErrorDelay and Delay in clock time); clocks that wait for a retry are asked to go now.
 */
async function drain(clocks: readonly FleetClock[], speed: number): Promise<void> {
  const pending = () => clocks.some((c) => c.pendingCount > 0);
  for (const clock of clocks) {
    if (clock.pendingCount > 0) clock.link.whenIdle().catch(() => {});
  }
  const options = clocks[0]?.link.status().options;
  const clockMs = 2 * ((options?.errorDelay ?? 30) + (options?.delay ?? 10)) * 1000;
  const deadline = performance.now() + Math.max(5_000, clockMs / speed);
  while (pending() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
