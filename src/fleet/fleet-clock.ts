// One clock of the fleet: a real firmware instance with its own store and PUSH link, driven through its
// plan (punches with the profile's credentials, drops, reboots) on the fleet's shared time source, and
// watched: every punch it thanks someone for is timed until the server's OK of the upload that held it.
import { fingerKeyOfTemplate, type DeviceModel, type Finger } from '../../firmware/index.js';
import type { Logger } from '../log.js';
import { CuttableLine, TransportError, type PushRequest, type PushTransport } from '../protocol/index.js';
import { createClock, type Clock, type ClockSource } from '../runtime/index.js';
import type { StoreSpec } from '../store/index.js';
import { startSync, type SyncLink } from '../sync/index.js';
import { badgeOf, FLEET_FINGER, UNKNOWN_CARD_BASE } from './identity.js';
import { record } from './histogram.js';
import type { PlanStep } from './plan.js';
import type { VerifyKind } from './profile.js';
import { countAcked, countError, countMade, type Outcome, type Tally } from './tally.js';

export interface FleetClockOptions {
  index: number;
  serialNumber: string;
  model: DeviceModel;
  source: ClockSource;
  /** `memory`, or the clock's part of the fleet's file (fleet-data.ts). */
  store: 'memory' | StoreSpec;
  transport: PushTransport;
  server: string;
  tally: Tally;
  /** Employees per clock when the fleet seeded the cloud (their badges are known); undefined otherwise. */
  seededPerClock: number | undefined;
  /** Command id → when (fleet monotonic ms) the portal change that queued it was made. */
  commandsQueuedAt: Map<string, number>;
  logger: Logger;
}

/** The clock's online icons: fine, a red dot (server unreachable) or an X (link down). */
export type LinkShown = 'online' | 'red dot' | 'X';

/** A poor read is tried again with a good one this long after. */
const RETRY_AFTER_POOR_READ_MS = 3_000;

const SCREEN_OUTCOMES: [RegExp, Outcome][] = [
  [/Unknown User/i, 'unknown user'],
  [/Already punched/i, 'already punched'],
  [/Poor image|try again/i, 'poor read'],
  [/Unknown card/i, 'unknown card'],
];

export class FleetClock {
  readonly clock: Clock;
  readonly link: SyncLink;
  made = 0;
  acked = 0;
  /** A round with the server went through at least once. */
  wasOnline = false;
  /** The source's time at the profile's start (follow()): plan steps are due this many ms after it. */
  private runStart = 0;
  private readonly pending = new Map<number, number>();
  private readonly line: CuttableLine;
  private steps: PlanStep[] = [];
  private next = 0;
  private timer: number | undefined;
  private off = false;
  private cablesDown = 0;

  constructor(private readonly o: FleetClockOptions) {
    this.clock = createClock({
      device: o.model,
      serialNumber: o.serialNumber,
      store: o.store,
      time: { source: o.source },
      logger: o.logger,
    });
    this.line = new CuttableLine(new CountedLine(o.transport, o.tally), 'the network is down (simulated drop)');
    this.clock.on('punch.recorded', ({ punch }) => {
      this.made++;
      countMade(o.tally, this.minute());
      this.pending.set(punch.seq, performance.now());
    });
    this.link = startSync(this.clock, { transport: this.line, server: o.server, logger: o.logger });
    this.link.on('state.changed', ({ state }) => {
      if (state === 'online') this.wasOnline = true;
    });
    this.link.on('records.uploaded', ({ table, cursor }) => {
      if (table === 'ATTLOG' && cursor !== undefined) this.acknowledged(cursor);
    });
    this.link.on('commands.answered', ({ ids }) => {
      o.tally.commandsApplied += ids.length;
      for (const id of ids) {
        const queued = o.commandsQueuedAt.get(id);
        if (queued === undefined) continue;
        o.commandsQueuedAt.delete(id);
        record(o.tally.commandTrips, performance.now() - queued);
      }
    });
  }

  get index(): number {
    return this.o.index;
  }

  get serialNumber(): string {
    return this.o.serialNumber;
  }

  /** Punches not yet acknowledged by the server. */
  get pendingCount(): number {
    return this.pending.size;
  }

  shown(): LinkShown {
    if (this.clock.state() !== 'running' || !this.clock.linkUp()) return 'X';
    return this.clock.cloudUp() ? 'online' : 'red dot';
  }

  /** Runs the plan's steps at their times after `runStart`; steps already due run at once, in order. */
  follow(steps: PlanStep[], runStart: number): void {
    this.runStart = runStart;
    this.steps = steps;
    this.next = 0;
    this.schedule();
  }

