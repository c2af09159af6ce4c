// SQLite punch and operation logs, settings, command journal and upload cursors. Seq numbers come from
// AUTOINCREMENT, so they are never reused after clear(), as in the memory adapter.
import type Database from 'better-sqlite3';
import type {
  CommandJournal,
  JournalEntry,
  NewOperation,
  OperationLog,
  OperationRecord,
  PunchLog,
  SettingsStore,
  UploadCursors,
} from '../../firmware/ports.js';
import type { NewPunch, Punch, PunchState, VerifyType } from '../../firmware/punches.js';
import type { ClockSettings } from '../../firmware/settings.js';
import type { LocalTime } from '../../firmware/time.js';
import { storeOpenErrors } from './errors.js';
import { normalizePage } from './order.js';

interface PunchRow {
  seq: number;
  pin: string;
  time: number;
  state: number;
  verify: number;
  work_code: number;
}

/**
 * Rows of a log that only grows and is only ever cleared whole: the seq span, found in two index
 * probes, where count(*) would walk every row on every punch.
 */
function countOfAppendOnly(table: 'punches' | 'operations'): string {
  return `SELECT coalesce((SELECT max(seq) FROM ${table}) - (SELECT min(seq) FROM ${table}) + 1, 0)`;
}

/** AUTOINCREMENT's counter: the next seq, which clear() does not lower. */
function nextSeqOf(db: Database.Database, table: 'punches' | 'operations'): Database.Statement<[], number> {
  return db
    .prepare<[], number>(`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${table}'), 0) + 1`)
    .pluck();
}

/** A record that carries its seq must take the next one: an older seq would be reused after clear(). */
function checkedSeq(given: number | undefined, next: Database.Statement<[], number>): number | null {
  if (given === undefined) return null;
  const expected = next.get()!;
  if (given !== expected) throw new Error(`seq ${given} is not the log's next (${expected})`);
  return given;
}

const PUNCH_COLUMNS = 'seq, pin, time, state, verify, work_code';

export class SqlitePunchLog implements PunchLog {
  private readonly insert: Database.Statement<[number | null, string, number, number, number, number]>;
  private readonly next: Database.Statement<[], number>;
  private readonly last: Database.Statement<[string], PunchRow>;
  private readonly total: Database.Statement<[], number>;
  private readonly afterSeq: Database.Statement<[number, number], PunchRow>;
  private readonly inRange: Database.Statement<[number, number], PunchRow>;
  private readonly deleteAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO punches (seq, pin, time, state, verify, work_code) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.next = nextSeqOf(db, 'punches');
    this.last = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches WHERE pin = ? ORDER BY seq DESC LIMIT 1`);
    this.total = db.prepare<[], number>(countOfAppendOnly('punches')).pluck();
    this.afterSeq = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.inRange = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches WHERE time BETWEEN ? AND ? ORDER BY time, seq`);
    this.deleteAll = db.prepare('DELETE FROM punches');
  }

  append(punch: NewPunch | Punch): Punch {
    const seq = checkedSeq('seq' in punch ? punch.seq : undefined, this.next);
    const { pin, time, state, verify, workCode } = punch;
    const { lastInsertRowid } = this.insert.run(seq, pin, time, state, verify, workCode);
    return { pin, time, state, verify, workCode, seq: Number(lastInsertRowid) };
  }

  nextSeq(): number {
    return this.next.get()!;
  }

  lastFor(pin: string): Punch | undefined {
    const row = this.last.get(pin);
    return row && punchOf(row);
  }

  count(): number {
    return this.total.get()!;
  }

  after(afterSeq: number, limit: number): Punch[] {
    const page = normalizePage(0, limit);
    return page.limit === 0 ? [] : this.afterSeq.all(afterSeq, page.limit).map(punchOf);
  }

  between(from: LocalTime, to: LocalTime): Punch[] {
    return this.inRange.all(from, to).map(punchOf);
  }

  clear(): void {
    this.deleteAll.run();
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

interface OperationRow {
  seq: number;
  op: number;
  admin: string;
  time: number;
  vals: string;
}

export class SqliteOperationLog implements OperationLog {
  private readonly insert: Database.Statement<[number | null, number, string, number, string]>;
  private readonly next: Database.Statement<[], number>;
  private readonly afterSeq: Database.Statement<[number, number], OperationRow>;
  private readonly total: Database.Statement<[], number>;
  private readonly deleteAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO operations (seq, op, admin, time, vals) VALUES (?, ?, ?, ?, ?)');
    this.next = nextSeqOf(db, 'operations');
    this.afterSeq = db.prepare('SELECT seq, op, admin, time, vals FROM operations WHERE seq > ? ORDER BY seq LIMIT ?');
    this.total = db.prepare<[], number>(countOfAppendOnly('operations')).pluck();
    this.deleteAll = db.prepare('DELETE FROM operations');
  }

  append(operation: NewOperation | OperationRecord): OperationRecord {
    const seq = checkedSeq('seq' in operation ? operation.seq : undefined, this.next);
    const { op, admin, time, values } = operation;
    const { lastInsertRowid } = this.insert.run(seq, op, admin, time, JSON.stringify(values));
    return { op, admin, time, values: [...values], seq: Number(lastInsertRowid) };
  }

  nextSeq(): number {
    return this.next.get()!;
  }

  after(afterSeq: number, limit: number): OperationRecord[] {
    const page = normalizePage(0, limit);
    if (page.limit === 0) return [];
    return this.afterSeq.all(afterSeq, page.limit).map((row) => ({
      seq: row.seq,
      op: row.op,
      admin: row.admin,
      time: row.time,
      values: JSON.parse(row.vals) as OperationRecord['values'],
    }));
  }

  count(): number {
    return this.total.get()!;
  }

  clear(): void {
    this.deleteAll.run();
  }
}

