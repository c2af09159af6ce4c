// The simulated world a scenario runs in: its clocks, the embedded cloud when there is one, one
// virtual time they all share, and a log kept in memory. Every input goes through act(), which is
// what the journal records and what replay feeds back.
import { startLanListener, type LanListener } from '../lan/index.js';
import { createLogger, type Logger } from '../log.js';
import { createClock, VirtualClockSource, type Clock } from '../runtime/index.js';
import type { StoreFaultSwitch } from '../store/index.js';
import type { StoreFault } from '../../firmware/index.js';
import type { CloudHarness } from './cloud-harness.js';
import type { CoverageRecorder } from './coverage.js';
import { formatDuration } from './duration.js';
import { createEmbeddedCloud } from './embedded-cloud.js';
import type { Act, JournalWriter, WorldSetup } from './journal.js';
import type { DiskState } from './types.js';
import { LogRing } from './log-ring.js';
import { seededRandom, type Random } from './random.js';
import { seedClock } from './seed.js';
import { createUrlCloud } from './url-cloud.js';
import { codedError } from '../errors.js';

export interface WorldOptions {
  seed: number;
  /** pino level of the kept log (default `info`). */
  logLevel?: string;
  coverage?: CoverageRecorder;
  /**
   * A logger to use instead of the world's own, whose lines `log:` expectations read: the generator's
   * walks check no log, and a redacting pino logger made for each of its hundreds of walks was a large
   * share of `scenario generate`'s time.
   */
  logger?: Logger;
}

/** Lets every promise the last input started run to its end: the sync link and the cloud are async. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An external server answers on the wire's time, not the scenario's: poll the condition in real time. */
async function realTimeWait(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return done();
}

const DISK_FAULTS: Record<DiskState, StoreFault | undefined> = {
  ok: undefined,
  full: 'full',
  'read-only': 'read-only',
  failing: 'failed',
};

export class World {
  readonly clocks = new Map<string, Clock>();
  /** LAN listeners of the clocks with `lan: true`, once startLan() opened them. */
  readonly lan = new Map<string, LanListener>();
  readonly log = new LogRing();
  readonly logger: Logger;
  readonly random: Random;
  cloud: CloudHarness | undefined;
  journal: JournalWriter | undefined;
  /** Timers of the world itself (the cloud's waits), on the same virtual time as the clocks. */
  private readonly worldSource: VirtualClockSource;
  private readonly sources: VirtualClockSource[] = [];
  /** Each clock's data volume, which the `disk:` step makes full, read-only or failing. */
  private readonly disks = new Map<string, StoreFaultSwitch>();
  private lanIds = 0;
  /** Anything async in the world (a sync link): then timers fire one instant at a time, settling between. */
  private async = false;

  constructor(
    readonly setup: WorldSetup,
    options: WorldOptions,
  ) {
    this.worldSource = new VirtualClockSource(setup.startUtc);
    this.sources.push(this.worldSource);
    this.random = seededRandom(options.seed);
    // Log times are virtual too: two runs of a scenario write the same lines.
    this.logger =
      options.logger ??
      createLogger({
        level: options.logLevel ?? 'info',
        destination: this.log,
        time: () => new Date(this.worldSource.now()).toISOString(),
      });
    for (const spec of setup.clocks) {
      const observe = options.coverage?.observe;
      const disk: StoreFaultSwitch = { fault: undefined };
      this.disks.set(spec.serial, disk);
      const clock = createClock({
        device: spec.device,
        serialNumber: spec.serial,
        store: { kind: 'memory', faults: disk },
        time: { virtual: setup.startUtc },
        logger: this.logger,
        ...(observe ? { inspect: observe } : {}),
      });
      this.sources.push(clock.source as VirtualClockSource);
      this.clocks.set(spec.serial, clock);
      if (spec.timeZoneMinutes !== 0) {
        clock.send({
          type: 'settings.changed',
          settings: { ...clock.settings(), timeZoneMinutes: spec.timeZoneMinutes },
        });
      }
    }
    try {
      this.connectCloud();
    } catch (error) {
      // A world that cannot be set up must not leave its clocks open.
      for (const clock of this.clocks.values()) clock.close();
      throw error;
    }
  }

