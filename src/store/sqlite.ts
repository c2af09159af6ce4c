// The SQLite adapter of every clock port: one file per clock, in WAL mode, synchronous so that a
// punch is on disk before append() returns. Opening checks the file and explains what is wrong with it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { ClockPorts } from '../../firmware/index.js';
import { storeOpenErrors } from './errors.js';
import { codedRangeError } from '../errors.js';
import { withStoreFaults } from './faults.js';
import type { StoreDb } from './lazy-statement.js';
import { acquireLock } from './lock.js';
import { APPLICATION_ID, migrate, SCHEMA_VERSION } from './migrations.js';
import { SqliteCursors, SqliteJournal, SqliteOperationLog, SqliteSettings } from './sqlite-logs.js';
import { SqlitePunchLog } from './sqlite-punches.js';
import { SqliteTemplateTable, SqliteUserTable } from './sqlite-tables.js';

/**
 * better-sqlite3 and its native binding, loaded when a file is opened: a clock in memory (`--memory`,
 * tests, scenarios) never opens one, and the load is some 50–80 ms of CPU at every start.
 */
export const sqliteLib = (): typeof Database => createRequire(import.meta.url)('better-sqlite3') as typeof Database;

export interface SqliteStoreOptions {
  /** How long to wait for another connection's lock before reporting the file as locked (default 200). */
  busyTimeoutMs?: number;
  /**
   * 'full' (default): every write is on disk when the call returns, so no punch is lost to a power cut.
   * 'normal': WAL's fast mode, which may lose the last writes on power loss (never on a crash of the
   * process); for benchmarks and throwaway files.
   */
  synchronous?: 'full' | 'normal';
  /**
   * Pages SQLite caches for this connection (default: better-sqlite3's 16 MB). A clock among thousands
   * (a fleet's) reads a few pages per punch and poll; a small cache also gives back the ~20 pages SQLite
   * allocates for it up front, which is most of what an idle connection holds.
   */
  cachePages?: number;
}

export type SqliteStore = ClockPorts & {
  /** Absolute path of the store file. */
  readonly file: string;
  /** Closes the database and gives up the file's lock; later calls do nothing. */
  close(): void;
  /** PRAGMA synchronous as SQLite has it on this connection: FULL (2) or NORMAL (1). */
  syncMode(): 'full' | 'normal';
};

/** Opens (or creates) a store file; throws StoreOpenError when it cannot be used, never replacing it. */
export function openSqlitePorts(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  return openUnderLock(
    file,
    (absolute) => openDatabase(absolute, options),
    (absolute, db, releaseLock) =>
      storeOf(absolute, db, {
        syncMode: () => syncModeOf(db),
        close() {
          try {
            db.close();
          } finally {
            releaseLock();
          }
        },
      }),
  );
}

/**
 * Opens a store file under its owner lock, for a clock's own file and a fleet's shared one alike: the
 * directory is made and the lock taken first; if opening fails the connection is closed, the lock given
 * back, and the failure explained as a StoreOpenError.
 */
export function openUnderLock<T>(
  file: string,
  connect: (absolute: string) => Database.Database,
  wrap: (absolute: string, db: Database.Database, releaseLock: () => void) => T,
): T {
  const absolute = path.resolve(file);
  makeParentDirectory(absolute);
  const lock = acquireLock(absolute);
  let db: Database.Database | undefined;
  try {
    db = connect(absolute);
    return wrap(absolute, db, () => lock.release());
  } catch (error) {
    db?.close();
    lock.release();
    // The marker, not instanceof: a StoreOpenError may come from another copy of this module.
    throw error instanceof Error && 'storeOpenError' in error ? error : classify(absolute, error);
  }
}

export function makeParentDirectory(file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw storeOpenErrors.unreadable(file, `cannot create its directory (${messageOf(error)})`, error);
  }
}

/**
 * Checks before it writes: a damaged, foreign or newer file is reported untouched. A zero-byte file is
 * taken as a new store, on purpose: it is what a crash between creating the file and its first write
 * leaves, SQLite itself reads 0 bytes as an empty database, and there is nothing in it to keep. One byte
 * or more that is not our database is refused.
 */
function openDatabase(file: string, options: SqliteStoreOptions): Database.Database {
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  // SQLite takes a file shorter than a page as empty and would write over it: a file that does not even
  // start as a database is someone's, not ours.
  if (existed && !startsAsDatabase(file))
    throw storeOpenErrors.corrupt(file, 'it does not begin with the SQLite header');
  let db = connect(file, options);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw storeOpenErrors.newerSchema(file, version, SCHEMA_VERSION);
    if (existed) checkIsOurs(file, db, version);
    tune(db, options);
    migrate(db);
    if (options.cachePages === undefined) return db;
    // The check and the migrations leave SQLite's heap strewn with what they parsed and read (~100 KiB a
    // connection, measured): a connection opened afresh on the checked file holds only the schema.
    db.close();
    db = connect(file, options);
    tune(db, options);
    smallCache(db, options.cachePages);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Exclusive locking, set before the file is first read: the file is this process's alone (its owner lock,
 * lock.ts), so SQLite takes its lock once and keeps it instead of taking and giving back shared-memory and
 * file locks around every statement (about ten fcntl calls a punch), and keeps the WAL index in its own
 * memory, with no -shm file. Another program cannot read the file while the clock runs; it can once the
 * clock closed it.
 */
