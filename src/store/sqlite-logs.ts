// SQLite operation log, settings, command journal and upload cursors (the punch log is in
// sqlite-punches.ts). The operation log numbers its records itself (seq-span.ts), never reusing a seq
// after clear(), as in the memory adapter.
import { lazy, type LazyStatement, type StoreDb } from './lazy-statement.js';
import type {
  CommandJournal,
  JournalEntry,
  NewOperation,
  OperationLog,
  OperationRecord,
  SettingsStore,
  UploadCursors,
} from '../../firmware/index.js';
import type { ClockSettings } from '../../firmware/index.js';
import { storeOpenErrors } from './errors.js';
import { normalizePage } from './order.js';
import { SeqSpan } from './seq-span.js';
import { codedError } from '../errors.js';

interface OperationRow {
  seq: number;
  op: number;
  admin: string;
  time: number;
  vals: string;
}

export class SqliteOperationLog implements OperationLog {
  private readonly insert: LazyStatement<[number, number, string, number, string]>;
  readonly span: SeqSpan;
  private readonly afterSeq: LazyStatement<[number, number], OperationRow>;
  private readonly deleteAll: LazyStatement<[]>;

  constructor(db: StoreDb) {
    this.insert = lazy(db, 'INSERT INTO operations (seq, op, admin, time, vals) VALUES (?, ?, ?, ?, ?)');
    this.span = new SeqSpan(db, 'operations');
    this.afterSeq = lazy(db, 'SELECT seq, op, admin, time, vals FROM operations WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteAll = lazy(db, 'DELETE FROM operations');
  }

  append(operation: NewOperation | OperationRecord): OperationRecord {
    const seq = this.span.take('seq' in operation ? operation.seq : undefined);
    const { op, admin, time, values } = operation;
    this.insert.run(seq, op, admin, time, JSON.stringify(values));
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
    this.span.clear(this.deleteAll);
  }
}

export class SqliteSettings implements SettingsStore {
  private readonly read: LazyStatement<[], string>;
  private readonly write: LazyStatement<[string]>;
  private readonly file: string;

  constructor(db: StoreDb) {
    this.file = db.name;
    this.read = lazy<[], string>(db, 'SELECT json FROM settings WHERE id = 1').pluck();
    this.write = lazy(db, 'INSERT OR REPLACE INTO settings (id, json) VALUES (1, ?)');
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
  private readonly one: LazyStatement<[string], JournalRow>;
  private readonly upsert: LazyStatement<[string, string, number, string, number]>;

  constructor(db: StoreDb) {
    this.one = lazy(db, 'SELECT id, command, return_code, reply, applied_at FROM journal WHERE id = ?');
    this.upsert = lazy(
      db,
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
  private readonly read: LazyStatement<[string], number>;
  private readonly write: LazyStatement<[string, number]>;

  constructor(db: StoreDb) {
    this.read = lazy<[string], number>(db, 'SELECT seq FROM cursors WHERE name = ?').pluck();
    this.write = lazy(db, 'INSERT OR REPLACE INTO cursors (name, seq) VALUES (?, ?)');
  }

  get(table: string): number {
    return this.read.get(table) ?? 0;
  }

  set(table: string, seq: number): void {
    this.write.run(table, seq);
  }
}
