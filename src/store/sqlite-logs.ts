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
} from '../../firmware/index.js';
import type { NewPunch, Punch, PunchState, VerifyType } from '../../firmware/index.js';
import type { ClockSettings } from '../../firmware/index.js';
import type { LocalTime } from '../../firmware/index.js';
import { storeOpenErrors } from './errors.js';
import { normalizePage } from './order.js';
import { SeqSpan } from './seq-span.js';
import { codedError } from '../errors.js';

interface PunchRow {
  seq: number;
  pin: string;
  time: number;
  state: number;
  verify: number;
  work_code: number;
}

const PUNCH_COLUMNS = 'seq, pin, time, state, verify, work_code';

export class SqlitePunchLog implements PunchLog {
  private readonly insert: Database.Statement<[number | null, string, number, number, number, number]>;
  readonly span: SeqSpan;
  private readonly last: Database.Statement<[string], PunchRow>;
  private readonly afterSeq: Database.Statement<[number, number], PunchRow>;
  private readonly inRange: Database.Statement<[number, number], PunchRow>;
  private readonly deleteAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO punches (seq, pin, time, state, verify, work_code) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.span = new SeqSpan(db, 'punches');
    this.last = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches WHERE pin = ? ORDER BY seq DESC LIMIT 1`);
    this.afterSeq = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches WHERE seq > ? ORDER BY seq LIMIT ?`);
    this.inRange = db.prepare(`SELECT ${PUNCH_COLUMNS} FROM punches WHERE time BETWEEN ? AND ? ORDER BY time, seq`);
    this.deleteAll = db.prepare('DELETE FROM punches');
  }

  append(punch: NewPunch | Punch): Punch {
    const given = this.span.check('seq' in punch ? punch.seq : undefined);
    const { pin, time, state, verify, workCode } = punch;
    const seq = Number(this.insert.run(given, pin, time, state, verify, workCode).lastInsertRowid);
    this.span.appended(seq);
    return { pin, time, state, verify, workCode, seq };
  }

  nextSeq(): number {
    return this.span.nextSeq();
  }

  lastFor(pin: string): Punch | undefined {
    const row = this.last.get(pin);
    return row && punchOf(row);
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
    this.deleteAll.run();
    this.span.cleared();
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
  readonly span: SeqSpan;
  private readonly afterSeq: Database.Statement<[number, number], OperationRow>;
  private readonly deleteAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO operations (seq, op, admin, time, vals) VALUES (?, ?, ?, ?, ?)');
    this.span = new SeqSpan(db, 'operations');
    this.afterSeq = db.prepare('SELECT seq, op, admin, time, vals FROM operations WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteAll = db.prepare('DELETE FROM operations');
  }

  append(operation: NewOperation | OperationRecord): OperationRecord {
    const given = this.span.check('seq' in operation ? operation.seq : undefined);
    const { op, admin, time, values } = operation;
    const seq = Number(this.insert.run(given, op, admin, time, JSON.stringify(values)).lastInsertRowid);
    this.span.appended(seq);
    return { op, admin, time, values: [...values], seq };
  }

  nextSeq(): number {
    return this.span.nextSeq();
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
    return this.span.count();
  }

  clear(): void {
    this.deleteAll.run();
    this.span.cleared();
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
        throw codedError('TC_ERR_STORE_CORRUPT', 'not an object');
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
