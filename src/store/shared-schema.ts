// The schema of a file shared by many clocks (a fleet's --data): each of the clock store's tables once,
// keyed by a clock id, and under the store's own table names a view of the current clock's rows with
// INSTEAD OF triggers, so that the store's SQL (sqlite-*.ts) runs unchanged on one clock's rows.
// Why not a table per clock: SQLite re-reads its schema table on every CREATE, so creating tables
// grows with the square of the clocks (measured: 500 clocks' tables took 4.7 s, 1,000 took 163 s).
import { SCHEMA_VERSION } from './migrations.js';
import { codedError } from '../errors.js';

/** The store schema (migrations.ts) these tables mirror: a new migration must be mirrored here too. */
export const SHARED_SCHEMA_VERSION = 5;

/** 'TCF1': marks a file as many clocks' shared store, which a single clock's store (TCS1) is not. */
export const SHARED_APPLICATION_ID = 0x54434631;

/** The SQL function the views read the current clock's id from; the host sets it before each statement. */
export const CURRENT_CLOCK = 'current_clock';

interface SharedTable {
  name: string;
  /** Column definitions as in the single-clock schema, without the key. */
  columns: [name: string, definition: string][];
  /** The key within one clock; the table's primary key is (clock, …key). */
  key: string[];
  /** Indexes: their columns after the clock column, a partial index's condition, unique or not. */
  indexes: { name: string; on: string; where?: string; unique?: boolean }[];
}

/** Schema version 5 (migrations.ts), table by table. */
export const SHARED_TABLES: readonly SharedTable[] = [
  {
    name: 'users',
    columns: [
      ['pin', 'TEXT NOT NULL'],
      ['name', 'TEXT NOT NULL'],
      ['name_folded', 'TEXT NOT NULL'],
      ['privilege', 'INTEGER NOT NULL'],
      ['password', 'TEXT NOT NULL'],
      ['card', 'TEXT NOT NULL'],
      ['grp', 'INTEGER NOT NULL'],
      ['time_zones', 'TEXT NOT NULL'],
      ['verify_mode', 'INTEGER NOT NULL'],
      ['uid', 'INTEGER'],
    ],
    key: ['pin'],
    indexes: [
      { name: 'users_pin_order', on: 'length(pin), pin' },
      { name: 'users_card', on: 'card, length(pin), pin', where: "card <> ''" },
      { name: 'users_privileged', on: 'privilege', where: 'privilege > 0' },
      { name: 'users_uid', on: 'uid', unique: true },
    ],
  },
  {
    name: 'templates',
    columns: [
      ['pin', 'TEXT NOT NULL'],
      ['fid', 'INTEGER NOT NULL'],
      ['valid', 'INTEGER NOT NULL'],
      ['template', 'TEXT NOT NULL'],
      ['finger_key', 'TEXT'],
    ],
    key: ['pin', 'fid'],
    indexes: [{ name: 'templates_finger', on: 'finger_key', where: 'finger_key IS NOT NULL' }],
  },
  {
    name: 'punches',
    columns: [
      ['seq', 'INTEGER NOT NULL'],
      ['pin', 'TEXT NOT NULL'],
      ['time', 'INTEGER NOT NULL'],
      ['state', 'INTEGER NOT NULL'],
      ['verify', 'INTEGER NOT NULL'],
      ['work_code', 'INTEGER NOT NULL'],
    ],
    key: ['seq'],
    // None since schema 5: a punch writes one b-tree; a user's last punch is kept in memory.
    indexes: [],
  },
  {
    name: 'operations',
    columns: [
      ['seq', 'INTEGER NOT NULL'],
      ['op', 'INTEGER NOT NULL'],
      ['admin', 'TEXT NOT NULL'],
      ['time', 'INTEGER NOT NULL'],
      ['vals', 'TEXT NOT NULL'],
    ],
    key: ['seq'],
    indexes: [],
  },
  {
    name: 'settings',
    columns: [
      ['id', 'INTEGER NOT NULL CHECK (id = 1)'],
      ['json', 'TEXT NOT NULL'],
    ],
    key: ['id'],
    indexes: [],
  },
  {
    name: 'journal',
    columns: [
      ['id', 'TEXT NOT NULL'],
      ['command', 'TEXT NOT NULL'],
      ['return_code', 'INTEGER NOT NULL'],
      ['reply', 'TEXT NOT NULL'],
      ['applied_at', 'INTEGER NOT NULL'],
    ],
    key: ['id'],
    indexes: [],
  },
  {
    name: 'cursors',
    columns: [
      ['name', 'TEXT NOT NULL'],
      ['seq', 'INTEGER NOT NULL'],
    ],
    key: ['name'],
    indexes: [],
  },
  {
    name: 'log_floors',
    columns: [
      ['name', 'TEXT NOT NULL'],
      ['next_seq', 'INTEGER NOT NULL'],
    ],
    key: ['name'],
    indexes: [],
  },
];

