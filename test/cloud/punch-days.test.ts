// The day table kept by SQLite's triggers, against the plain reading of the punches: after any random
// sequence of uploads, corrections through the domain, and deletions and moves made on the file itself
// (an undone correction, a punch deleted, a punch's time changed by a script), the timesheet read from the
// day table is the reference's, and the table is the one the migration would build from scratch.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fillPunchDays, openCloudStore, type CloudStore } from '../../src/cloud/db/index.js';
import { PunchCorrections, Timesheets, type Actor } from '../../src/cloud/domain/index.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { punchRecord, timesheetEmployee as employee } from '../fixtures/timesheet-week.js';
import type { SchemaDump } from './schema-dump.js';

const DAY = 86_400_000;
/** Monday 2026-11-23, clock local. */
const MONDAY = Date.UTC(2026, 10, 23);
const START = MONDAY - 8 * DAY;
const ADMIN: Actor = { kind: 'account', name: 'admin' };

const opArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('punch'),
      employee: fc.integer({ min: 1, max: 3 }),
      minute: fc.integer({ min: 0, max: 17 * 24 * 60 }),
      status: fc.constantFrom(0, 1, 2, 3, 4, 5, 255, 7),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('fix'),
      kind: fc.constantFrom('void', 'time', 'state', 'add'),
      pick: fc.nat(),
      minutes: fc.integer({ min: -30 * 60, max: 30 * 60 }),
      status: fc.constantFrom(0, 1, 255),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('delete', 'undo', 'move'),
      pick: fc.nat(),
      minutes: fc.integer({ min: -30 * 60, max: 30 * 60 }),
    }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** A cloud database file with its store and a second connection of its own, as a script on the file has. */
interface Site {
  dir: TempDir;
  store: CloudStore;
  raw: Database.Database;
}

const sites: Site[] = [];
afterEach(() => {
  for (const site of sites.splice(0)) close(site);
});

function open(): Site {
  const dir = makeTempDir('timeclock-punch-days-');
  const store = openCloudStore(dir.file('cloud.db'), 0);
  for (const n of [1, 2, 3]) store.employees.put(employee(n));
  const site = { dir, store, raw: new Database(dir.file('cloud.db')) };
  sites.push(site);
  return site;
}

function close(site: Site): void {
  site.raw.close();
  site.store.close();
  site.dir.remove();
}

/** One step: an upload of one record, a correction as the pages make it, or a change made on the file. */
function apply({ store, raw }: Site, op: Op, corrections: PunchCorrections): void {
  const clockIds = () => raw.prepare('SELECT id FROM punches ORDER BY id').pluck().all() as number[];
  const targets = () =>
    raw.prepare('SELECT DISTINCT target FROM punch_corrections ORDER BY 1').pluck().all() as number[];
  const pick = <T>(from: T[], n: number): T | undefined => from[n % Math.max(1, from.length)];
  if (op.op === 'punch') {
    const record = punchRecord(op.employee, START + op.minute * 60_000, op.status);
    store.transaction(() => store.punches.add(`TC1A00000${op.employee}`, [record], 0));
  } else if (op.op === 'fix') {
    const target = pick([...clockIds(), ...targets().filter((t) => t < 0)], op.pick);
    if (op.kind === 'add' || target === undefined) {
      corrections.addMissed(ADMIN, `E${1 + (op.pick % 3)}`, {
        time: MONDAY + (op.pick % (8 * 1440)) * 60_000,
        status: op.status,
        reason: 'forgot',
      });
    } else if (op.kind === 'void') corrections.void(ADMIN, target, 'not at work');
    else {
      const current = corrections.current(target);
      const change = op.kind === 'time' ? { time: (current?.time ?? 0) + op.minutes * 60_000 } : { status: op.status };
      if (current !== undefined) corrections.correct(ADMIN, target, { ...change, reason: 'wrong' });
    }
  } else if (op.op === 'delete') {
    // A punch deleted on the file: its corrections first, as the foreign key asks.
    const id = pick(clockIds(), op.pick);
    raw.transaction(() => {
      raw.prepare('DELETE FROM punch_corrections WHERE target = ?').run(id);
      raw.prepare('DELETE FROM punches WHERE id = ?').run(id);
    })();
  } else if (op.op === 'undo') {
    const target = pick(targets(), op.pick);
    raw
      .prepare('DELETE FROM punch_corrections WHERE id = (SELECT max(id) FROM punch_corrections WHERE target = ?)')
      .run(target);
  } else {
    raw
      .prepare('UPDATE OR IGNORE punches SET time = time + ? WHERE id = ?')
      .run(op.minutes * 60_000, pick(clockIds(), op.pick));
  }
}

const dayRows = (raw: Database.Database): unknown[] => raw.prepare('SELECT * FROM punch_days ORDER BY 1, 2').all();

