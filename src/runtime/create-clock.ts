// createClock(): the firmware machine running as an actor, wired to a store, a clock source and a
// logger. This is the library API for scripting the clock, and what the CLI, the UI and sync build on.
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import {
  formatTimestamp,
  frameText,
  screenFrame,
  type ClockEmitted,
  type ClockInput,
  type ClockMachine,
  type ClockRecords,
  type CommandAnswer,
  type CommandLine,
  type DeviceModel,
  type Key,
  type LoadedCounts,
  type Punch,
  type RecordsLoad,
  type ScreenFrame,
} from '../../firmware/index.js';
import { parseCardNumber } from '../../firmware/index.js';
import { defaultSettings, type ClockSettings } from '../../firmware/index.js';
import { loadDeviceModel, macAddressFor, serialNumberFor, isValidSerialNumber } from '../devices/index.js';
import { createLogger, type Logger } from '../log.js';
import { openStore, type OpenedStore, type StoreSpec } from '../store/index.js';
import { RealClockSource, VirtualClockSource, type ClockSource, type TimerId } from './clock-source.js';
import { storeDoor, type StoreDoor } from './door.js';
import { inSeat, seatedClockMachine } from './seat.js';
import { fingerFrom, type FingerSpec } from './inputs.js';

export interface ClockOptions {
  /** A model name from devices/ or a parsed model; default `biometric`. */
  device?: string | DeviceModel;
  /** Default: the model's format filled from 1 (`TC1A000001`). */
  serialNumber?: string;
  /** `memory` (default), a SQLite file path, or a spec. */
  store?: 'memory' | string | StoreSpec;
  /**
   * For a file store: `full` (default) fsyncs every punch, so none is lost even to a power cut of the
   * host; `normal` (WAL) survives the simulator being killed at any point but not a power cut, and punches
   * several times faster (see BENCHMARKS.md).
   */
  storeSync?: 'full' | 'normal';
  /**
   * Real wall time (default), virtual time starting at a local time (`2026-11-25T07:58:00` or ms), or a
   * source shared with other clocks (a fleet's): the clock's zone then comes from its server, not the host.
   */
  time?: 'real' | { virtual: string | number } | { source: ClockSource };
  logger?: Logger;
  /** xstate's inspection events of the firmware actor (coverage tools use it); kept across restarts. */
  inspect?: (event: InspectionEvent) => void;
}

export type ClockFact =
  | ClockEmitted
  | { type: 'frame.changed'; frame: ScreenFrame; text: string }
  /** The network cable was plugged in or pulled out (setLink); told once per change. */
  | { type: 'link.changed'; up: boolean };

export interface Clock {
  readonly model: DeviceModel;
  readonly serialNumber: string;
  readonly macAddress: string;
  /** The clock's tables, to read; every change enters through the firmware (send, command, load). */
  readonly records: ClockRecords;
  readonly source: ClockSource;
  /** Sends any input event; the RTC is brought up to date first. */
  send(event: ClockInput): void;
  /** A PUSH command line, decided and applied by the firmware: its Return code and reply. */
  command(line: CommandLine): CommandAnswer;
  /** Users, fingers and punches put on the clock as a set-up (load.ts), through the firmware. */
  load(records: RecordsLoad): LoadedCounts;
  press(key: Key): void;
  /** Presses each digit of a string. */
  type(digits: string): void;
  placeFinger(finger: FingerSpec, quality?: 'good' | 'poor'): void;
  tapCard(card: string | number): void;
  setLink(up: boolean): void;
  /** Whether the network cable is plugged in; it stays as set across restarts, like a real cable. */
  linkUp(): boolean;
  /** running; halted after a fault at power on (restart() retries); closed. */
  state(): 'running' | 'halted' | 'closed';
  setCloud(up: boolean): void;
  /** Whether the firmware holds the cloud server for answering (the cloud icon without a red dot). */
  cloudUp(): boolean;
  frame(): ScreenFrame;
  /** The screen as text, status bar first. */
  screenText(): string;
  /** The device's local time (ms of a naive local calendar). */
  now(): number;
  settings(): ClockSettings;
  /** How the store writes reach the disk, read back from SQLite: `full`, `normal`, or `memory`. */
  storeSync(): 'full' | 'normal' | 'memory';
  punches(): Punch[];
  /** Virtual time only: moves time forward, firing every due timer in order. */
  advance(ms: number): void;
  on<T extends ClockFact['type']>(type: T, handler: (fact: Extract<ClockFact, { type: T }>) => void): () => void;
  /** Power-cycles the clock: same store, same settings, a fresh screen. */
  restart(): void;
  close(): void;
}

