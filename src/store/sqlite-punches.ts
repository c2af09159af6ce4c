// The SQLite punch log. One row per punch in a table keyed by seq, with one index, (pin, time): it
// serves a user's last punch and the same-second check; after(seq) reads the table's own key. The log
// numbers punches itself (see seq-span.ts), and keeps each user's last punch once read or written, since
// the firmware asks for it at every punch and the file is this process's alone.
import { lazy, type LazyStatement, type StoreDb } from './lazy-statement.js';
import type { LocalTime, NewPunch, Punch, PunchLog, PunchState, VerifyType } from '../../firmware/index.js';
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
  // The largest seq among the user's entries of the (pin, time) index, which carry their seq: the
  // index alone answers it, then one row is read by its key.
  last: `SELECT ${COLUMNS} FROM punches WHERE seq = (SELECT max(seq) FROM punches WHERE pin = ?)`,
  inSecond: 'SELECT 1 FROM punches WHERE pin = ? AND time BETWEEN ? AND ? LIMIT 1',
  afterSeq: `SELECT ${COLUMNS} FROM punches WHERE seq > ? ORDER BY seq LIMIT ?`,
  // DATA QUERY ATTLOG's span of time over every user: no index serves it (one index is what makes a
  // punch cheap), so it reads the table once; a cloud command, not a step of a punch.
  inRange: `SELECT ${COLUMNS} FROM punches WHERE time BETWEEN ? AND ? ORDER BY time, seq`,
  deleteAll: 'DELETE FROM punches',
} as const;

/** Users whose last punch is kept in memory before the map starts again: a few MiB at most. */
const LAST_KEPT = 20_000;

export class SqlitePunchLog implements PunchLog {
  readonly span: SeqSpan;
  /** A user's last punch, or null for a user with none; a user not in it is read from SQLite. */
  private lastByPin = new Map<string, Punch | null>();
  private readonly insert: LazyStatement<[number, string, number, number, number, number]>;
  private readonly last: LazyStatement<[string], PunchRow>;
  private readonly inSecond: LazyStatement<[string, number, number], number>;
  private readonly afterSeq: LazyStatement<[number, number], PunchRow>;
  private readonly inRange: LazyStatement<[number, number], PunchRow>;
  private readonly deleteAll: LazyStatement<[]>;

  constructor(db: StoreDb) {
    this.span = new SeqSpan(db, 'punches');
    this.insert = lazy(db, PUNCH_SQL.insert);
    this.last = lazy(db, PUNCH_SQL.last);
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
    return { ...record };
  }

  nextSeq(): number {
    return this.span.nextSeq();
  }

  lastFor(pin: string): Punch | undefined {
    let last = this.lastByPin.get(pin);
    if (last === undefined) {
      const row = this.last.get(pin);
      last = row ? punchOf(row) : null;
      this.remember(pin, last);
    }
    return last === null ? undefined : { ...last };
  }

  punchedBetween(pin: string, from: LocalTime, to: LocalTime): boolean {
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
  }

  /** After a rollback: what the kept span and last punches say may have been undone. */
  forget(): void {
    this.span.forget();
    this.lastByPin = new Map();
  }

  private remember(pin: string, last: Punch | null): void {
    if (this.lastByPin.size >= LAST_KEPT && !this.lastByPin.has(pin)) this.lastByPin = new Map();
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