describe('the day table', () => {
  it('gives the reference’s timesheet after any uploads, corrections, deletions and moves, as the migration builds it', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50 }), fc.integer({ min: 0, max: 6 }), (ops, shift) => {
        const site = open();
        const corrections = new PunchCorrections(site.store, () => 0);
        for (const op of ops) apply(site, op, corrections);

        const period = { from: MONDAY + (shift - 3) * DAY, days: 7 };
        const timesheets = new Timesheets(site.store);
        const fast = timesheets.forEmployees('', period, 10);
        if (!fast.ok) throw new Error(fast.problem.message);
        expect(fast.value.sheets).toHaveLength(3);
        for (const { employee: e, sheet } of fast.value.sheets) {
          expect(sheet).toEqual(timesheets.referenceSheet(e.employeeId, period));
        }
        const kept = dayRows(site.raw);
        site.raw.transaction(() => fillPunchDays(site.raw))();
        expect(dayRows(site.raw)).toEqual(kept);
        close(sites.pop()!);
      }),
      { numRuns: 120, seed: 2327 },
    );
  });

  it('empties as the punches and corrections go', () => {
    const site = open();
    const corrections = new PunchCorrections(site.store, () => 0);
    apply(site, { op: 'punch', employee: 1, minute: 9 * 24 * 60 + 8 * 60, status: 0 }, corrections);
    corrections.addMissed(ADMIN, 'E2', { time: MONDAY + 8 * 3_600_000, status: 0, reason: 'forgot' });
    expect(dayRows(site.raw)).toHaveLength(2);

    site.raw.exec('DELETE FROM punch_corrections; DELETE FROM punches');

    expect(dayRows(site.raw)).toEqual([]);
  });

  it('is built by the migration for a database made before it, with the same timesheets', () => {
    const { site, period, before, kept } = twoWeeks();
    // The file as schema 6 left it: no day table, no triggers, the old index of names.
    const triggers = site.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all();
    for (const name of triggers) site.raw.exec(`DROP TRIGGER ${name as string}`);
    site.raw.exec(`DROP TABLE punch_days; DROP INDEX employees_by_name;
      CREATE INDEX employees_last_name ON employees (last_name_folded); PRAGMA user_version = 6;`);

    site.store = openCloudStore(site.dir.file('cloud.db'), 0);

    expect(site.raw.pragma('user_version', { simple: true })).toBe(8);
    expect(dayRows(site.raw)).toEqual(kept);
    expect(new Timesheets(site.store).forEmployees('', period, 10)).toEqual(before);
  });

  it('is packed narrow again by migration 8 from schema 7’s wide rows, with its triggers and the same timesheets', () => {
    const { site, period, before, kept } = twoWeeks();
    const made = triggerSql(site.raw);
    // The file as schema 7 left it: its shipped triggers, and rows they made (each day remade by a no-op update).
    for (const name of made.map(([name]) => name)) site.raw.exec(`DROP TRIGGER ${name}`);
    for (const { sql } of SCHEMA_7.objects.filter((o) => o.type === 'trigger')) site.raw.exec(sql!);
    site.raw.exec(`DELETE FROM punch_days; UPDATE punches SET time = time;
      UPDATE punch_corrections SET time = time; PRAGMA user_version = 7;`);
    const wide = dayRows(site.raw) as { punches: string }[];
    // The first punch, corrected to 07:00: the wide packing's four numbers a punch, the time in full.
    expect(wide[0]!.punches).toBe('1794726000000,0,1,1,1794744000000,2,2,0,1794745800000,3,3,0,1794760200000,1,4,0');
    expect(wide).toHaveLength(kept.length);

    site.store = openCloudStore(site.dir.file('cloud.db'), 0);

    expect(site.raw.pragma('user_version', { simple: true })).toBe(8);
    expect(triggerSql(site.raw)).toEqual(made);
    expect(dayRows(site.raw)).toEqual(kept);
    expect(new Timesheets(site.store).forEmployees('', period, 10)).toEqual(before);
  });
});

const SCHEMA_7 = JSON.parse(
  fs.readFileSync(new URL('./fixtures/cloud-schema-7.json', import.meta.url), 'utf8'),
) as SchemaDump;

const triggerSql = (raw: Database.Database): [string, string][] =>
  raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").raw().all() as [
    string,
    string,
  ][];

/**
 * Two weeks of three employees' punches, one corrected and one added (state 255: written in full), with
 * their timesheets and day rows; the store closed, so that the test may take the file back in schema.
 */
function twoWeeks() {
  const site = open();
  const corrections = new PunchCorrections(site.store, () => 0);
  for (let day = 0; day < 14; day++) {
    for (const [hour, status] of [
      [8, 0],
      [12, 2],
      [12.5, 3],
      [16.5, 1],
    ] as const) {
      apply(site, { op: 'punch', employee: 1 + (day % 3), minute: (day * 24 + hour) * 60, status }, corrections);
    }
  }
  const [first] = site.raw.prepare('SELECT id FROM punches ORDER BY id').pluck().all() as number[];
  corrections.correct(ADMIN, first!, { time: START + 7 * 3_600_000, reason: 'clock was late' });
  corrections.addMissed(ADMIN, 'E3', { time: START + DAY + 9 * 3_600_000, status: 255, reason: 'forgot' });
  const period = { from: START, days: 14 };
  const before = new Timesheets(site.store).forEmployees('', period, 10);
  const kept = dayRows(site.raw);
  site.store.close();
  return { site, period, before, kept };
}