/**
 * What takes a shared file of an older schema to the next, in place: [from version, SQL]. A file older
 * than the first is refused (it cannot be migrated).
 */
export const SHARED_MIGRATIONS: readonly (readonly [from: number, sql: string])[] = [
  [4, 'DROP INDEX all_punches_punches_pin_time'],
];

/** The whole shared schema: the clocks' register, then each table with its indexes, view and triggers. */
export function sharedSchemaSql(): string {
  if (SHARED_SCHEMA_VERSION !== SCHEMA_VERSION)
    throw codedError(
      'TC_ERR_STORE_SHARED_SCHEMA',
      `the shared store mirrors schema ${SHARED_SCHEMA_VERSION}, the store is at ${SCHEMA_VERSION}`,
    );
  const register = 'CREATE TABLE clocks (serial TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE) WITHOUT ROWID;';
  return [register, ...SHARED_TABLES.map(tableSql)].join('\n');
}

function tableSql(t: SharedTable): string {
  const all = `all_${t.name}`;
  const names = t.columns.map(([name]) => name);
  const mine = `clock = ${CURRENT_CLOCK}()`;
  const keyMatch = t.key.map((k) => `${k} = OLD.${k}`).join(' AND ');
  return [
    `CREATE TABLE ${all} (clock INTEGER NOT NULL, ${t.columns.map(([n, d]) => `${n} ${d}`).join(', ')}, ` +
      `PRIMARY KEY (clock, ${t.key.join(', ')})) WITHOUT ROWID;`,
    ...t.indexes.map(
      (i) =>
        `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${all}_${i.name} ON ${all} (clock, ${i.on})` +
        `${i.where === undefined ? '' : ` WHERE ${i.where}`};`,
    ),
    `CREATE VIEW ${t.name} AS SELECT ${names.join(', ')} FROM ${all} WHERE ${mine};`,
    // The statement's own ON CONFLICT (INSERT OR REPLACE INTO users …) governs the trigger's INSERT.
    `CREATE TRIGGER ${t.name}_insert INSTEAD OF INSERT ON ${t.name} BEGIN ` +
      `INSERT INTO ${all} (clock, ${names.join(', ')}) VALUES (${CURRENT_CLOCK}(), ${names.map((n) => `NEW.${n}`).join(', ')}); END;`,
    `CREATE TRIGGER ${t.name}_delete INSTEAD OF DELETE ON ${t.name} BEGIN ` +
      `DELETE FROM ${all} WHERE ${mine} AND ${keyMatch}; END;`,
    `CREATE TRIGGER ${t.name}_update INSTEAD OF UPDATE ON ${t.name} BEGIN ` +
      `UPDATE ${all} SET ${names.map((n) => `${n} = NEW.${n}`).join(', ')} WHERE ${mine} AND ${keyMatch}; END;`,
  ].join('\n');
}
