// The running clock: the firmware's actor on a store behind the one door, powered on, watched (a fault
// in a step reboots it on the same store), ticked at each minute of device time, and told inputs.
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import {
  defaultSettings,
  frameText,
  parseCardNumber,
  screenFrame,
  type ClockEmitted,
  type ClockInput,
  type ClockMachine,
  type ClockRecords,
  type ClockSettings,
  type CommandAnswer,
  type CommandLine,
  type DeviceModel,
  type Key,
  type LoadedCounts,
  type Punch,
  type RecordsLoad,
  type ScreenFrame,
  type TimedEvent,
} from '../../firmware/index.js';
import { macAddressFor } from '../devices/index.js';
import { codedError } from '../errors.js';
import type { Logger } from '../log.js';
import type { OpenedStore } from '../store/index.js';
import type { Clock, ClockFact } from './clock-api.js';
import { FactListeners, logFact, ScreenRelay } from './clock-facts.js';
import { Power } from './clock-power.js';
import { deviceTime, hostZoneSettings, MinuteTicker } from './clock-rtc.js';
import { VirtualClockSource, type ClockSource, type TimerId } from './clock-source.js';
import { storeDoor, type StoreDoor } from './door.js';
import { inSeat, seatedClockMachine } from './seat.js';
import { fingerFrom, type FingerSpec } from './inputs.js';

export class RunningClock implements Clock {
  readonly macAddress: string;
  private readonly power: Power;
  private readonly listeners = new FactListeners();
  private readonly screen: ScreenRelay;
  private readonly ticker: MinuteTicker;
  private closed = false;
  private cablePlugged = true;
  private readonly door: StoreDoor;
  private readonly machine: ClockMachine;

  constructor(
    readonly model: DeviceModel,
    readonly serialNumber: string,
    private readonly store: OpenedStore,
    readonly source: ClockSource,
    private readonly log: Logger,
    realTime: boolean,
    private readonly inspect?: (event: InspectionEvent) => void,
  ) {
    this.macAddress = macAddressFor(model, serialNumber);
    this.screen = new ScreenRelay(() => this.drawn(), this.listeners);
    this.ticker = new MinuteTicker(
      source,
      () => this.now(),
      () => this.tick(),
    );
    this.door = storeDoor(store);
    this.machine = seatedClockMachine();
    // The factory setting, written before the firmware first runs: no running clock is changed behind it.
    if (realTime && store.settings.load() === undefined) store.settings.save(hostZoneSettings(model));
    this.power = new Power(serialNumber, log, {
      // In the seat from creation: the initial state's builders read the store as the actor is created.
      inSeat: (fn) => inSeat(this.door, fn),
      create: (onCrash) => this.createActor(onCrash),
      started: (actor) => {
        if (!this.cablePlugged) actor.send({ type: 'link.down' });
        this.ticker.schedule();
        this.log.info({ model: this.model.model }, 'power on');
      },
      off: () => this.ticker.stop(),
    });
    this.power.boot();
  }

  get records(): ClockRecords {
    return this.door.records;
  }

  send(event: ClockInput, burst = false): void {
    this.input(event, !burst);
  }

  command(line: CommandLine): CommandAnswer {
    let answer: CommandAnswer | undefined;
    const off = this.on('command.answered', (fact) => {
      if (fact.id === line.id) answer = fact;
    });
    try {
      this.send({ type: 'cloud.command', line });
    } finally {
      off();
    }
    if (answer === undefined)
      throw codedError('TC_ERR_CLOCK_UNANSWERED', `clock ${this.serialNumber}: command ${line.id} was not answered`);
    return { outcome: answer.outcome, replayed: answer.replayed, answered: answer.answered };
  }

  load(records: RecordsLoad): LoadedCounts {
    let loaded: { ok: boolean; counts: LoadedCounts } | undefined;
    const off = this.on('records.loaded', (fact) => (loaded = fact));
    try {
      this.send({ type: 'records.load', load: records });
    } finally {
      off();
    }
    if (loaded === undefined)
      throw codedError('TC_ERR_CLOCK_UNANSWERED', `clock ${this.serialNumber}: the load was not answered`);
    if (!loaded.ok)
      throw codedError(
        'TC_ERR_CLOCK_LOAD_REFUSED',
        `clock ${this.serialNumber}: the store refused the load (see store.failed)`,
      );
    return loaded.counts;
  }

  press(key: Key): void {
    this.send({ type: 'keypad.key', key });
  }

  /** One burst of keys at one moment: the firmware's time is brought up to date once, not before each key. */
  type(digits: string): void {
    let first = true;
    for (const digit of digits) {
      if (!/^[0-9]$/.test(digit))
        throw codedError('TC_ERR_CLOCK_INPUT', `type: "${digits}" has "${digit}", which is not a digit key`);
      // Through send(), so that a recording of the clock (scenario/record-clock.ts) sees every key.
      this.send({ type: 'keypad.key', key: digit as Key }, !first);
      first = false;
    }
  }

  placeFinger(finger: FingerSpec, quality: 'good' | 'poor' = 'good'): void {
    this.send({ type: 'finger.placed', finger: fingerFrom(finger), quality });
  }