function connect(file: string, options: SqliteStoreOptions): Database.Database {
  const db = new (sqliteLib())(file, { timeout: options.busyTimeoutMs ?? 200 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** WAL, and the durability asked for: set after the journal mode, which would otherwise pick its own. */
function tune(db: Database.Database, options: SqliteStoreOptions): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
}

/**
 * The cache made small, then emptied: SQLite's page cache allocates a bulk of pages on its first read
 * and frees it only once every page has left it, which shrink_memory does; the next reads allocate
 * page by page, up to the new size.
 */
function smallCache(db: Database.Database, pages: number): void {
  if (!Number.isInteger(pages) || pages < 1)
    throw codedRangeError('TC_ERR_CLOCK_OPTIONS', `cachePages must be a whole number ≥ 1, got ${pages}`);
  db.pragma(`cache_size = ${pages}`);
  db.pragma('shrink_memory');
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** False only for a file that can be read and is not a database; anything else is for SQLite to explain. */
export function startsAsDatabase(file: string): boolean {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return true;
    fd = fs.openSync(file, 'r');
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return true;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function checkIsOurs(file: string, db: Database.Database, version: number): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || version > 0 || tables.length > 0)) {
    const found = tables.length > 0 ? `tables ${tables.slice(0, 5).join(', ')}` : `application id ${applicationId}`;
    throw storeOpenErrors.unreadable(file, `it is a SQLite database of another program (${found})`);
  }
  quickCheck(file, db);
}

/** quick_check reads every page once: damage is found at start-up, not in the middle of a punch. */
export function quickCheck(file: string, db: Database.Database): void {
  const problems = db.pragma('quick_check(3)') as { quick_check: string }[];
  if (problems[0]?.quick_check !== 'ok') {
    const found = problems.map((p) => p.quick_check.replace(/\s*\n\s*/g, '; ')).join('; ');
    throw storeOpenErrors.corrupt(file, `integrity check: ${found}`);
  }
}

/** Maps SQLite's errors at open to the reasons a person can act on; anything else is a bug. */
export function classify(file: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const detail = messageOf(error);
  if (typeof code !== 'string') {
    return /directory does not exist/.test(detail) ? storeOpenErrors.unreadable(file, detail, error) : error;
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return storeOpenErrors.corrupt(file, detail, error);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return storeOpenErrors.locked(file, `another program holding a lock on it (${detail})`, error);
  }
  if (/^SQLITE_(CANTOPEN|PERM|READONLY|IOERR|AUTH|FULL|NOLFS)/.test(code)) {
    return storeOpenErrors.unreadable(file, detail, error);
  }
  return error;
}

/** How writes reach the disk on this connection, as SQLite has it: FULL (2) or NORMAL (1). */
export function syncModeOf(db: Database.Database): 'full' | 'normal' {
  return (db.pragma('synchronous', { simple: true }) as number) >= 2 ? 'full' : 'normal';
}

/**
 * The ports on a connection, or on one clock's part of a file many share (shared-db.ts); `hooks.close`
 * is what closing the store does (the first call only).
 */
export function storeOf(
  file: string,
  db: StoreDb,
  hooks: { syncMode(): 'full' | 'normal'; close(): void },
): SqliteStore {
  let open = true;
  const punches = new SqlitePunchLog(db);
  const operations = new SqliteOperationLog(db);
  // A full or read-only volume is a fault the firmware shows and recovers from, not a crash.
  return withStoreFaults(file, {
    file,
    users: new SqliteUserTable(db),
    templates: new SqliteTemplateTable(db),
    punches,
    operations,
    settings: new SqliteSettings(db),
    journal: new SqliteJournal(db),
    cursors: new SqliteCursors(db),
    // Nested calls become savepoints, so an inner failure that is caught undoes only the inner writes.
    transaction: (fn) => {
      try {
        return db.transaction(fn).immediate();
      } catch (error) {
        // What the rollback undid, the logs' kept seq spans and last punches may still hold.
        punches.forget();
        operations.span.forget();
        throw error;
      }
    },
    syncMode: hooks.syncMode,
    close() {
      if (!open) return;
      open = false;
      hooks.close();
    },
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
