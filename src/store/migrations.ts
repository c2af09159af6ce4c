// The store's schema as an ordered list of migrations; `PRAGMA user_version` records how many of them
// a file has had. Append new migrations at the end; never edit one that has shipped.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… : the user_version a file has once this migration ran. */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

/** 'TCS1': marks a file as a timeclock store, so that another program's database is not taken for one. */
export const APPLICATION_ID = 0x54435331;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'users, templates, punches, operations, settings, command journal, upload cursors',
    up(db) {
      db.exec(`
        CREATE TABLE users (
          pin TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          name_folded TEXT NOT NULL,  -- lower-cased in JS on write, so search folds like the memory adapter
          privilege INTEGER NOT NULL,
          password TEXT NOT NULL,
          card TEXT NOT NULL,         -- '' when none
          grp INTEGER NOT NULL,
          time_zones TEXT NOT NULL,
          verify_mode INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX users_pin_order ON users (length(pin), pin);
        CREATE INDEX users_card ON users (card) WHERE card <> '';
        CREATE INDEX users_privileged ON users (privilege) WHERE privilege > 0;

        CREATE TABLE templates (
          pin TEXT NOT NULL,
          fid INTEGER NOT NULL,
          valid INTEGER NOT NULL,
          template TEXT NOT NULL,
          finger_key TEXT,            -- NULL for a foreign template
          PRIMARY KEY (pin, fid)
        ) WITHOUT ROWID;
        CREATE INDEX templates_finger ON templates (finger_key) WHERE finger_key IS NOT NULL;

        -- AUTOINCREMENT: a seq is never reused after clear(), as upload cursors count them.
        CREATE TABLE punches (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          pin TEXT NOT NULL,
          time INTEGER NOT NULL,
          state INTEGER NOT NULL,
          verify INTEGER NOT NULL,
          work_code INTEGER NOT NULL
        );
        CREATE INDEX punches_pin ON punches (pin, seq);
        CREATE INDEX punches_time ON punches (time);

        CREATE TABLE operations (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          op INTEGER NOT NULL,
          admin TEXT NOT NULL,
          time INTEGER NOT NULL,
          vals TEXT NOT NULL          -- JSON of the three values, which may be numbers or strings
        );

        CREATE TABLE settings (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);

        CREATE TABLE journal (
          id TEXT PRIMARY KEY,
          command TEXT NOT NULL,
          return_code INTEGER NOT NULL,
          reply TEXT NOT NULL,        -- JSON array of lines
          applied_at INTEGER NOT NULL
        );

        CREATE TABLE cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      `);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
  },
  {
    version: 2,
    description: 'users_card in PIN order: a card tap finds its user without sorting',
    up(db) {
      db.exec(`
        DROP INDEX users_card;
        CREATE INDEX users_card ON users (card, length(pin), pin) WHERE card <> '';
      `);
    },
  },
  {
    version: 3,
    description:
      "users' uid, the LAN protocol's index, kept for life; existing users keep the one SDKs saw (PIN order)",
    up(db) {
      db.exec(`
        ALTER TABLE users ADD COLUMN uid INTEGER;
        UPDATE users SET uid = (
          SELECT n FROM (SELECT pin, row_number() OVER (ORDER BY length(pin), pin) AS n FROM users) AS ranked
          WHERE ranked.pin = users.pin
        );
        CREATE UNIQUE INDEX users_uid ON users (uid);
      `);
    },
  },
  {
    version: 4,
    description:
      'punches with one (pin, time) index and no AUTOINCREMENT, operations without it: the logs keep their ' +
      'next seq themselves (log_floors, written when a log is cleared)',
    up(db) {
      // Every row and every seq kept: the floors take AUTOINCREMENT's counters, so a cleared log still
      // numbers on from where it was. The index is built after the copy, in one sorted pass.
      db.exec(`
        CREATE TABLE log_floors (name TEXT PRIMARY KEY, next_seq INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO log_floors (name, next_seq)
          SELECT name, seq + 1 FROM sqlite_sequence WHERE name IN ('punches', 'operations');

        CREATE TABLE punches_v4 (
          seq INTEGER PRIMARY KEY,
          pin TEXT NOT NULL,
          time INTEGER NOT NULL,
          state INTEGER NOT NULL,
          verify INTEGER NOT NULL,
          work_code INTEGER NOT NULL
        );
        INSERT INTO punches_v4 (seq, pin, time, state, verify, work_code)
          SELECT seq, pin, time, state, verify, work_code FROM punches ORDER BY seq;
        DROP TABLE punches;
        ALTER TABLE punches_v4 RENAME TO punches;
        CREATE INDEX punches_pin_time ON punches (pin, time);

        CREATE TABLE operations_v4 (
          seq INTEGER PRIMARY KEY,
          op INTEGER NOT NULL,
          admin TEXT NOT NULL,
          time INTEGER NOT NULL,
          vals TEXT NOT NULL
        );
        INSERT INTO operations_v4 (seq, op, admin, time, vals)
          SELECT seq, op, admin, time, vals FROM operations ORDER BY seq;
        DROP TABLE operations;
        ALTER TABLE operations_v4 RENAME TO operations;
      `);
    },
  },
  {
    version: 5,
    description:
      "punches in one b-tree, keyed by seq: the (pin, time) index dropped, a punch's commit writes one page " +
      "where it wrote two; a user's last punch and latest time are kept in memory (sqlite-punches.ts)",
    up(db) {
      // In place and at once: the rows are not touched, only the index's pages freed for reuse.
      db.exec('DROP INDEX punches_pin_time');
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Runs the migrations the file lacks, all in one transaction, so a file is never half-migrated. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