  tapCard(card: string | number): void {
    const number = parseCardNumber(card);
    if (number === undefined)
      throw codedError('TC_ERR_CLOCK_INPUT', `tapCard: "${card}" is not a card number (decimal, 0-4294967295)`);
    this.send({ type: 'card.tapped', card: number });
  }

  setLink(up: boolean): void {
    this.assertOpen();
    // Set first: whoever hears the frame change asks linkUp() at once.
    const changed = this.cablePlugged !== up;
    this.cablePlugged = up;
    this.send({ type: up ? 'link.up' : 'link.down' });
    if (changed) this.listeners.dispatch({ type: 'link.changed', up });
  }

  linkUp(): boolean {
    return this.cablePlugged;
  }

  state(): 'running' | 'halted' | 'closed' {
    return this.closed ? 'closed' : this.power.halted !== undefined ? 'halted' : 'running';
  }

  setCloud(up: boolean): void {
    this.send({ type: up ? 'cloud.up' : 'cloud.down' });
  }

  cloudUp(): boolean {
    return this.actor.getSnapshot().matches({ cloud: 'online' });
  }

  frame(): ScreenFrame {
    return screenFrame(this.actor.getSnapshot());
  }

  screenText(): string {
    return frameText(this.frame(), this.model.screen.columns);
  }

  now(): number {
    return deviceTime(this.source, this.settings());
  }

  settings(): ClockSettings {
    // Before the first boot the actor does not exist yet: the store holds the truth then.
    return (
      this.power.current?.getSnapshot().context.settings ?? this.store.settings.load() ?? defaultSettings(this.model)
    );
  }

  storeSync(): 'full' | 'normal' | 'memory' {
    return this.store.syncMode();
  }

  punches(): Punch[] {
    return this.store.punches.after(0, Number.MAX_SAFE_INTEGER);
  }

  advance(ms: number): void {
    if (!(this.source instanceof VirtualClockSource))
      throw codedError('TC_ERR_CLOCK_REAL_TIME', 'advance: this clock runs in real time');
    this.source.advance(ms);
  }

  on<T extends ClockFact['type']>(type: T, handler: (fact: Extract<ClockFact, { type: T }>) => void): () => void {
    return this.listeners.on(type, handler);
  }

  /** Also the way out of a halt: the fault that stopped power-on may be gone. */
  restart(): void {
    if (this.closed) throw codedError('TC_ERR_CLOCK_CLOSED', `clock ${this.serialNumber} is closed`);
    this.log.info('restart');
    this.power.restart();
  }

  close(): void {
    if (this.closed) return;
    this.power.off();
    this.store.close();
    this.closed = true;
    this.log.info('closed');
  }

  private createActor(onCrash: (error: unknown) => void): Actor<ClockMachine> {
    const saved = this.store.settings.load();
    const actor = createActor(this.machine, {
      ...(this.inspect ? { inspect: this.inspect } : {}),
      clock: {
        setTimeout: (fn, ms) => this.source.setTimeout(() => inSeat(this.door, fn), ms),
        clearTimeout: (id) => this.source.clearTimeout(id as TimerId),
      },
      input: {
        model: this.model,
        serialNumber: this.serialNumber,
        macAddress: this.macAddress,
        now: this.now(),
        ...(saved === undefined ? {} : { saved }),
      },
    });
    actor.on('*', (fact) => this.onFact(fact));
    actor.subscribe({ next: () => this.screen.changed(), error: onCrash });
    return actor;
  }

  private get actor(): Actor<ClockMachine> {
    return this.power.actor;
  }

  private onFact(fact: ClockEmitted): void {
    logFact(this.log, fact);
    if (fact.type === 'settings.saved') this.ticker.schedule();
    this.screen.beforeFact();
    this.listeners.dispatch(fact);
  }

  /** The frame now, for the screen relay; none while the firmware is not running. */
  private drawn(): { frame: ScreenFrame; text: string } | undefined {
    if (this.power.current === undefined || this.power.halted !== undefined) return undefined;
    const frame = this.frame();
    return { frame, text: frameText(frame, this.model.screen.columns) };
  }

  /**
   * An input told to the firmware, with the time it is given at unless its burst already set it: the
   * clock's time and the input are one step (clock.time.ts), not a `clock.tick` and then the input.
   */
  private input(event: ClockInput, timed: boolean): void {
    this.assertOpen();
    const now = timed ? this.now() : undefined;
    // Stamped only when the time moved: the event as given otherwise, no copy of it.
    const given: TimedEvent =
      now === undefined || now === this.actor.getSnapshot().context.now ? event : { ...event, now };
    // A refused punch is thanked in its step and refused by the `store.failed` the effect sends after it:
    // the frame between them ("Thank you" before the write failed) is never drawn.
    this.screen.deliver(() => inSeat(this.door, () => this.actor.send(given)));
  }

  /** The minute's tick of the RTC, when no input came to carry the time (the idle screen's clock). */
  private tick(): void {
    const now = this.now();
    if (now !== this.actor.getSnapshot().context.now)
      inSeat(this.door, () => this.actor.send({ type: 'clock.tick', now }));
  }

  private assertOpen(): void {
    if (this.closed) throw codedError('TC_ERR_CLOCK_CLOSED', `clock ${this.serialNumber} is closed`);
    this.power.assertRunning();
  }
}