  /** The end of the run: no more steps; links, cables and power all back, so that the backlog can go up. */
  restore(): void {
    if (this.timer !== undefined) this.o.source.clearTimeout(this.timer);
    this.timer = undefined;
    this.line.cut = false;
    this.cablesDown = 0;
    if (this.off) this.powerOn();
    this.applyLink();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) this.o.source.clearTimeout(this.timer);
    await this.link.stop();
    this.clock.close();
  }

  private minute(): number {
    return Math.max(0, Math.floor((this.o.source.now() - this.runStart) / 60_000));
  }

  private acknowledged(cursor: number): void {
    const now = performance.now();
    for (const [seq, at] of this.pending) {
      if (seq > cursor) break;
      this.pending.delete(seq);
      this.acked++;
      countAcked(this.o.tally, this.minute(), now - at);
    }
  }

  private schedule(): void {
    const step = this.steps[this.next];
    if (step === undefined) return;
    const wait = Math.max(0, this.runStart + step.at - this.o.source.now());
    this.timer = this.o.source.setTimeout(() => {
      this.timer = undefined;
      // Every step due by now, in order: a slow event loop must not reorder a drop and its end.
      const now = this.o.source.now() - this.runStart;
      while (this.steps[this.next] !== undefined && this.steps[this.next]!.at <= now)
        this.run(this.steps[this.next++]!);
      this.schedule();
    }, wait);
  }

  private run(step: PlanStep): void {
    if (step.kind === 'drop') {
      if (step.link === 'internet') this.line.cut = !step.up;
      else this.cablesDown = Math.max(0, this.cablesDown + (step.up ? -1 : 1));
      return this.applyLink();
    }
    if (step.kind === 'power') {
      if (step.on) this.powerOn();
      else this.off = true;
      return this.applyLink();
    }
    this.count(this.attempt(step.slot, step.verify, step.draw));
  }

  private powerOn(): void {
    this.off = false;
    this.clock.restart();
  }

  private applyLink(): void {
    const up = !this.off && this.cablesDown === 0;
    if (this.clock.linkUp() !== up) this.clock.setLink(up);
  }

  private count(outcome: Outcome): void {
    this.o.tally.attempts[outcome]++;
  }

  private attempt(slot: number, verify: VerifyKind, draw: number): Outcome {
    if (this.off) return 'clock off';
    const before = this.made;
    if (verify === 'unknownCard') {
      this.clock.tapCard(UNKNOWN_CARD_BASE + (draw % 100_000_000));
      return this.outcome(before);
    }
    const pin = this.pinOf(slot);
    if (pin === undefined) return 'not on the clock';
    if (verify === 'pin') {
      this.clock.type(pin);
      this.clock.press('OK');
    } else if (verify === 'card') {
      const card = this.clock.records.users.findByPin(pin)?.card ?? '';
      if (card === '') return 'no card';
      this.clock.tapCard(card);
    } else {
      const finger = this.fingerOf(pin);
      if (finger === undefined) return 'no finger enrolled';
      this.clock.placeFinger(finger, verify === 'poorRead' ? 'poor' : 'good');
      if (verify === 'poorRead') {
        this.o.source.setTimeout(() => {
          if (this.clock.state() === 'running') this.count(this.attempt(slot, 'finger', draw));
        }, RETRY_AFTER_POOR_READ_MS);
      }
    }
    return this.outcome(before);
  }

  /** Punched when a punch was recorded during the input; otherwise what the screen says. */
  private outcome(madeBefore: number): Outcome {
    if (this.made > madeBefore) return 'punched';
    const text = this.clock.screenText();
    return SCREEN_OUTCOMES.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
  }

  /**
   * The employee of this slot, only if the cloud put them on the clock: a seeded fleet knows their badge;
   * otherwise the slot picks among the users the clock holds, in PIN order.
   */
  private pinOf(slot: number): string | undefined {
    const users = this.clock.records.users;
    if (this.o.seededPerClock !== undefined) {
      const badge = badgeOf(this.o.index, slot, this.o.seededPerClock);
      return users.findByPin(badge) ? badge : undefined;
    }
    const count = users.count();
    return count === 0 ? undefined : users.search('', slot % count, 1)[0]?.pin;
  }

  /**
   * The finger the employee places. A seeded fleet's employee places their own (the fleet enrolled it);
   * whether the clock still knows it is the firmware's to say. Otherwise, the one the clock holds.
   */
  private fingerOf(pin: string): Finger | string | undefined {
    const { templates: table } = this.clock.records;
    // Not decoded from the template: decoding a template costs a punch more than the rest of the driver.
    if (this.o.seededPerClock !== undefined && table.find(pin, FLEET_FINGER) !== undefined)
      return { person: pin, fid: FLEET_FINGER };
    const templates = table.listFor(pin);
    const template = templates.find((t) => t.fid === FLEET_FINGER) ?? templates[0];
    return template ? fingerKeyOfTemplate(template.template) : undefined;
  }
}

/** The clock's own count of what went over the shared transport (a cut line sends nothing to count). */
class CountedLine implements PushTransport {
  constructor(
    private readonly shared: PushTransport,
    private readonly tally: Tally,
  ) {}

  async request(request: PushRequest) {
    this.tally.requests++;
    try {
      const response = await this.shared.request(request);
      if (response.status >= 300) countError(this.tally, `HTTP ${response.status}`);
      else if (request.path.endsWith('getrequest')) this.tally.polls++;
      return response;
    } catch (error) {
      countError(this.tally, error instanceof TransportError ? error.kind : 'other');
      throw error;
    }
  }

  /** The shared transport is the fleet's to close. */
  close(): void {}
}
