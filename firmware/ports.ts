// The synchronous interfaces the host provides to the firmware, shaped by the domain. Each has a
// SQLite adapter (src/store) and an in-memory one; synchronous like flash, so a punch is durable
// before the screen thanks the employee.
import type { ClockSettings } from './settings.js';
import type { NewPunch, Punch } from './punches.js';
import type { LocalTime } from './time.js';
import type { Template, User } from './users.js';

export interface UserTable {
  findByPin(pin: string): User | undefined;
  findByCard(card: string): User | undefined;
  /**
   * Inserts or replaces by PIN. The uid (the LAN protocol's index) is `user.uid` when given, else the
   * user's own, else the next after the largest (or the lowest free one when 65534 is taken); a uid
   * held by another PIN is a caller's bug and throws.
   */
  put(user: User): void;
  /** The uid the user holds for life (see put). */
  uidOf(pin: string): number | undefined;
  findByUid(uid: number): User | undefined;
  /** Users with their uids, in uid order, from uid `afterUid` + 1. */
  withUids(afterUid: number, limit: number): { uid: number; user: User }[];
  /** Removes the user (not the templates); false when there was none. */
  remove(pin: string): boolean;
  count(): number;
  /** Users with a card number. */
  countCards(): number;
  /** Users with privilege above 0: while there are none the menu is open to anyone. */
  countPrivileged(): number;
  /** Users whose name contains `query` (any case) or whose PIN starts with it, in PIN order. */
  search(query: string, offset: number, limit: number): User[];
  clear(): void;
}

export interface TemplateTable {
  listFor(pin: string): Template[];
  find(pin: string, fid: number): Template | undefined;
  /** Inserts or replaces by (pin, fid). */
  put(template: Template): void;
  /** Removes one finger, or all of a user's when fid is omitted; returns how many. */
  remove(pin: string, fid?: number): number;
  /** The enrolled template taken from this physical finger (see fingers.ts), if any. */
  findByFinger(fingerKey: string): Template | undefined;
  count(): number;
  clear(): void;
}

export interface PunchLog {
  /**
   * Stores a punch. Given a `seq`, it must be nextSeq() (the firmware decides the record before its
   * effect writes it); without one the log numbers it.
   */
  append(punch: NewPunch | Punch): Punch;
  /** The seq the next append takes: seqs are never reused, even after clear(). */
  nextSeq(): number;
  lastFor(pin: string): Punch | undefined;
  count(): number;
  /** Punches with seq greater than `afterSeq`, oldest first. */
  after(afterSeq: number, limit: number): Punch[];
  /** Punches with from <= time <= to, oldest first. */
  between(from: LocalTime, to: LocalTime): Punch[];
  /** Whether the user has a punch with from <= time <= to: the same-second check of every punch. */
  punchedBetween(pin: string, from: LocalTime, to: LocalTime): boolean;
  clear(): void;
}

/** OPLOG: what happened on the clock (operation codes of docs/wire-formats.md §1), for the cloud. */
export interface OperationRecord {
  seq: number;
  op: number;
  /** PIN of the administrator (or the user concerned); '0' when none. */
  admin: string;
  time: LocalTime;
  values: [number | string, number | string, number | string];
}

export type NewOperation = Omit<OperationRecord, 'seq'>;

export interface OperationLog {
  /** Stores an operation; a given `seq` must be nextSeq(), as for punches. */
  append(operation: NewOperation | OperationRecord): OperationRecord;
  nextSeq(): number;
  after(afterSeq: number, limit: number): OperationRecord[];
  count(): number;
  clear(): void;
}

export interface SettingsStore {
  /** The saved settings, or undefined before the first save (the model's defaults apply). */
  load(): ClockSettings | undefined;
  save(settings: ClockSettings): void;
}

/** Cloud commands already applied, so that a command delivered twice is applied once. */
export interface JournalEntry {
  id: string;
  command: string;
  returnCode: number;
  /** Extra reply lines (INFO); empty for most commands. */
  reply: string[];
  appliedAt: LocalTime;
}

export interface CommandJournal {
  find(id: string): JournalEntry | undefined;
  record(entry: JournalEntry): void;
}

/** Resume cursors of uploads, per table (ATTLOG, OPERLOG): the last seq the cloud acknowledged. */
export interface UploadCursors {
  get(table: string): number;
  set(table: string, seq: number): void;
}

export interface ClockPorts {
  users: UserTable;
  templates: TemplateTable;
  punches: PunchLog;
  operations: OperationLog;
  settings: SettingsStore;
  journal: CommandJournal;
  cursors: UploadCursors;
  /** Runs fn atomically: all its writes land or none do. */
  transaction<T>(fn: () => T): T;
}

/** The methods of each port that write: what the one door guards and what a full disk refuses. */
export const PORT_WRITES = {
  users: ['put', 'remove', 'clear'],
  templates: ['put', 'remove', 'clear'],
  punches: ['append', 'clear'],
  operations: ['append', 'clear'],
  settings: ['save'],
  journal: ['record'],
  cursors: ['set'],
} as const satisfies { [P in Exclude<keyof ClockPorts, 'transaction'>]: readonly (keyof ClockPorts[P])[] };

/**
 * The tables as the host may see them: reads only. Every write from outside enters the firmware as an
 * event (a PUSH command, a LAN request, a load, an upload acknowledged) and its effects write it.
 */
export interface ClockRecords {
  users: Pick<
    UserTable,
    | 'findByPin'
    | 'findByCard'
    | 'uidOf'
    | 'findByUid'
    | 'withUids'
    | 'count'
    | 'countCards'
    | 'countPrivileged'
    | 'search'
  >;
  templates: Pick<TemplateTable, 'listFor' | 'find' | 'findByFinger' | 'count'>;
  punches: Pick<PunchLog, 'nextSeq' | 'lastFor' | 'count' | 'after' | 'between' | 'punchedBetween'>;
  operations: Pick<OperationLog, 'nextSeq' | 'after' | 'count'>;
  settings: Pick<SettingsStore, 'load'>;
  journal: Pick<CommandJournal, 'find'>;
  cursors: Pick<UploadCursors, 'get'>;
}
