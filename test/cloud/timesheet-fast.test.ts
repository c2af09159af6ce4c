// The fast timesheet path (the clock's punches packed per employee by SQLite, corrections merged in
// JavaScript) against the reference (one row per punch, corrections applied in SQL) on random weeks with
// random states, gaps, night shifts, voided, corrected and added punches; and its query plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCloudStore, type CloudStore } from '../../src/cloud/db/index.js';
import { PunchCorrections, Timesheets, type Actor } from '../../src/cloud/domain/index.js';
import { punchRecord, timesheetEmployee as employee } from '../fixtures/timesheet-week.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 2026-11-23, clock local. */
const MONDAY = Date.UTC(2026, 10, 23);
const ADMIN: Actor = { kind: 'account', name: 'admin' };
const STATES = [0, 1, 2, 3, 4, 5, 255, 7];

/** A punch: minutes after the Monday 8 days before the week (into the warm-up and past the week's end). */
const punchArb = fc.record({
  employee: fc.integer({ min: 1, max: 2 }),
  minute: fc.integer({ min: 0, max: 17 * 24 * 60 }),
  status: fc.constantFrom(...STATES),
});

const fixArb = fc.record({
  kind: fc.constantFrom('void', 'time', 'state', 'add'),
  pick: fc.nat(),
  minutes: fc.integer({ min: -20 * 60, max: 20 * 60 }),
  status: fc.constantFrom(0, 1, 2, 3, 4, 5, 255),
});

function filled(punches: { employee: number; minute: number; status: number }[]): CloudStore {
  const store = openCloudStore(':memory:', 0);
  store.employees.put(employee(1));
  store.employees.put(employee(2));
  const start = MONDAY - 8 * DAY;
  store.transaction(() => {
    for (const p of punches) {
      const record = punchRecord(p.employee, start + p.minute * 60_000, p.status);
      store.punches.add(p.employee % 2 === 0 ? 'TC1A000002' : 'TC1A000001', [record], 0);
    }
  });
  return store;
}

/** Applies random corrections through the domain, as the pages and the API do. */
function corrected(store: CloudStore, fixes: { kind: string; pick: number; minutes: number; status: number }[]): void {
  const corrections = new PunchCorrections(store, () => 0);
  const ids = store.punches.query({ limit: 10_000 }).map((p) => p.id);
  const added: number[] = [];
  for (const fix of fixes) {
    const targets = [...ids, ...added];
    if (fix.kind === 'add' || targets.length === 0) {
      const time = MONDAY + (fix.pick % (8 * 24 * 60)) * 60_000;
      const made = corrections.addMissed(ADMIN, `E${1 + (fix.pick % 2)}`, {
        time,
        status: fix.status,
        reason: 'forgot',
      });
      if (made.ok) added.push(made.value.target);
      continue;
    }
    const target = targets[fix.pick % targets.length]!;
    if (fix.kind === 'void') corrections.void(ADMIN, target, 'not at work');
    const current = corrections.current(target);
    if (current === undefined) continue;
    if (fix.kind === 'time')
      corrections.correct(ADMIN, target, { time: current.time + fix.minutes * 60_000, reason: 'late' });
    if (fix.kind === 'state') corrections.correct(ADMIN, target, { status: fix.status, reason: 'wrong key' });
  }
}

describe('the fast timesheet path', () => {
  it('gives the reference’s timesheet on random weeks, corrections included', () => {
    fc.assert(
      fc.property(
        fc.array(punchArb, { maxLength: 60 }),
        fc.array(fixArb, { maxLength: 8 }),
        fc.integer({ min: 0, max: 6 }),
        (punches, fixes, shift) => {
          const store = filled(punches);
          corrected(store, fixes);
          const period = { from: MONDAY + (shift - 3) * DAY, days: 7 };
          const timesheets = new Timesheets(store);
          const fast = timesheets.forEmployees('', period, 10);
          if (!fast.ok) throw new Error(fast.problem.message);
          for (const { employee: e, sheet } of fast.value.sheets) {
            expect(sheet).toEqual(timesheets.referenceSheet(e.employeeId, period));
          }
          store.close();
        },
      ),
      { numRuns: 150, seed: 2326 },
    );
  });

  it('pairs a night shift across the period’s end and flags a forgotten out, counting it nothing', () => {
    const store = filled([
      { employee: 1, minute: (8 * 24 + 22) * 60, status: 0 },
      { employee: 1, minute: (9 * 24 + 6) * 60, status: 1 },
      { employee: 1, minute: (9 * 24 + 22) * 60, status: 0 },
    ]);
    const sheet = new Timesheets(store).forEmployee('E1', { from: MONDAY, days: 2 });

    expect(sheet.ok && sheet.value.sheet.days.map((d) => [d.minutes, d.missing.length])).toEqual([
      [8 * 60, 0],
      [0, 1],
    ]);
  });

  it('leaves a voided punch out, uses a corrected one’s new time and counts an added one, marked', () => {
    const store = filled([
      { employee: 1, minute: (8 * 24 + 8) * 60, status: 0 },
      { employee: 1, minute: (8 * 24 + 12) * 60, status: 1 },
      { employee: 1, minute: (8 * 24 + 13) * 60, status: 0 },
      { employee: 1, minute: (8 * 24 + 13) * 60 + 5, status: 0 },
    ]);
    const corrections = new PunchCorrections(store, () => 0);
    const [first, , , double] = store.punches.query({ limit: 10 }).map((p) => p.id);
    expect(corrections.void(ADMIN, double!, 'pressed twice').ok).toBe(true);
    expect(corrections.correct(ADMIN, first!, { time: MONDAY + 7 * HOUR, reason: 'clock was late' }).ok).toBe(true);
    const added = corrections.addMissed(ADMIN, 'E1', { time: MONDAY + 17 * HOUR, status: 1, reason: 'forgot' });
    expect(added.ok).toBe(true);

    const sheet = new Timesheets(store).forEmployee('E1', { from: MONDAY, days: 1 });

    if (!sheet.ok) throw new Error(sheet.problem.message);
    const day = sheet.value.sheet.days[0]!;
    expect(day.minutes).toBe(5 * 60 + 4 * 60);
    expect(day.missing).toEqual([]);
    expect(day.pairs.map((p) => [p.in.mark, p.out.mark])).toEqual([
      ['corrected', undefined],
      [undefined, 'added'],
    ]);
  });

  it('reads the day table by its key, without the punches or a sort', () => {
    const store = openCloudStore(':memory:', 0);

    const plan = store.timesheets.daysPlan();

    expect(plan[0]).toMatch(/^SEARCH punch_days USING PRIMARY KEY \(employee_id=\? AND day>\? AND day<\?\)$/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|punches/);
  });
});
