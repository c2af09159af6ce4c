// The SQLite punch log. One row per punch in a table keyed by seq and nothing else (migration 5): a
// punch's commit writes the table's last page and no index page; after(seq) reads the table's own key.
// The log numbers punches itself (see seq-span.ts), and keeps every user's last punch and latest punch
// time in memory, read in one pass over the table at the first ask and kept true by every write (append,
// clear, a rollback forgets it), since the firmware asks for them at every punch and the file is this
// process's alone: a punch reads no punch. The reads by user left to SQLite scan the table, newest first:
// the same-second check for a second at or before the user's latest punch (the RTC set back), and a
// user's last punch once more users have punched than the map keeps.
import { lazy, type LazyStatement, type StoreDb } from './lazy-statement.js';
import { MAX_UID, type LocalTime, type NewPunch, type Punch, type PunchLog } from '../../firmware/index.js';
import type { PunchState, VerifyType } from '../../firmware/index.js';
import { normalizePage } from './order.js';
import { SeqSpan } from './seq-span.js';

/** A row of the punch table as SQLite gives it. */
export interface PunchRow {
  seq: number;
  pin: string;
  time: number;
  state: number;
  verify: number;
  work_code: number;
}

const COLUMNS = 'seq, pin, time, state, verify, work_code';

/** The log's statements, named so that a test can ask SQLite how it runs each (EXPLAIN QUERY PLAN). */
export const PUNCH_SQL = {
  insert: `INSERT INTO punches (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
  // Read from the newest back, so a user who punched lately is found after a few rows.
  last: `SELECT ${COLUMNS} FROM punches WHERE pin = ? ORDER BY seq DESC LIMIT 1`,
  // Every user's last punch and latest time, the table read once through and grouped by SQLite (up to a
  // limit of rows): at 100,000 punches a few times faster than the same rows read into the process.
  lastOfEach: `SELECT ${COLUMNS}, latest FROM punches JOIN
                 (SELECT max(seq) AS last, max(time) AS latest FROM punches GROUP BY pin) ON seq = last LIMIT ?`,
  inSecond: 'SELECT 1 FROM punches WHERE pin = ? AND time BETWEEN ? AND ? ORDER BY seq DESC LIMIT 1',
  afterSeq: `SELECT ${COLUMNS} FROM punches WHERE seq > ? ORDER BY seq LIMIT ?`,
  // DATA QUERY ATTLOG's span of time over every user: no index serves it (no index is what makes a
  // punch cheap), so it reads the table once; a cloud command, not a step of a punch.
  inRange: `SELECT ${COLUMNS} FROM punches WHERE time BETWEEN ? AND ? ORDER BY time, seq`,
  deleteAll: 'DELETE FROM punches',
} as const;

/**
 * Users whose last punch is kept in memory: as many as a clock can hold (~10 MiB when every one of them
 * has punched; a fleet's clocks have a few). Past it (punches of users deleted since), the map starts
 * again and is no longer the whole truth: a user not in it is read from SQLite.
 */
const LAST_KEPT = MAX_UID;

export class SqlitePunchLog implements PunchLog {
  readonly span: SeqSpan;
  /** A user's last punch, or null for a user with none; a user not in it is read from SQLite, unless… */
  private lastByPin = new Map<string, Punch | null>();
  /** …the map holds every user with a punch (true), or not (false), or was not read yet (undefined). */
  private whole: boolean | undefined;
  /**
   * Each user's latest punch time, beside the map (whole with it): a second after it holds no punch of
   * the user, so the same-second check reads SQLite only for a second at or before it (the RTC set back).
   */
  private latestByPin = new Map<string, LocalTime>();
  private readonly insert: LazyStatement<[number, string, number, number, number, number]>;
  private readonly last: LazyStatement<[string], PunchRow>;
  private readonly lastOfEach: LazyStatement<[number], PunchRow & { latest: number }>;
  private readonly inSecond: LazyStatement<[string, number, number], number>;
  private readonly afterSeq: LazyStatement<[number, number], PunchRow>;
  private readonly inRange: LazyStatement<[number, number], PunchRow>;
  private readonly deleteAll: LazyStatement<[]>;

  /** `lastKept`: how many users' last punches the map holds (smaller only in tests of its overflow). */
  constructor(
    db: StoreDb,
    private readonly lastKept = LAST_KEPT,
  ) {
    this.span = new SeqSpan(db, 'punches');
    this.insert = lazy(db, PUNCH_SQL.insert);
    this.last = lazy(db, PUNCH_SQL.last);
    this.lastOfEach = lazy(db, PUNCH_SQL.lastOfEach);
    this.inSecond = lazy<[string, number, number], number>(db, PUNCH_SQL.inSecond).pluck();
    this.afterSeq = lazy(db, PUNCH_SQL.afterSeq);
    this.inRange = lazy(db, PUNCH_SQL.inRange);
    this.deleteAll = lazy(db, PUNCH_SQL.deleteAll);
  }

  append(punch: NewPunch | Punch): Punch {
    const seq = this.span.take('seq' in punch ? punch.seq : undefined);
    const { pin, time, state, verify, workCode } = punch;
    this.insert.run(seq, pin, time, state, verify, workCode);
    this.span.appended(seq);
    const record = { pin, time, state, verify, workCode, seq };
    this.remember(pin, record);
    this.latestByPin.set(pin, Math.max(this.latestByPin.get(pin) ?? time, time));
    return { ...record };
  }

  nextSeq(): number {
    return this.span.nextSeq();
  }

  lastFor(pin: string): Punch | undefined {
    this.whole ??= this.keepAll();
    let last = this.lastByPin.get(pin);
    if (last === undefined && !this.whole) {
      const row = this.last.get(pin);
      last = row ? punchOf(row) : null;
      this.remember(pin, last);
    }
    return last === null || last === undefined ? undefined : { ...last };
  }

  punchedBetween(pin: string, from: LocalTime, to: LocalTime): boolean {
    const latest = this.latestByPin.get(pin);
    if (this.whole === true && (latest === undefined || latest < from)) return false;
    return this.inSecond.get(pin, from, to) !== undefined;
  }

  count(): number {
    return this.span.count();
  }

  after(afterSeq: number, limit: number): Punch[] {
    const page = normalizePage(0, limit);
    return page.limit === 0 ? [] : this.afterSeq.all(afterSeq, page.limit).map(punchOf);
  }

  between(from: LocalTime, to: LocalTime): Punch[] {
    return this.inRange.all(from, to).map(punchOf);
  }

  clear(): void {
    this.span.clear(this.deleteAll);
    this.lastByPin = new Map();
    this.latestByPin = new Map();
    this.whole = true;
  }

  /** After a rollback: what the kept span and last punches say may have been undone. */
  forget(): void {
    this.span.forget();
    this.lastByPin = new Map();
    this.latestByPin = new Map();
    this.whole = undefined;
  }

  /** Every user's last punch, read in one go while they fit the map: false (none kept) when they do not. */
  private keepAll(): boolean {
    const rows = this.lastOfEach.all(this.lastKept + 1);
    if (rows.length > this.lastKept) return false;
    this.lastByPin = new Map(rows.map((row) => [row.pin, punchOf(row)]));
    this.latestByPin = new Map(rows.map((row) => [row.pin, row.latest]));
    return true;
  }

  private remember(pin: string, last: Punch | null): void {
    if (this.lastByPin.size >= this.lastKept && !this.lastByPin.has(pin)) {
      this.lastByPin = new Map();
      this.latestByPin = new Map();
      this.whole = false;
    }
    this.lastByPin.set(pin, last);
  }
}

function punchOf(row: PunchRow): Punch {
  return {
    seq: row.seq,
    pin: row.pin,
    time: row.time,
    state: row.state as PunchState,
    verify: row.verify as VerifyType,
    workCode: row.work_code,
  };
}
