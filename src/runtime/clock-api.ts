// What a clock is to its users: the options createClock takes, the facts it tells, and the Clock itself
// (the library API for scripting a clock, which the CLI, the UI and sync build on).
import type { InspectionEvent } from 'xstate';
import type {
  ClockEmitted,
  ClockInput,
  ClockRecords,
  ClockSettings,
  CommandAnswer,
  CommandLine,
  DeviceModel,
  Key,
  LoadedCounts,
  Punch,
  RecordsLoad,
  ScreenFrame,
} from '../../firmware/index.js';
import type { Logger } from '../log.js';
import type { StoreSpec } from '../store/index.js';
import type { ClockSource } from './clock-source.js';
import type { FingerSpec } from './inputs.js';

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
  /** For a file store: pages SQLite caches (default 16 MB's); a fleet's clocks keep it small (store/sqlite.ts). */
  storeCachePages?: number;
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
  /**
   * Sends any input event; the RTC is brought up to date first, unless `burst`: an input typed with the
   * one before it (type()'s digits), whose time that one already brought up to date.
   */
  send(event: ClockInput, burst?: boolean): void;
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
