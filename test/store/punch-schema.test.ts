// The punch log's schema: no AUTOINCREMENT, the logs numbering themselves (migration 4), and no index
// (migration 5), so a punch's commit writes one b-tree. Files made by the schemas before are migrated in
// place with every punch kept, and every statement by seq is answered through the table's key (EXPLAIN
// QUERY PLAN); the reads by user, off a punch's path, scan from the newest punch back.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { PUNCH_SQL, type PunchRow } from '../../src/store/sqlite-punches.js';
import { seqSpanSql } from '../../src/store/seq-span.js';
import { writeOldStore } from '../fixtures/old-store.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

const PUNCHES = 100_000;

/** A store file as main's code (schema 3) wrote it: punches with AUTOINCREMENT and two indexes. */
function writeSchema3File(file: string, punches: number): void {
  writeOldStore(file, 3, (raw) => {
    // Cleared logs first, so that AUTOINCREMENT's counter is above the largest seq kept.
    const punch = raw.prepare('INSERT INTO punches (pin, time, state, verify, work_code) VALUES (?, ?, ?, ?, ?)');
    const operation = raw.prepare("INSERT INTO operations (op, admin, time, vals) VALUES (?, '0', ?, '[1,2,3]')");
    for (let i = 0; i < 50; i++) punch.run('9', i, 0, 4, 0);
    for (let i = 0; i < 7; i++) operation.run(i, i);
    raw.exec('DELETE FROM punches; DELETE FROM operations;');
    for (let i = 0; i < punches; i++) punch.run(String(1000 + (i % 400)), 1_700_000_000_000 + i * 1000, i % 4, 4, 0);
    operation.run(70, 1);
  });
}

/** A store file as schema 4 wrote it: punches keyed by seq with one (pin, time) index. */
function writeSchema4File(file: string, punches: number): void {
  writeOldStore(file, 4, (raw) => {
    const punch = raw.prepare(
      'INSERT INTO punches (seq, pin, time, state, verify, work_code) VALUES (?, ?, ?, ?, 4, 0)',
    );
    // Users punch in turn, the RTC set back an hour halfway: a user's last punch is not the latest in time.
    for (let i = 0; i < punches; i++) {
      const time = 1_700_000_000_000 + i * 1000 - (i >= punches / 2 ? 3_600_000 : 0);
      punch.run(i + 1, String(1000 + (i % 400)), time, i % 4);
    }
  });
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
    expect(sql.filter((s) => /^CREATE INDEX/i.test(s))).toEqual([]);
  }, 60_000);

  it(`drops a schema-4 file's (pin, time) index in place, keeping ${PUNCHES.toLocaleString('en')} punches and each user's last`, () => {
    const file = storeFile();
    writeSchema4File(file, PUNCHES);
    const before = readPunches(file);
    expect(schemaOf(file).sql.filter((s) => /^CREATE INDEX/i.test(s))).toHaveLength(1);

    const store = openSqlitePorts(file);
    const lasts = ['1000', '1001', '1399', '9999'].map((pin) => store.punches.lastFor(pin)?.seq);
    // User 1000's last-but-one punch: before its latest, so the check reads the file.
    const latestSecond = before.at(-800)!.time;
    const [inSecond, outside] = [
      store.punches.punchedBetween('1000', latestSecond, latestSecond + 999),
      store.punches.punchedBetween('1000', latestSecond + 1000, latestSecond + 1999),
    ];
    const next = store.punches.append({ pin: '1000', time: 1, state: 0, verify: 0, workCode: 0 });
    store.close();

    expect(readPunches(file).slice(0, PUNCHES)).toEqual(before);
    const { version, sql } = schemaOf(file);
    expect(version).toBe(SCHEMA_VERSION);
    expect(sql.filter((s) => /^CREATE INDEX/i.test(s))).toEqual([]);
    expect(lasts).toEqual([PUNCHES - 399, PUNCHES - 398, PUNCHES, undefined]);
    expect([inSecond, outside]).toEqual([true, false]);
    expect(next.seq).toBe(PUNCHES + 1);
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

  it('answers every statement by seq through the table’s key, and the reads by user newest first, unsorted', () => {
    const file = storeFile();
    openSqlitePorts(file).close();
    const raw = new Database(file, { readonly: true });
    const plan = (sql: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parametersOf(sql)) as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    const span = seqSpanSql('punches');

    const plans = {
      afterSeq: plan(PUNCH_SQL.afterSeq),
      next: plan(span.next),
      first: plan(span.first),
      last: plan(PUNCH_SQL.last),
      inSecond: plan(PUNCH_SQL.inSecond),
      range: plan(PUNCH_SQL.inRange),
      lastOfEach: plan(PUNCH_SQL.lastOfEach),
    };
    raw.close();

    expect(plans.afterSeq).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    for (const name of ['afterSeq', 'next', 'first'] as const)
      // SCAN CONSTANT ROW is the SELECT without a FROM that holds the subqueries.
      expect(plans[name].replace('SCAN CONSTANT ROW', ''), name).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    // A user's last punch past the kept map's limit, and the same second after the RTC was set back: the
    // table read from its newest row back (in its key's order, so no sort), stopping at the first found.
    for (const name of ['last', 'inSecond'] as const) {
      expect(plans[name], name).toBe('SCAN punches');
      expect(PUNCH_SQL[name], name).toMatch(/ORDER BY seq DESC LIMIT 1$/);
    }
    // DATA QUERY ATTLOG, a cloud command over every user's punches, and every user's last punch, read
    // once when the log is first asked: the table read through.
    expect(plans.range).toMatch(/SCAN punches/);
    expect(plans.lastOfEach).toMatch(/SCAN punches/);
    expect(plans.lastOfEach).toMatch(/SEARCH punches USING INTEGER PRIMARY KEY/);
  });
});
