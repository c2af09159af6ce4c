// runFleet(): N clocks in one process against one cloud. Seed the cloud (when a token allows), start
// the clocks spread over the power-on window on one shared time source and one keep-alive transport,
// let them follow their plans and the portal its changes, then drain the backlog, check what the server
// holds, and report.
import type { DeviceModel } from '../../firmware/index.js';
import { createLogger, type Logger } from '../log.js';
import { httpTransport, type PushTransport } from '../protocol/index.js';
import type { TimeScale } from '../runtime/index.js';
import { inShard, type Shard } from '../shard/index.js';
import { CloudApi } from './cloud-api.js';
import { FleetClock } from './fleet-clock.js';
import { FleetData, fleetDataFile } from './fleet-data.js';
import type { FleetCloud } from './fleet-cloud.js';
import { serialOf } from './identity.js';
import { employeesIn, planClock, planPortal, type PlanStep } from './plan.js';
import { SocketGate } from './socket-gate.js';
import { applyPortalStep, seedCloud } from './portal-steps.js';
import type { FleetProfile } from './profile.js';
import type { FleetReport } from './report.js';
import { clockFinals, fleetReport, heldPunches, processUsage } from './run-report.js';
import { drain, spreadOut, untilEnd, warmUp } from './run-wait.js';
import { GatedClockSource } from './start-gate.js';
import { countError, newTally, type Tally } from './tally.js';
import { findLost } from './verify.js';

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
  /** The clocks' stores in one SQLite file of this folder (fleet-data.ts); memory stores without it. */
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

/** What the steps of one run share: its options, its shard's clocks, and what the run has made so far. */
interface RunContext {
  o: FleetOptions;
  shard: Shard;
  indices: number[];
  run: RunState;
  snOf: (index: number) => string;
  logger: Logger;
  /** The portal's API when the cloud gave a token; without it nothing is seeded or changed. */
  api: CloudApi | undefined;
  /** Command id → when the portal change that queued it was made (fleet monotonic ms). */
  commandsQueuedAt: Map<string, number>;
}

async function runFleet(o: FleetOptions, shard: Shard, indices: number[], run: RunState): Promise<FleetReport> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const api = o.cloud.token === undefined ? undefined : new CloudApi(o.cloud.url, o.cloud.token);
  const logger = o.logger ?? createLogger({ level: 'silent' });
  const snOf = (index: number) => serialOf(o.serialPattern, index);
  const ctx: RunContext = { o, shard, indices, run, snOf, logger, api, commandsQueuedAt: new Map() };
  const seeded = await seed(ctx);
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);

  // The embedded cloud shares the fleet's time: both stand at the profile's start until the clocks are
  // ready. A cloud at a URL keeps its own (real) time: the profile starts once the clocks are ready.
  const source =
    o.cloud.kind === 'embedded'
      ? new GatedClockSource(o.profile.start)
      : new GatedClockSource({ start: Date.now(), origin: Date.now(), speed: 1 });
  run.source = source;
  const sockets = o.maxSockets ?? DEFAULT_MAX_SOCKETS;
  const transport = new SocketGate(httpTransport(o.cloud.url, { keepAlive: true, maxSockets: sockets }), sockets);
  const data = o.dataDir === undefined ? undefined : new FleetData(fleetDataFile(o.dataDir, shard));
  const { plans, planned } = await powerOnAll(ctx, source, transport, seeded, data);
  const ready = await warmUp(run.clocks, o.signal);
  await follow(ctx, source, plans);

  o.onPhase?.('draining');
  for (const clock of run.clocks) clock.restore();
  await drain(run.clocks, o.speed);

  o.onPhase?.('checking');
  const held = heldPunches(run.clocks);
  const finals = clockFinals(run.clocks, run.unstarted, ready);
  await Promise.all(run.clocks.map((c) => c.stop()));
  data?.close();
  transport.close();
  clearInterval(sampler);
  const server = await findLost(held, api);
  const processes = await processUsage(o, shard, cpuStart, peakRss);
  o.onPhase?.('done');
  const facts = { shard, clocks: indices.length, planned, tally: run.tally, server, finals, processes };
  return fleetReport(o, { ...facts, wallMs: performance.now() - wallStart });
}

