// The cloud database's first schema (migration 1), in three steps that run in this order. It has shipped:
// its SQL is as it was, to the space, since SQLite keeps each CREATE's text in sqlite_master
// (test/cloud/schema.test.ts compares the whole schema with the one the shipped migrations made).
import type Database from 'better-sqlite3';

/** 'TCC1': marks a file as a timeclock cloud database, so neither a clock store nor a foreign file is taken for one. */
export const CLOUD_APPLICATION_ID = 0x54434331;

/** The employees, their fingerprint templates and the clocks each is assigned to. */
export function createEmployeeTables(db: Database.Database): void {
  db.exec(`
        CREATE TABLE employees (
          employee_id TEXT PRIMARY KEY,
          first_name TEXT NOT NULL,
          last_name TEXT NOT NULL,
          last_name_folded TEXT NOT NULL,   -- lower-cased in JS: SQLite's lower() folds ASCII only
          badge TEXT NOT NULL UNIQUE,
          non_secure INTEGER NOT NULL,
          role TEXT NOT NULL,
          card TEXT NOT NULL,
          password TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX employees_last_name ON employees (last_name_folded);

        CREATE TABLE employee_templates (
          employee_id TEXT NOT NULL REFERENCES employees ON DELETE CASCADE,
          fid INTEGER NOT NULL,
          valid INTEGER NOT NULL,
          template TEXT NOT NULL,
          PRIMARY KEY (employee_id, fid)
        ) WITHOUT ROWID;

        CREATE TABLE employee_clocks (
          employee_id TEXT NOT NULL REFERENCES employees ON DELETE CASCADE,
          sn TEXT NOT NULL,
          PRIMARY KEY (employee_id, sn)
        ) WITHOUT ROWID;
        CREATE INDEX employee_clocks_sn ON employee_clocks (sn);
`);
}

/** The clocks and what they upload: punches and operations. */
export function createClockTables(db: Database.Database): void {
  db.exec(`
        CREATE TABLE clocks (
          sn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          registered_at INTEGER NOT NULL,
          last_seen INTEGER,
          info TEXT NOT NULL DEFAULT '{}',  -- JSON
          attlog_stamp TEXT NOT NULL DEFAULT 'None',
          operlog_stamp TEXT NOT NULL DEFAULT 'None'
        ) WITHOUT ROWID;

        CREATE TABLE punches (
          id INTEGER PRIMARY KEY,
          sn TEXT NOT NULL,
          pin TEXT NOT NULL,
          time INTEGER NOT NULL,            -- the clock's local time, ms of a naive calendar
          status INTEGER NOT NULL,
          verify INTEGER NOT NULL,
          work_code TEXT NOT NULL,
          received_at INTEGER NOT NULL,
          UNIQUE (sn, pin, time)            -- a record uploaded twice is one punch
        );
        CREATE INDEX punches_time ON punches (time);

        CREATE TABLE operations (
          id INTEGER PRIMARY KEY,
          sn TEXT NOT NULL,
          op INTEGER NOT NULL,
          admin TEXT NOT NULL,
          time INTEGER NOT NULL,
          vals TEXT NOT NULL,
          received_at INTEGER NOT NULL,
          UNIQUE (sn, op, admin, time, vals)
        );
`);
}

/** The queue of commands for the clocks, its ids starting at `now`, and the mark of a cloud database. */
export function createCommandQueue(db: Database.Database, now: number): void {
  db.exec(`
        CREATE TABLE commands (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          sn TEXT NOT NULL,
          command TEXT NOT NULL,            -- JSON of the PushCommand
          state TEXT NOT NULL,              -- queued | sent | done | failed
          return_code INTEGER,
          note TEXT,
          reply TEXT NOT NULL DEFAULT '{}',
          created_at INTEGER NOT NULL,
          sent_at INTEGER,
          sends INTEGER NOT NULL DEFAULT 0,
          finished_at INTEGER
        );
        CREATE INDEX commands_pending ON commands (sn, id) WHERE state IN ('queued', 'sent');
`);
  // Command ids start at the creation time in ms, not 1: clocks remember ids they applied, and a
  // clock that outlives a cloud database must not take a new database's commands for old ones.
  db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('commands', ?)").run(now);
  db.pragma(`application_id = ${CLOUD_APPLICATION_ID}`);
}