const MINUTE = 60_000;

export function createClock(options: ClockOptions = {}): Clock {
  const model = typeof options.device === 'object' ? options.device : loadDeviceModel(options.device ?? 'biometric');
  const serialNumber = options.serialNumber ?? serialNumberFor(model, 1);
  if (!isValidSerialNumber(model, serialNumber)) {
    throw new Error(
      `serialNumber "${serialNumber}" does not fit the ${model.model} format ${model.serialNumberFormat}`,
    );
  }
  const log = (options.logger ?? createLogger({ level: 'silent' })).child({ module: 'runtime', sn: serialNumber });
  const source = clockSourceFor(options.time);
  const store = openStore(storeSpec(options.store), { synchronous: options.storeSync ?? 'full' });
  try {
    return new RunningClock(
      model,
      serialNumber,
      store,
      source,
      log,
      options.time === undefined || options.time === 'real',
      options.inspect,
    );
  } catch (error) {
    // A clock that cannot power on must not keep its store file locked.
    store.close();
    throw error;
  }
}

function storeSpec(store: ClockOptions['store']): StoreSpec {
  if (store === undefined || store === 'memory') return { kind: 'memory' };
  return typeof store === 'string' ? { kind: 'file', file: store } : store;
}

function clockSourceFor(time: ClockOptions['time']): ClockSource {
  if (time === undefined || time === 'real') return new RealClockSource();
  if ('source' in time) return time.source;
  const start = typeof time.virtual === 'number' ? time.virtual : Date.parse(`${time.virtual.replace(' ', 'T')}Z`);
  if (Number.isNaN(start))
    throw new Error(`time.virtual "${String(time.virtual)}" is not a date and time (YYYY-MM-DDTHH:MM:SS)`);
  return new VirtualClockSource(start);
}