/** Registers the clocks and their employees when a token allows it; whether it did. */
async function seed({ o, indices, api, snOf }: RunContext): Promise<boolean> {
  const seeded = api !== undefined && o.profile.employeesPerClock > 0;
  if (!seeded) return false;
  o.onPhase?.('seeding', `${indices.length} clocks × ${o.profile.employeesPerClock} employees`);
  const targets = indices.map((index) => ({ index, sn: snOf(index) }));
  // The fleet's own cloud is seeded in its process; a cloud at a URL through its API, a call per employee.
  if (o.cloud.seed !== undefined) await o.cloud.seed(targets, o.profile.employeesPerClock);
  else await seedCloud(api, targets, o.profile.employeesPerClock);
  return true;
}

/**
 * Starts the shard's clocks over the power-on window, time held at the profile's start; a clock whose
 * store cannot be opened is noted as unstarted and the others go on. Their plans, and the punches planned.
 */
async function powerOnAll(
  ctx: RunContext,
  source: GatedClockSource,
  transport: PushTransport,
  seeded: boolean,
  data: FleetData | undefined,
) {
  const { o, run, snOf } = ctx;
  const plans = new Map<FleetClock, PlanStep[]>();
  let planned = 0;
  const powerOn = (index: number) => {
    const sn = snOf(index);
    const steps = planClock(o.profile, o.seed, index);
    planned += steps.filter((s) => s.kind === 'punch' && s.at < o.durationMs).length;
    let clock: FleetClock;
    try {
      clock = new FleetClock({
        ...{ index, serialNumber: sn, model: o.model, source, transport, server: o.cloud.url, tally: run.tally },
        store: data === undefined ? 'memory' : data.storeOf(sn),
        seededPerClock: seeded ? o.profile.employeesPerClock : undefined,
        ...{ commandsQueuedAt: ctx.commandsQueuedAt, logger: ctx.logger },
      });
    } catch (error) {
      // A store that cannot be opened (no file descriptor left, a full disk): this clock never runs, the
      // others do, and the report names it.
      const problem = `the clock's store could not be opened: ${(error as Error).message}`;
      run.unstarted.push({ index, sn, problem });
      countError(run.tally, problem);
      return;
    }
    run.clocks.push(clock);
    plans.set(clock, steps);
  };
  o.onPhase?.('powering on', `${ctx.indices.length} clocks, time held at the profile's start`);
  await spreadOut(ctx.indices, o.clocks, o.profile.powerOnSpreadMs / o.speed, powerOn, o.signal);
  return { plans, planned };
}

/** Opens the gate, lets every clock follow its plan and the portal make its changes until the run's end. */
async function follow(ctx: RunContext, source: GatedClockSource, plans: Map<FleetClock, PlanStep[]>): Promise<void> {
  const { o, run, api } = ctx;
  const scale: TimeScale =
    o.cloud.kind === 'embedded' ? { start: o.profile.start, origin: Date.now(), speed: o.speed } : source.scale!;
  await o.cloud.startTime?.(scale);
  if (!source.isOpen) source.open(scale);
  const runStart = source.now();
  run.runStart = runStart;
  for (const [clock, steps] of plans) clock.follow(steps, runStart);
  const timers: number[] = [];
  o.onPhase?.('running');
  const portalWork: Promise<unknown>[] = [];
  if (api !== undefined) {
    const perClock = o.profile.employeesPerClock;
    for (const step of planPortal(o.profile, o.seed, o.clocks)) {
      const mine = employeesIn(step, perClock, (i) => inShard(i, ctx.shard));
      const apply = () =>
        applyPortalStep(api, step, mine, perClock, ctx.snOf, ctx.commandsQueuedAt).catch((error: Error) =>
          countError(run.tally, `portal: ${error.message}`),
        );
      if (mine.length > 0) timers.push(source.setTimeout(() => portalWork.push(apply()), step.at));
    }
  }
  await untilEnd(source, runStart + o.durationMs, o.signal);
  for (const id of timers) source.clearTimeout(id);
  await Promise.all(portalWork);
}