  private connectCloud(): void {
    const { cloud, clocks, employees } = this.setup;
    if (cloud.kind === 'none') {
      for (const clock of this.clocks.values()) seedClock(clock, employees);
      return;
    }
    this.async = true;
    const harness =
      cloud.kind === 'url'
        ? createUrlCloud(cloud.url, this.logger)
        : createEmbeddedCloud({
            source: this.worldSource,
            logger: this.logger,
            serials: clocks.map((c) => c.serial),
            timeZoneMinutes: clocks[0]?.timeZoneMinutes ?? 0,
            ...(cloud.delaySeconds === undefined ? {} : { delaySeconds: cloud.delaySeconds }),
            ...(cloud.errorDelaySeconds === undefined ? {} : { errorDelaySeconds: cloud.errorDelaySeconds }),
          });
    this.cloud = harness;
    harness.seed(employees);
    for (const clock of this.clocks.values()) harness.connect(clock);
  }

  /**
   * Opens the LAN listener of every clock with `lan: true`, on 127.0.0.1 and a free port (the log says
   * which). SDK clients live in real time: inputs then let the event loop turn, so their requests are served.
   */
  async startLan(onListening?: (serial: string, address: { host: string; port: number }) => void): Promise<void> {
    for (const spec of this.setup.clocks) {
      if (spec.lan !== true) continue;
      const listener = await startLanListener({ clock: this.clock(spec.serial), log: this.logger, port: 0 });
      this.lan.set(spec.serial, listener);
      this.async = true;
      onListening?.(spec.serial, { host: listener.host, port: listener.port });
    }
  }

