// The punch log's schema (migration 4): one (pin, time) index, no AUTOINCREMENT, the logs numbering
// themselves. A file made by the schema before it is migrated in place with every punch kept, and
// every statement of a punch is answered through an index (EXPLAIN QUERY PLAN), not a scan.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { PUNCH_SQL, type PunchRow } from '../../src/store/sqlite-punches.js';
import { seqSpanSql } from '../../src/store/seq-span.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

const PUNCHES = 100_000;

/** A store file as main's code (schema 3) wrote it: punches with AUTOINCREMENT and two indexes. */
function writeSchema3File(file: string, punches: number): void {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.transaction(() => {
    for (const migration of MIGRATIONS.slice(0, 3)) migration.up(raw);
    raw.pragma('user_version = 3');
    // Cleared logs first, so that AUTOINCREMENT's counter is above the largest seq kept.
    const punch = raw.prepare('INSERT INTO punches (pin, time, state, verify, work_code) VALUES (?, ?, ?, ?, ?)');
    const operation = raw.prepare("INSERT INTO operations (op, admin, time, vals) VALUES (?, '0', ?, '[1,2,3]')");
    for (let i = 0; i < 50; i++) punch.run('9', i, 0, 4, 0);
    for (let i = 0; i < 7; i++) operation.run(i, i);
    raw.exec('DELETE FROM punches; DELETE FROM operations;');
    for (let i = 0; i < punches; i++) punch.run(String(1000 + (i % 400)), 1_700_000_000_000 + i * 1000, i % 4, 4, 0);
    operation.run(70, 1);
  })();
  raw.close();
}

function readPunches(file: string): PunchRow[] {
  const raw = new Database(file, { readonly: true });
  const rows = raw.prepare('SELECT seq, pin, time, state, verify, work_code FROM punches ORDER BY seq').all();
  raw.close();
  return rows as PunchRow[];
}

/** Nulls for a statement's parameters: EXPLAIN QUERY PLAN binds them without using them. */
function parametersOf(sql: string): null[] {
  return Array.from(sql.matchAll(/\?/g), () => null);
}

function schemaOf(file: string): { version: number; sql: string[] } {
  const raw = new Database(file, { readonly: true });
  const version = raw.pragma('user_version', { simple: true }) as number;
  const sql = raw
    .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name IN ('punches', 'operations') AND sql IS NOT NULL")
    .pluck()
    .all() as string[];
  raw.close();
  return { version, sql };
}

let dir: TempDir | undefined;
afterEach(() => dir?.remove());

/** A store file's path in a directory of its own, removed after the test. */
function storeFile(): string {
  dir = makeTempDir();
  return dir.file('clock.db');
}

describe('the punch log schema', () => {
  it(`migrates a schema-3 file of ${PUNCHES.toLocaleString('en')} punches in place, keeping every punch`, () => {
    const file = storeFile();
    writeSchema3File(file, PUNCHES);
    const before = readPunches(file);

    const store = openSqlitePorts(file);
    store.close();

    const after = readPunches(file);
    expect(after).toHaveLength(PUNCHES);
    expect(after).toEqual(before);
    const { version, sql } = schemaOf(file);
    expect(version).toBe(SCHEMA_VERSION);
    expect(sql.join('\n')).not.toMatch(/AUTOINCREMENT/i);
    expect(sql.filter((s) => /^CREATE INDEX/i.test(s))).toEqual([
      'CREATE INDEX punches_pin_time ON punches (pin, time)',
    ]);
  }, 60_000);

  it('numbers on after a migrated file’s last seq and its cleared records, never reusing one', () => {
    const file = storeFile();
    writeSchema3File(file, 10);
    const lastSeq = readPunches(file).at(-1)!.seq;

    const store = openSqlitePorts(file);
    const next = store.punches.append({ pin: '1', time: 1, state: 0, verify: 0, workCode: 0 });
    store.punches.clear();
    const afterClear = store.punches.append({ pin: '1', time: 2, state: 0, verify: 0, workCode: 0 });
    const operation = store.operations.append({ op: 1, admin: '0', time: 3, values: [0, 0, 0] });
    store.close();

    expect(lastSeq).toBe(60);
    expect(next.seq).toBe(61);
    expect(afterClear.seq).toBe(62);
    expect(operation.seq).toBe(9); // 7 cleared, 1 kept: the eighth
  });

  it('numbers on after clear() across a restart, from the floor the clear wrote', () => {
    const file = storeFile();
    const first = openSqlitePorts(file);
    for (let i = 0; i < 5; i++) first.punches.append({ pin: '1', time: i * 1000, state: 0, verify: 0, workCode: 0 });
    first.punches.clear();
    first.close();

    const second = openSqlitePorts(file);
    expect(second.punches.count()).toBe(0);
    expect(second.punches.append({ pin: '1', time: 9000, state: 0, verify: 0, workCode: 0 }).seq).toBe(6);
    second.close();
  });

  it('leaves a schema-3 file as it was when the migration fails (one transaction)', () => {
    const file = storeFile();
    writeSchema3File(file, 100);
    const raw = new Database(file);
    raw.exec('CREATE TABLE punches_v4 (x)'); // in the way of the migration's own table
    raw.close();
    const before = readPunches(file);

    expect(() => openSqlitePorts(file)).toThrow(/punches_v4/);

    expect(schemaOf(file).version).toBe(3);
    expect(readPunches(file)).toEqual(before);
  });

  it('answers every statement of a punch through an index or the table’s key, never a scan', () => {
    const file = storeFile();
    openSqlitePorts(file).close();
    const raw = new Database(file, { readonly: true });
    const plan = (sql: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parametersOf(sql)) as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    const span = seqSpanSql('punches');

    const plans = {
      last: plan(PUNCH_SQL.last),
      inSecond: plan(PUNCH_SQL.inSecond),
      afterSeq: plan(PUNCH_SQL.afterSeq),
      next: plan(span.next),
      first: plan(span.first),
      range: plan(PUNCH_SQL.inRange),
      lastOfEach: plan(PUNCH_SQL.lastOfEach),
    };
    raw.close();

    expect(plans.last).toMatch(/USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plans.last).toMatch(/USING COVERING INDEX punches_pin_time \(pin=\?\)/);
    expect(plans.inSecond).toMatch(/USING COVERING INDEX punches_pin_time \(pin=\? AND time>\? AND time<\?\)/);
    expect(plans.afterSeq).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    for (const [name, detail] of Object.entries(plans)) {
      if (name === 'range' || name === 'lastOfEach') continue;
      // SCAN CONSTANT ROW is the SELECT without a FROM that holds the subqueries.
      expect(detail.replace('SCAN CONSTANT ROW', ''), name).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    }
    // DATA QUERY ATTLOG, a cloud command over every user's punches: the one statement left to a scan.
    expect(plans.range).toMatch(/SCAN punches/);
    // Every user's last punch, read once when the log is first asked: the index read through, no sort.
    expect(plans.lastOfEach).toMatch(/SCAN punches USING COVERING INDEX punches_pin_time/);
    expect(plans.lastOfEach).toMatch(/SEARCH punches USING INTEGER PRIMARY KEY/);
    expect(plans.lastOfEach).not.toMatch(/TEMP B-TREE/);
  });
});
