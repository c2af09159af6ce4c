// One SQLite file for many clocks (a fleet's --data): one connection, one lock, one page cache and one
// prepared statement per SQL text for all of them. Each clock gets the same ports as a file of its own
// (sqlite.ts storeOf), whose unchanged SQL runs on that clock's rows through the views of
// shared-schema.ts: before each statement the clock's id is made current, and the views read it.
import type Database from 'better-sqlite3';
import { codedRangeError } from '../errors.js';
import { storeOpenErrors } from './errors.js';
import type { StoreDb } from './lazy-statement.js';
import { APPLICATION_ID } from './migrations.js';
import {
  CURRENT_CLOCK,
  SHARED_APPLICATION_ID,
  SHARED_MIGRATIONS,
  SHARED_SCHEMA_VERSION,
  sharedSchemaSql,
} from './shared-schema.js';
import {
  quickCheck,
  openUnderLock,
  sqliteLib,
  startsAsDatabase,
  storeOf,
  syncModeOf,
  type SqliteStore,
} from './sqlite.js';
import fs from 'node:fs';

export interface SharedStoreOptions {
  /** As a clock's own file (sqlite.ts): 'full' (default) or 'normal'. */
  synchronous?: 'full' | 'normal';
  busyTimeoutMs?: number;
  /** Pages cached for all the clocks together (default 2,000: 8 MiB). */
  cachePages?: number;
}

export interface SharedStore {
  /** Absolute path of the file. */
  readonly file: string;
  /** The store of the clock with this serial number: its rows from earlier runs, or a new empty store. */
  clock(serialNumber: string): SqliteStore;
  /** The serial numbers of the clocks the file holds, in the order they were first opened. */
  serialNumbers(): string[];
  /** Closes the connection and gives up the lock; the clocks' stores must be closed first. */
  close(): void;
}

/** Opens (or creates) a file shared by many clocks; throws StoreOpenError as a clock's own file would. */
export function openSharedStore(file: string, options: SharedStoreOptions = {}): SharedStore {
  return openUnderLock(
    file,
    (absolute) => openChecked(absolute, options),
    (absolute, db, releaseLock) => new SharedFile(absolute, db, releaseLock),
  );
}