class RunningClock implements Clock {
  readonly macAddress: string;
  private current: Actor<ClockMachine> | undefined;
  private readonly handlers = new Map<string, Set<(fact: ClockFact) => void>>();
  private lastFrameText = '';
  private tickTimer: TimerId | undefined;
  private closed = false;
  private cablePlugged = true;
  private booting = false;
  /** A fault while powering on; the watchdog does not reboot into it again and again. */
  private bootFault: unknown;
  private halted: unknown;
  /** Inputs being delivered: the screen is drawn once the firmware has settled, not between its steps. */
  private delivering = 0;
  private frameDue = false;
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
    this.door = storeDoor(store);
    this.machine = seatedClockMachine();
    if (realTime && store.settings.load() === undefined) this.adoptHostZone();
    this.boot();
  }

  get records(): ClockRecords {
    return this.door.records;
  }

  send(event: ClockInput): void {
    this.assertOpen();
    // A punch is decided, then written, then told (or refused) in steps of its own: the frame between
    // them ("Thank you" before the write failed) is never drawn.
    this.delivering++;
    try {
      this.tick();
      inSeat(this.door, () => this.actor.send(event));
    } finally {
      this.delivering--;
      if (this.delivering === 0 && this.frameDue) this.drawFrame();
    }
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
    if (answer === undefined) throw new Error(`clock ${this.serialNumber}: command ${line.id} was not answered`);
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
    if (loaded === undefined) throw new Error(`clock ${this.serialNumber}: the load was not answered`);
    if (!loaded.ok) throw new Error(`clock ${this.serialNumber}: the store refused the load (see store.failed)`);
    return loaded.counts;
  }

  press(key: Key): void {
    this.send({ type: 'keypad.key', key });
  }

  type(digits: string): void {
    for (const digit of digits) {
      if (!/^[0-9]$/.test(digit)) throw new Error(`type: "${digits}" has "${digit}", which is not a digit key`);
      this.press(digit as Key);
    }
  }

  placeFinger(finger: FingerSpec, quality: 'good' | 'poor' = 'good'): void {
    this.send({ type: 'finger.placed', finger: fingerFrom(finger), quality });
  }

  tapCard(card: string | number): void {
    const number = parseCardNumber(card);
    if (number === undefined) throw new Error(`tapCard: "${card}" is not a card number (decimal, 0-4294967295)`);
    this.send({ type: 'card.tapped', card: number });
  }

  setLink(up: boolean): void {
    this.assertOpen();
    // Set first: whoever hears the frame change asks linkUp() at once.
    const changed = this.cablePlugged !== up;
    this.cablePlugged = up;
    this.send({ type: up ? 'link.up' : 'link.down' });
    if (changed) this.dispatch({ type: 'link.changed', up });
  }

  linkUp(): boolean {
    return this.cablePlugged;
  }

  state(): 'running' | 'halted' | 'closed' {
    return this.closed ? 'closed' : this.halted !== undefined ? 'halted' : 'running';
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
    const s = this.settings();
    return this.source.now() + s.timeZoneMinutes * MINUTE + s.clockOffsetMs;
  }

  settings(): ClockSettings {
    // Before the first boot the actor does not exist yet: the store holds the truth then.
    return this.current?.getSnapshot().context.settings ?? this.store.settings.load() ?? defaultSettings(this.model);
  }

  storeSync(): 'full' | 'normal' | 'memory' {
    return this.store.syncMode();
  }

  punches(): Punch[] {
    return this.store.punches.after(0, Number.MAX_SAFE_INTEGER);
  }

  advance(ms: number): void {
    if (!(this.source instanceof VirtualClockSource)) throw new Error('advance: this clock runs in real time');
    this.source.advance(ms);
  }

  on<T extends ClockFact['type']>(type: T, handler: (fact: Extract<ClockFact, { type: T }>) => void): () => void {
    const set = this.handlers.get(type) ?? new Set();
    set.add(handler as (fact: ClockFact) => void);
    this.handlers.set(type, set);
    return () => set.delete(handler as (fact: ClockFact) => void);
  }

  /** Also the way out of a halt: the fault that stopped power-on may be gone. */
  restart(): void {
    if (this.closed) throw new Error(`clock ${this.serialNumber} is closed`);
    this.log.info('restart');
    this.halt();
    this.halted = undefined;
    this.boot();
  }

  close(): void {
    if (this.closed) return;
    this.halt();
    this.store.close();
    this.closed = true;
    this.log.info('closed');
  }

  /** Powers on; a fault on the way halts the clock and throws, naming the fault. */
  private boot(): void {
    this.bootFault = undefined;
    this.booting = true;
    try {
      this.powerOn();
    } catch (error) {
      this.bootFault ??= error;
    } finally {
      this.booting = false;
    }
    if (this.bootFault === undefined) return;
    this.halted = this.bootFault;
    this.log.fatal({ err: this.bootFault }, 'firmware fault at power on: halted');
    throw new Error(`clock ${this.serialNumber} cannot power on: ${messageOf(this.bootFault)}`, {
      cause: this.bootFault,
    });
  }

  private powerOn(): void {
    const saved = this.store.settings.load();
    // In the seat from here: the initial state's builders read the store as the actor is created.
    inSeat(this.door, () => this.startActor(saved));
    this.scheduleTick();
    this.log.info({ model: this.model.model }, 'power on');
  }

  private startActor(saved: ClockSettings | undefined): void {
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
    this.current = actor;
    actor.on('*', (fact) => this.onFact(fact));
    actor.subscribe({
      next: () => this.onSnapshot(),
      error: (error) => this.onCrash(error),
    });
    actor.start();
    if (!this.cablePlugged) actor.send({ type: 'link.down' });
  }

  private get actor(): Actor<ClockMachine> {
    this.assertRunning();
    if (this.current === undefined) throw new Error('the clock has not booted');
    return this.current;
  }

  private halt(): void {
    if (this.tickTimer !== undefined) this.source.clearTimeout(this.tickTimer);
    this.tickTimer = undefined;
    inSeat(this.door, () => this.current?.stop());
  }

  /** The firmware's watchdog: a fault in a step is logged and the clock reboots on the same store. */
  private onCrash(error: unknown): void {
    // At power on, boot() reports the fault: rebooting would only meet it again.
    if (this.booting) {
      this.bootFault = error;
      return;
    }
    this.log.error({ err: error }, 'firmware fault: rebooting');
    this.halt();
    try {
      this.boot();
    } catch {
      // Halted: boot() logged why, and every call from now on says so. Throwing here would throw out of
      // the actor's observer, where the host's caller cannot catch it.
    }
  }

  private onFact(fact: ClockEmitted): void {
    if (fact.type === 'punch.recorded') {
      const { pin, state, verify, seq } = fact.punch;
      this.log.info({ pin, state, verify, seq }, 'punch recorded');
    } else if (fact.type === 'keypad.locked') {
      const { purpose, failures, until } = fact;
      this.log.warn(
        { purpose, failures, lockedUntil: formatTimestamp(until) },
        purpose === 'menu'
          ? 'menu sign-in locked after failed verifications'
          : 'ID entry locked after failed identifications',
      );
    } else if (fact.type === 'store.failed') {
      const { what, fault, detail, pin } = fact;
      this.log.error({ what, fault, pin, detail }, `store write refused (${fault}): the clock keeps running`);
    } else if (fact.type === 'settings.saved') {
      this.log.info('settings saved');
      this.scheduleTick();
    } else {
      this.log.debug({ fact: fact.type }, 'firmware fact');
    }
    // Whoever hears a fact has seen the screen that goes with it.
    if (this.frameDue) this.drawFrame();
    this.dispatch(fact);
  }

  private onSnapshot(): void {
    // Drawing a frame nobody listens to would cost every punch a render.
    if ((this.handlers.get('frame.changed')?.size ?? 0) === 0) return;
    if (this.delivering > 0) {
      this.frameDue = true;
      return;
    }
    this.drawFrame();
  }

  private drawFrame(): void {
    this.frameDue = false;
    if (this.current === undefined || this.halted !== undefined) return;
    const frame = this.frame();
    const text = frameText(frame, this.model.screen.columns);
    if (text === this.lastFrameText) return;
    this.lastFrameText = text;
    this.dispatch({ type: 'frame.changed', frame, text });
  }

  private dispatch(fact: ClockFact): void {
    for (const handler of this.handlers.get(fact.type) ?? []) handler(fact);
  }

  private tick(): void {
    const now = this.now();
    if (now !== this.actor.getSnapshot().context.now)
      inSeat(this.door, () => this.actor.send({ type: 'clock.tick', now }));
  }

  /** The RTC reaches the firmware at each minute boundary of device time, and before every input. */
  private scheduleTick(): void {
    if (this.tickTimer !== undefined) this.source.clearTimeout(this.tickTimer);
    const wait = MINUTE - (this.now() % MINUTE);
    this.tickTimer = this.source.setTimeout(() => {
      this.tickTimer = undefined;
      this.tick();
      this.scheduleTick();
    }, wait);
  }

  /** A clock first started in real time shows the host's local time. */
  private adoptHostZone(): void {
    // The factory setting, written before the firmware first runs: no running clock is changed behind it.
    this.store.settings.save({ ...defaultSettings(this.model), timeZoneMinutes: -new Date().getTimezoneOffset() });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`clock ${this.serialNumber} is closed`);
    this.assertRunning();
  }

  private assertRunning(): void {
    if (this.halted === undefined) return;
    throw new Error(`clock ${this.serialNumber} is halted: it could not power on (${messageOf(this.halted)})`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
