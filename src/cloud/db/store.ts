// The cloud's SQLite database: its own file (or `:memory:`), checked and migrated on open, with one
// repository per table group. A file in use by another process is refused, as the clock's store is.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../../store/index.js';
import { acquireFileLock } from '../../file-lock.js';
import { ClockRepository, OperationRepository, PunchRepository } from './clocks-store.js';
import { AccountRepository, SessionRepository, TokenRepository } from './accounts-store.js';
import { ClockChangeRepository } from './clock-changes-store.js';
import { CommandRepository } from './commands-store.js';
import { DeviceKeyRepository, PendingClockRepository } from './device-keys-store.js';
import { EmployeeRepository } from './employees-store.js';
import { TimesheetRepository } from './timesheet-store.js';
import { AuditRepository } from './audit-store.js';
import { PunchCorrectionRepository } from './punch-corrections-store.js';
import { CLOUD_APPLICATION_ID, CLOUD_SCHEMA_VERSION, migrateCloud } from './migrations.js';

export interface CloudStore {
  readonly file: string;
  readonly employees: EmployeeRepository;
  readonly clocks: ClockRepository;
  readonly punches: PunchRepository;
  readonly operations: OperationRepository;
  readonly commands: CommandRepository;
  readonly accounts: AccountRepository;
  readonly tokens: TokenRepository;
  readonly sessions: SessionRepository;
  readonly clockChanges: ClockChangeRepository;
  readonly deviceKeys: DeviceKeyRepository;
  readonly pendingClocks: PendingClockRepository;
  readonly timesheets: TimesheetRepository;
  readonly audit: AuditRepository;
  readonly corrections: PunchCorrectionRepository;
  transaction<T>(fn: () => T): T;
  /** A named secret of this database, made by `make` the first time it is asked for. */
  secret(name: string, make: () => string): string;
  close(): void;
}

/**
 * Opens or creates the database; throws StoreOpenError naming the file and what is wrong with it.
 * `shared`: without the lock, beside a cloud that runs on the file (account changes from the command
 * line; SQLite's own locking keeps the writes apart).
 */
export function openCloudStore(file: string, now: number, options: { shared?: boolean } = {}): CloudStore {
  if (file === ':memory:') return storeOf(file, new Database(':memory:'), now, () => {});
  const absolute = path.resolve(file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const lock = options.shared ? { release() {} } : acquireCloudLock(absolute);
  const existed = fs.existsSync(absolute) && fs.statSync(absolute).size > 0;
  let db: Database.Database | undefined;
  try {
    db = new Database(absolute, { timeout: options.shared ? 5_000 : 200 });
    if (existed) checkIsCloudDatabase(absolute, db);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a crash of the process; an `OK` for an upload is then never taken back.
    db.pragma('synchronous = NORMAL');
    return storeOf(absolute, db, now, () => lock.release());
  } catch (error) {
    db?.close();
    lock.release();
    if (error instanceof StoreOpenError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(absolute, 'unreadable', `Cannot open the cloud database ${absolute}: ${detail}`, {
      cause: error,
    });
  }
}

/** The file lock the clock's store takes too, in the cloud database's words. */
function acquireCloudLock(file: string): { release(): void } {
  return acquireFileLock(file, {
    owner: 'program',
    locked: (at, holder) =>
      new StoreOpenError(
        at,
        'locked',
        `Cannot open the cloud database ${at}: it is in use by ${holder}. ` +
          'Stop the other program using it, or choose another store file.',
      ),
    unreadable: (at, detail, cause) =>
      new StoreOpenError(
        at,
        'unreadable',
        `Cannot open the cloud database ${at}: ${detail}. ` +
          'Check that the path names a timeclock store file (or a new one) that you may read and write.',
        { cause },
      ),
  });
}

/**
 * Checks before anything is written: a file of another program (any table, or another application id),
 * a newer schema, or a damaged page is refused untouched, naming the file and what to do.
 */
function checkIsCloudDatabase(file: string, db: Database.Database): void {
  try {
    checkFile(file, db);
  } catch (error) {
    // A page damaged where SQLite reads first fails the first statement, before quick_check can say more.
    if ((error as { code?: string }).code !== 'SQLITE_CORRUPT') throw error;
    throw damaged(file, (error as Error).message);
  }
}

function damaged(file: string, found: string): StoreOpenError {
  return new StoreOpenError(
    file,
    'corrupt',
    `Cannot open the cloud database ${file}: it is damaged (${found}); ` +
      'restore it from a backup, or move it aside to start an empty cloud',
  );
}

function checkFile(file: string, db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
  const ours = applicationId === CLOUD_APPLICATION_ID;
  if (!ours && (applicationId !== 0 || version > 0 || tables > 0)) {
    const detail =
      applicationId === 0
        ? `it is another program's SQLite database (${tables} tables, no timeclock mark)`
        : `it is not a timeclock cloud database (application id ${applicationId})`;
    throw new StoreOpenError(
      file,
      'unreadable',
      `Cannot open the cloud database ${file}: ${detail}; give the cloud a file of its own (--data)`,
    );
  }
  if (version > CLOUD_SCHEMA_VERSION) {
    throw new StoreOpenError(
      file,
      'newer-schema',
      `Cannot open the cloud database ${file}: it has cloud schema ${version}, newer than this program's ${CLOUD_SCHEMA_VERSION}`,
    );
  }
  // quick_check reads every page once: damage is found at start-up, not in the middle of an upload.
  const problems = db.pragma('quick_check(3)') as { quick_check: string }[];
  if (problems[0]?.quick_check !== 'ok') {
    const found = problems.map((p) => p.quick_check.replace(/\s*\n\s*/g, '; ')).join('; ');
    throw damaged(file, `integrity check: ${found}`);
  }
}

function storeOf(file: string, db: Database.Database, now: number, release: () => void): CloudStore {
  db.pragma('foreign_keys = ON');
  migrateCloud(db, now);
  // One transaction function for all: better-sqlite3 builds one per call of db.transaction(), and nested
  // calls of this one become savepoints.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  let open = true;
  const commands = new CommandRepository(db);
  const deviceKeys = new DeviceKeyRepository(db);
  const clocks = new ClockRepository(db);
  return {
    file,
    employees: new EmployeeRepository(db),
    clocks,
    punches: new PunchRepository(db),
    operations: new OperationRepository(db),
    commands,
    accounts: new AccountRepository(db),
    tokens: new TokenRepository(db),
    sessions: new SessionRepository(db),
    clockChanges: new ClockChangeRepository(db),
    deviceKeys,
    pendingClocks: new PendingClockRepository(db),
    timesheets: new TimesheetRepository(db),
    audit: new AuditRepository(db),
    corrections: new PunchCorrectionRepository(db),
    transaction: <T>(fn: () => T) => {
      try {
        return inTransaction.immediate(fn) as T;
      } catch (error) {
        // Rolled back: what the repositories keep in memory may have been read inside it.
        commands.forgetCached();
        deviceKeys.forgetCached();
        clocks.forgetCached();
        throw error;
      }
    },
    secret(name, make) {
      db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, make());
      return db.prepare('SELECT value FROM secrets WHERE name = ?').pluck().get(name) as string;
    },
    close() {
      if (!open) return;
      open = false;
      try {
        db.close();
      } finally {
        release();
      }
    },
  };
}
