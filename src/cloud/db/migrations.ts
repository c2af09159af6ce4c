// The cloud database's schema as ordered migrations, counted by `PRAGMA user_version`, as the clock's
// store does (src/store/migrations.ts). Append new migrations; never edit one that has shipped.
import type Database from 'better-sqlite3';
import { createClockTables, createCommandQueue, createEmployeeTables } from './first-schema.js';
import { createPunchDays, repackPunchDays } from './punch-days-store.js';

export { CLOUD_APPLICATION_ID } from './first-schema.js';

interface Migration {
  version: number;
  description: string;
  up(db: Database.Database, now: number): void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'employees, templates, clock assignments, clocks, punches, operations, command queue',
    up(db, now) {
      createEmployeeTables(db);
      createClockTables(db);
      createCommandQueue(db, now);
    },
  },
  {
    version: 2,
    description: 'portal accounts, API tokens, sessions; changes clocks reported that the portal did not take',
    up(db) {
      db.exec(`
        CREATE TABLE accounts (
          username TEXT PRIMARY KEY,
          role TEXT NOT NULL,               -- sysadmin | readonly
          password_hash TEXT NOT NULL,      -- scrypt$N$r$p$salt$hash
          created_at INTEGER NOT NULL,
          failures INTEGER NOT NULL DEFAULT 0,
          locked_until INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;

        CREATE TABLE api_tokens (
          id INTEGER PRIMARY KEY,
          username TEXT NOT NULL REFERENCES accounts ON DELETE CASCADE,
          name TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,  -- sha256 of the token: the token itself is shown once
          created_at INTEGER NOT NULL,
          last_used INTEGER
        );

        CREATE TABLE sessions (
          sid TEXT PRIMARY KEY,
          data TEXT NOT NULL,               -- JSON of the session
          expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sessions_expiry ON sessions (expires_at);

        CREATE TABLE secrets (
          name TEXT PRIMARY KEY,            -- session: the key that signs session cookies
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE clock_changes (
          id INTEGER PRIMARY KEY,
          sn TEXT NOT NULL,
          pin TEXT NOT NULL,
          field TEXT NOT NULL,              -- role | nonSecure | verifyMode | newUser
          clock_value TEXT NOT NULL,
          portal_value TEXT NOT NULL,
          received_at INTEGER NOT NULL
        );
        CREATE INDEX clock_changes_sn ON clock_changes (sn, id);

        -- What "Search for employee" reads: last and first name, employee ID and badge, folded in JS
        -- (lower case, accents removed) so that muller finds Müller.
        ALTER TABLE employees ADD COLUMN search_folded TEXT NOT NULL DEFAULT '';

        -- A punch belongs to the employee whose badge it was when it arrived: a badge changed later
        -- keeps the history together.
        ALTER TABLE punches ADD COLUMN employee_id TEXT;
        UPDATE punches SET employee_id = (SELECT employee_id FROM employees e WHERE e.badge = punches.pin);
        CREATE INDEX punches_employee ON punches (employee_id, time);
      `);
      const rows = db
        .prepare<[], { employee_id: string; first_name: string; last_name: string; badge: string }>(
          'SELECT employee_id, first_name, last_name, badge FROM employees',
        )
        .all();
      const update = db.prepare('UPDATE employees SET search_folded = ?, last_name_folded = ? WHERE employee_id = ?');
      for (const r of rows) {
        update.run(searchText(r.last_name, r.first_name, r.employee_id, r.badge), fold(r.last_name), r.employee_id);
      }
    },
  },
  {
    version: 3,
    description: 'device keys: how each clock proves who it is; clocks waiting for an admin to accept them',
    up(db) {
      db.exec(`
        -- key: every request carries the clock's device key (Authorization: Bearer); serial: the serial
        -- number alone, as plain PUSH clocks can. Clocks registered before keys existed stay serial.
        ALTER TABLE clocks ADD COLUMN auth TEXT NOT NULL DEFAULT 'serial';
        ALTER TABLE clocks ADD COLUMN key_hash TEXT;      -- sha256 of the device key; the key is never kept
        ALTER TABLE clocks ADD COLUMN key_pickup TEXT;    -- the key itself until the clock's handshake takes it

        CREATE TABLE pending_clocks (
          sn TEXT PRIMARY KEY,
          first_seen INTEGER NOT NULL,
          last_seen INTEGER NOT NULL,
          requests INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX pending_clocks_seen ON pending_clocks (last_seen);
      `);
    },
  },
  {
    version: 4,
    description: 'timesheets: punches by employee and time with their state, read without the table',
    up(db) {
      db.exec(`
        -- A month's timesheet of a thousand employees reads their punches by employee and time; with the
        -- state in the index no row of the table is visited. It covers what punches_employee served.
        CREATE INDEX punches_timesheet ON punches (employee_id, time, status);
        DROP INDEX punches_employee;
      `);
    },
  },
  {
    version: 5,
    description: 'the audit log (who changed what and when, kept to the newest rows); inactive employees',
    up(db) {
      db.exec(`
        -- Ids only grow (no reuse after the oldest rows are trimmed): the trim is a range of ids.
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          actor_kind TEXT NOT NULL,         -- account | token | clock | command-line | cloud
          actor TEXT NOT NULL,              -- the username, token name (and its account), serial number
          kind TEXT NOT NULL,               -- employee | clock | account | punch
          subject TEXT NOT NULL,            -- employee ID, serial number, username
          action TEXT NOT NULL,
          before TEXT NOT NULL,             -- JSON, '' when the thing did not exist
          after TEXT NOT NULL
        );
        CREATE INDEX audit_log_at ON audit_log (at);

        -- NULL: active. Otherwise the employee is inactive, off every clock, and this is the JSON list of
        -- the clocks they were on: reactivation sends them back there.
        ALTER TABLE employees ADD COLUMN inactive_clocks TEXT;
      `);
    },
  },
  {
    version: 6,
    description: 'punch corrections: a punch added, corrected or voided by an administrator, beside the original',
    up(db) {
      db.exec(`
        -- The clock's punch row is never rewritten: a correction stands beside it, and the latest
        -- correction of a punch is what lists, exports and timesheets use. An added punch has no punch_id.
        CREATE TABLE punch_corrections (
          id INTEGER PRIMARY KEY,
          target INTEGER NOT NULL,          -- the punch corrected: a clock's punch id, or minus the id of the
                                            -- correction that added it, so each punch's corrections share one
          punch_id INTEGER REFERENCES punches,  -- the clock's punch (NULL for one added)
          employee_id TEXT NOT NULL,
          kind TEXT NOT NULL,               -- added | corrected | void
          time INTEGER NOT NULL,            -- the punch's time after it, clock local (void: the one it had)
          status INTEGER NOT NULL,          -- its state after it (void: the one it had)
          reason TEXT NOT NULL,
          actor TEXT NOT NULL,              -- who: the account or token, as the audit log names them
          made_at INTEGER NOT NULL          -- when, UTC ms
        );
        CREATE INDEX punch_corrections_target ON punch_corrections (target, id);
        CREATE INDEX punch_corrections_employee ON punch_corrections (employee_id, time);
      `);
    },
  },
  {
    version: 7,
    description: 'timesheets: each employee’s punches of a day packed, kept by triggers; employees by name, covered',
    up(db) {
      createPunchDays(db);
      db.exec(`
        -- A page of employees by name (a timesheet's thousand, the lists) walks this index in order and
        -- reads no table row; it covers what employees_last_name served.
        CREATE INDEX employees_by_name ON employees (last_name_folded, first_name, employee_id, last_name);
        DROP INDEX employees_last_name;
      `);
    },
  },
  {
    version: 8,
    description:
      'timesheets: the day table packed narrow (times of the day, the state a letter, ids only where marked)',
    up(db) {
      repackPunchDays(db);
    },
  },
];

/** Lower case without diacritics: `Müller` → `muller`, `López` → `lopez`. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded text an employee is found by; a NUL between fields so a query never spans two. */
export function searchText(lastName: string, firstName: string, employeeId: string, badge: string): string {
  return [lastName, firstName, employeeId, badge].map(fold).join('\u0000');
}

export const CLOUD_SCHEMA_VERSION = MIGRATIONS.length;

/** Runs the migrations the file lacks in one transaction, so a file is never half-migrated. */
export function migrateCloud(db: Database.Database, now: number): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      migration.up(db, now);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