function openChecked(file: string, options: SharedStoreOptions): Database.Database {
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (existed && !startsAsDatabase(file))
    throw storeOpenErrors.corrupt(file, 'it does not begin with the SQLite header');
  const db = new (sqliteLib())(file, { timeout: options.busyTimeoutMs ?? 200 });
  try {
    // The file is this process's alone (its owner lock says so): SQLite takes its lock once and keeps it,
    // instead of ~7 fcntl() calls a transaction and two a read, and keeps the WAL index on the heap (no
    // -shm file). Measured: 70,383 fcntl() for 10,000 writes of 1,000 clocks, 133 with it (BENCHMARKS.md).
    // Set before the first read, so that a file already in WAL mode never maps a -shm either.
    db.pragma('locking_mode = EXCLUSIVE');
    if (existed) checkShared(file, db);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    const pages = options.cachePages ?? 2_000;
    if (!Number.isInteger(pages) || pages < 1)
      throw codedRangeError('TC_ERR_CLOCK_OPTIONS', `cachePages must be a whole number ≥ 1, got ${pages}`);
    db.pragma(`cache_size = ${pages}`);
    if (!existed) create(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkShared(file: string, db: Database.Database): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (applicationId === APPLICATION_ID)
    throw storeOpenErrors.unreadable(file, "it is one clock's store (timeclock run --data), not a fleet's shared file");
  if (applicationId !== SHARED_APPLICATION_ID)
    throw storeOpenErrors.unreadable(
      file,
      `it is a SQLite database of another program (application id ${applicationId})`,
    );
  if (version > SHARED_SCHEMA_VERSION) throw storeOpenErrors.newerSchema(file, version, SHARED_SCHEMA_VERSION);
  quickCheck(file, db);
  if (version < SHARED_SCHEMA_VERSION) migrateShared(file, db, version);
}

/** Takes an older shared file to this schema in place, in one transaction: all of it or none. */
function migrateShared(file: string, db: Database.Database, version: number): void {
  const steps = SHARED_MIGRATIONS.filter(([from]) => from >= version);
  if (steps[0]?.[0] !== version)
    throw storeOpenErrors.unreadable(file, `it has the shared schema ${version}, which this version cannot migrate`);
  db.transaction(() => {
    for (const [from, sql] of steps) {
      db.exec(sql);
      db.pragma(`user_version = ${from + 1}`);
    }
  }).immediate();
}

function create(db: Database.Database): void {
  db.transaction(() => {
    db.exec(sharedSchemaSql());
    db.pragma(`application_id = ${SHARED_APPLICATION_ID}`);
    db.pragma(`user_version = ${SHARED_SCHEMA_VERSION}`);
  }).immediate();
}

class SharedFile implements SharedStore {
  /** The id the views read: set before every statement a clock runs. */
  current = 0;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly open = new Set<string>();
  private readonly totalChanges: Database.Statement<[], number>;
  private closed = false;

  constructor(
    readonly file: string,
    readonly db: Database.Database,
    private readonly releaseLock: () => void,
  ) {
    db.function(CURRENT_CLOCK, { deterministic: false }, () => this.current);
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  }

  clock(serialNumber: string): SqliteStore {
    const name = `${this.file} (clock ${serialNumber})`;
    if (this.closed) throw storeOpenErrors.unreadable(name, 'the shared file is closed');
    if (this.open.has(serialNumber)) throw storeOpenErrors.locked(name, `a clock already open in this process`);
    const id = this.idOf(serialNumber);
    this.open.add(serialNumber);
    const scoped: StoreDb = {
      name,
      prepare: ((sql: string) => new ClockStatement(this, id, sql, false)) as unknown as StoreDb['prepare'],
      transaction: (fn) => this.db.transaction(fn),
    };
    return storeOf(this.file, scoped, {
      syncMode: () => syncModeOf(this.db),
      close: () => this.open.delete(serialNumber),
    });
  }

  serialNumbers(): string[] {
    return this.db.prepare<[], string>('SELECT serial FROM clocks ORDER BY id').pluck().all();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } finally {
      this.releaseLock();
    }
  }

  /** The connection's one statement for this SQL text (plucked or not), prepared on first use. */
  statement(sql: string, plucked: boolean): Database.Statement {
    const key = plucked ? `p ${sql}` : `r ${sql}`;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (plucked) statement.pluck();
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** Rows written so far, triggers' included: a write through a view counts no change of its own. */
  changesSoFar(): number {
    return this.totalChanges.get()!;
  }

  private idOf(serialNumber: string): number {
    const known = this.db.prepare<[string], number>('SELECT id FROM clocks WHERE serial = ?').pluck().get(serialNumber);
    if (known !== undefined) return known;
    this.db
      .prepare('INSERT INTO clocks (serial, id) VALUES (?, (SELECT coalesce(max(id), 0) + 1 FROM clocks))')
      .run(serialNumber);
    return this.idOf(serialNumber);
  }
}

/**
 * A statement of one clock: what LazyStatement uses of better-sqlite3's, run with the clock made current.
 * The file's statement is found once, at the first run: a lookup per run built a key from the SQL text
 * (hundreds of characters) and hashed it, for every read a poll or a punch makes.
 */
class ClockStatement {
  private shared: Database.Statement | undefined;

  constructor(
    private readonly file: SharedFile,
    private readonly id: number,
    private readonly sql: string,
    private readonly plucked: boolean,
  ) {}

  pluck(): ClockStatement {
    return new ClockStatement(this.file, this.id, this.sql, true);
  }

  get(...params: unknown[]): unknown {
    this.file.current = this.id;
    return this.statement().get(...params);
  }

  all(...params: unknown[]): unknown[] {
    this.file.current = this.id;
    return this.statement().all(...params);
  }

  run(...params: unknown[]): Database.RunResult {
    this.file.current = this.id;
    const before = this.file.changesSoFar();
    const result = this.statement().run(...params);
    return { changes: this.file.changesSoFar() - before, lastInsertRowid: result.lastInsertRowid };
  }

  private statement(): Database.Statement {
    return (this.shared ??= this.file.statement(this.sql, this.plucked));
  }
}