  /** Waits in real time (virtual time stands still) for what only the outside world changes: SDK clients. */
  realTimeUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return realTimeWait(done, timeoutMs);
  }

  /** The id of the `lan:` step's next request (the firmware answers each by its id). */
  nextLanId(): number {
    return ++this.lanIds;
  }

  /** Virtual UTC now, ms. */
  now(): number {
    return this.worldSource.now();
  }

  /** Virtual ms since the scenario started. */
  elapsed(): number {
    return this.now() - this.setup.startUtc;
  }

  clock(serial: string): Clock {
    const clock = this.clocks.get(serial);
    if (clock === undefined) throw codedError('TC_ERR_SCENARIO_STEP', `no clock ${serial} in this scenario`);
    return clock;
  }

  frames(): Record<string, string> {
    return Object.fromEntries([...this.clocks].map(([sn, clock]) => [sn, clock.screenText()]));
  }

  /** One input to the world, recorded in the journal with the screens that followed it. */
  async act(on: string, act: Act): Promise<void> {
    const at = this.elapsed();
    await this.perform(on, act);
    this.recorded(on, act, at);
  }

  /** Notes an input already performed (the time a `wait` let pass) in the journal. */
  recorded(on: string, act: Act, at: number): void {
    this.journal?.write({ at, on, act, frames: this.frames() });
  }

  private async perform(on: string, act: Act): Promise<void> {
    const clock = this.clock(on);
    if ('press' in act) clock.press(act.press);
    else if ('finger' in act) {
      const f = act.finger;
      // Nobody enrolls a finger of person "unknown": a scan of it matches no template.
      clock.placeFinger('unknown' in f ? { person: 'unknown', fid: 0 } : { person: f.badge, fid: f.fid }, act.quality);
    } else if ('card' in act) clock.tapCard(act.card);
    else if ('network' in act) clock.setLink(act.network === 'up');
    else if ('cloud' in act) {
      // Without a cloud the step plays the link's part: it tells the firmware the server answers or not.
      if (this.cloud) this.cloud.setAvailable(act.cloud === 'up');
      else clock.setCloud(act.cloud === 'up');
    } else if ('fault' in act) this.needCloud().fault(act.fault, act.count);
    else if ('restart' in act) clock.restart();
    else if ('portal' in act) this.needCloud().portal(act.portal);
    else if ('sync' in act) await this.syncIdle(on, act.timeoutMs);
    else if ('advance' in act) await this.advance(act.advance);
    else if ('disk' in act) this.disks.get(on)!.fault = DISK_FAULTS[act.disk];
    else clock.send(act.input);
    if (this.async) await settle();
  }

  private needCloud(): CloudHarness {
    if (this.cloud === undefined) throw codedError('TC_ERR_SCENARIO_NEEDS_CLOUD', 'this step needs the embedded cloud');
    return this.cloud;
  }

  /** Advances virtual time until the clock's link has nothing left to fetch or upload. */
  private async syncIdle(serial: string, timeoutMs: number): Promise<void> {
    let done = false;
    let failure: Error | undefined;
    this.needCloud()
      .whenIdle(serial)
      .then(
        () => (done = true),
        (error: unknown) =>
          (failure = error instanceof Error ? error : codedError('TC_ERR_SCENARIO_SYNC_IDLE', String(error))),
      );
    const finished = this.cloud?.realTime
      ? await realTimeWait(() => done || failure !== undefined, timeoutMs)
      : await this.advanceUntil(() => done || failure !== undefined, timeoutMs);
    if (failure) throw codedError('TC_ERR_SCENARIO_SYNC_IDLE', `sync: idle: ${failure.message}`);
    if (!finished)
      throw codedError(
        'TC_ERR_SCENARIO_SYNC_IDLE',
        `sync: idle: the link of ${serial} was still busy after ${formatDuration(timeoutMs)}`,
      );
  }

  /** Moves virtual time forward; every due timer fires at its own time, in order. */
  async advance(ms: number): Promise<void> {
    if (!this.async) {
      for (const source of this.sources) source.advance(ms);
      return;
    }
    await this.advanceUntil(() => false, ms);
  }

  /**
   * Advances from one due timer to the next, checking `done` at each instant, until it holds (true)
   * or `timeoutMs` has passed (false). Time stops at the instant `done` first holds.
   */
  async advanceUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = this.elapsed() + timeoutMs;
    if (this.async) await settle();
    while (!done()) {
      const remaining = deadline - this.elapsed();
      if (remaining <= 0) return false;
      const next = this.nextDueIn();
      const step = next === undefined ? remaining : Math.min(next, remaining);
      for (const source of this.sources) source.advance(step);
      if (!this.async) continue;
      // Most instants of a day (a poll answered OK at once) leave nothing in flight: no promise to await.
      const settled = this.lan.size === 0 ? this.cloud?.settle?.() : undefined;
      if (settled !== true) await this.settleTimers(settled);
    }
    return true;
  }

  /**
   * After timers fired: the links' rounds run in this process, so waiting for them is enough — a turn of
   * the event loop for each of a day's 40,000 polls was a third of the day's time. Real I/O (LAN clients,
   * a URL cloud) and a cloud waiting on a timer still get the turn.
   */
  private async settleTimers(settling: boolean | Promise<boolean> | undefined): Promise<void> {
    if (!(await settling)) await settle();
  }

  private nextDueIn(): number | undefined {
    let next: number | undefined;
    for (const source of this.sources) {
      const due = source.nextDueIn();
      if (due !== undefined && (next === undefined || due < next)) next = due;
    }
    return next;
  }

  async close(): Promise<void> {
    this.journal?.close();
    for (const listener of this.lan.values()) await listener.close();
    await this.cloud?.close();
    for (const clock of this.clocks.values()) clock.close();
  }
}