export class SqliteSettings implements SettingsStore {
  private readonly read: Database.Statement<[], string>;
  private readonly write: Database.Statement<[string]>;
  private readonly file: string;

  constructor(db: Database.Database) {
    this.file = db.name;
    this.read = db.prepare<[], string>('SELECT json FROM settings WHERE id = 1').pluck();
    this.write = db.prepare('INSERT OR REPLACE INTO settings (id, json) VALUES (1, ?)');
  }

  load(): ClockSettings | undefined {
    const json = this.read.get();
    if (json === undefined) return undefined;
    try {
      const settings: unknown = JSON.parse(json);
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
        throw new Error('not an object');
      return settings as ClockSettings;
    } catch (error) {
      throw storeOpenErrors.corrupt(
        this.file,
        `the settings row is not a JSON object: ${(error as Error).message}`,
        error,
      );
    }
  }

  save(settings: ClockSettings): void {
    this.write.run(JSON.stringify(settings));
  }
}

interface JournalRow {
  id: string;
  command: string;
  return_code: number;
  reply: string;
  applied_at: number;
}

export class SqliteJournal implements CommandJournal {
  private readonly one: Database.Statement<[string], JournalRow>;
  private readonly upsert: Database.Statement<[string, string, number, string, number]>;

  constructor(db: Database.Database) {
    this.one = db.prepare('SELECT id, command, return_code, reply, applied_at FROM journal WHERE id = ?');
    this.upsert = db.prepare(
      'INSERT OR REPLACE INTO journal (id, command, return_code, reply, applied_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  find(id: string): JournalEntry | undefined {
    const row = this.one.get(id);
    if (!row) return undefined;
    const reply = JSON.parse(row.reply) as string[];
    return { id: row.id, command: row.command, returnCode: row.return_code, reply, appliedAt: row.applied_at };
  }

  record(entry: JournalEntry): void {
    this.upsert.run(entry.id, entry.command, entry.returnCode, JSON.stringify(entry.reply), entry.appliedAt);
  }
}

export class SqliteCursors implements UploadCursors {
  private readonly read: Database.Statement<[string], number>;
  private readonly write: Database.Statement<[string, number]>;

  constructor(db: Database.Database) {
    this.read = db.prepare<[string], number>('SELECT seq FROM cursors WHERE name = ?').pluck();
    this.write = db.prepare('INSERT OR REPLACE INTO cursors (name, seq) VALUES (?, ?)');
  }

  get(table: string): number {
    return this.read.get(table) ?? 0;
  }

  set(table: string, seq: number): void {
    this.write.run(table, seq);
  }
}
