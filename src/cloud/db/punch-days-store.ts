// The day table: each employee's punches of one local day as they stand (corrections applied, voided ones
// left out), packed in one row, so that a month's timesheet of a thousand employees reads ~30,000 small
// rows instead of ~110,000 punches. SQLite's own triggers keep it: every write to punches or corrections,
// by whatever path (an upload, a correction, a deletion, a script on the file), remakes the days it touched
// in the same transaction, so the table cannot drift from the punches it is made of.
import type Database from 'better-sqlite3';

const DAY = 86_400_000;

/** 00:00 of the local day of `t`, in SQL: as dayOf in domain/timesheet.ts, times before 1970 included. */
const dayOf = (t: string): string => `(${t} - ((${t} % ${DAY}) + ${DAY}) % ${DAY})`;

/**
 * One punch of the day from `d` as the row packs it (punch-columns.ts reads it back), narrow because a
 * month's read walks ~110,000 of them: a clock's own punch of state 0–9 at a whole second is the state as
 * one letter (`a` for 0) and its second of the day (`a28800`: 08:00, check-in); any other — an
 * administrator's (mark 1 corrected, 2 added), a state beyond 9, a time with milliseconds — is written in
 * full, `|ms of the day,state,id,mark`. The next punch's letter or bar ends each, so no separator is needed.
 */
const packedPunch = (t: string, s: string, i: string, m: string, d: string): string =>
  `iif(${m} = 0 AND ${s} BETWEEN 0 AND 9 AND (${t} - ${d}) % 1000 = 0,
    char(97 + ${s}) || ((${t} - ${d}) / 1000),
    '|' || (${t} - ${d}) || ',' || ${s} || ',' || ${i} || ',' || ${m})`;

/** A day row's start: `#` and the day's number since 1970-01-01 (negative before), the base of its times. */
const dayHead = (d: string): string => `'#' || (${d} / ${DAY})`;

/**
 * The packed punches as they stand of employee `e` on the day from `d`, NULL when there is none: the day's
 * head, then each punch (packedPunch; mark 0 as the clock sent it, 1 corrected, 2 added; id minus the
 * addition's for a punch added) in the order the rules read them — the reference reading (EFFECTIVE_SQL).
 */
const packedDay = (
  e: string,
  d: string,
): string => `(SELECT ${dayHead(d)} || group_concat(p, '' ORDER BY t, s, i) FROM (
    SELECT time AS t, status AS s, id AS i, ${packedPunch('time', 'status', 'id', '0', d)} AS p
      FROM punches INDEXED BY punches_timesheet
      WHERE employee_id = ${e} AND time >= ${d} AND time < ${d} + ${DAY}
        AND NOT EXISTS (SELECT 1 FROM punch_corrections c WHERE c.target = punches.id)
    UNION ALL
    SELECT c.time, c.status, c.target, ${packedPunch('c.time', 'c.status', 'c.target', "iif(c.kind = 'added', 2, 1)", d)}
      FROM punch_corrections c INDEXED BY punch_corrections_employee
      WHERE c.employee_id = ${e} AND c.time >= ${d} AND c.time < ${d} + ${DAY} AND c.kind <> 'void'
        AND c.id = (SELECT max(x.id) FROM punch_corrections x WHERE x.target = c.target)))`;

/** Statements that make again the rows of `days` (a SELECT of employee `e` and day `d`) from the punches. */
const remake = (days: string): string => `
    INSERT INTO punch_days (employee_id, day, punches)
      SELECT k.e, k.d, ${packedDay('k.e', 'k.d')}
      FROM (SELECT DISTINCT e, d FROM (${days}) WHERE e IS NOT NULL AND d IS NOT NULL) k WHERE true
      ON CONFLICT (employee_id, day) DO UPDATE SET punches = excluded.punches;
    DELETE FROM punch_days WHERE punches IS NULL AND (employee_id, day) IN (${days});`;

/**
 * Whether a punch just stored comes last of its day, as a clock's upload in time order does: no other
 * punch of the employee that day at its time or later, and no correction lying on the day. Then it is
 * appended to the day's row; otherwise the day is made again.
 */
const lastOfItsDay = (row: string): string => `(
    NOT EXISTS (SELECT 1 FROM punches INDEXED BY punches_timesheet WHERE employee_id = ${row}.employee_id
      AND time >= ${row}.time AND time < ${dayOf(`${row}.time`)} + ${DAY} AND id <> ${row}.id)
    AND NOT EXISTS (SELECT 1 FROM punch_corrections INDEXED BY punch_corrections_employee
      WHERE employee_id = ${row}.employee_id AND time >= ${dayOf(`${row}.time`)} AND time < ${dayOf(`${row}.time`)} + ${DAY}))`;

/** The day of a punch row (NEW or OLD). */
const punchDay = (row: string): string => `SELECT ${row}.employee_id AS e, ${dayOf(`${row}.time`)} AS d`;

/**
 * Every day a correction's punch lies or lay on: the clock punch's own, each of its corrections' (the
 * previous one is where it must leave), and this row's.
 */
const targetDays = (row: string): string => `${punchDay(row)}
    UNION SELECT employee_id, ${dayOf('time')} FROM punch_corrections WHERE target = ${row}.target
    UNION SELECT employee_id, ${dayOf('time')} FROM punches WHERE id = ${row}.target`;

/**
 * The day table and the triggers that keep it; then its rows for the punches already there. The table's
 * SQL is migration 7's as shipped, its comment included: the rows are packed as packedPunch says since 8.
 */
export function createPunchDays(db: Database.Database): void {
  db.exec(`
    -- One row per employee and local day that has a punch as it stands; punches NULL only inside a remake.
    CREATE TABLE punch_days (
      employee_id TEXT NOT NULL,
      day INTEGER NOT NULL,               -- 00:00 of the day, clock local, ms
      punches TEXT,                       -- time,state,id,mark of each punch, in the rules' order
      PRIMARY KEY (employee_id, day)
    ) WITHOUT ROWID;
  `);
  createPunchDaysTriggers(db);
  fillPunchDays(db);
}

/** The triggers that keep the day table, in place of those of an older packing. */
function createPunchDaysTriggers(db: Database.Database): void {
  const day = dayOf('NEW.time');
  db.exec(`
    ${TRIGGERS.map((name) => `DROP TRIGGER IF EXISTS ${name};`).join('\n    ')}
    CREATE TRIGGER punch_days_punch_appended AFTER INSERT ON punches
      WHEN NEW.employee_id IS NOT NULL AND ${lastOfItsDay('NEW')} BEGIN
      INSERT INTO punch_days (employee_id, day, punches)
        VALUES (NEW.employee_id, ${day}, ${dayHead(day)} || ${packedPunch('NEW.time', 'NEW.status', 'NEW.id', '0', day)})
        ON CONFLICT (employee_id, day) DO UPDATE
          SET punches = punches || ${packedPunch('NEW.time', 'NEW.status', 'NEW.id', '0', day)};
    END;
    CREATE TRIGGER punch_days_punch_added AFTER INSERT ON punches
      WHEN NEW.employee_id IS NOT NULL AND NOT ${lastOfItsDay('NEW')} BEGIN
      ${remake(punchDay('NEW'))}
    END;
    CREATE TRIGGER punch_days_punch_deleted AFTER DELETE ON punches WHEN OLD.employee_id IS NOT NULL BEGIN
      ${remake(punchDay('OLD'))}
    END;
    CREATE TRIGGER punch_days_punch_changed AFTER UPDATE OF id, employee_id, time, status ON punches BEGIN
      ${remake(`${punchDay('OLD')} UNION ${punchDay('NEW')}`)}
    END;
    CREATE TRIGGER punch_days_correction_added AFTER INSERT ON punch_corrections BEGIN
      ${remake(targetDays('NEW'))}
    END;
    CREATE TRIGGER punch_days_correction_deleted AFTER DELETE ON punch_corrections BEGIN
      ${remake(targetDays('OLD'))}
    END;
    CREATE TRIGGER punch_days_correction_changed AFTER UPDATE ON punch_corrections BEGIN
      ${remake(`${targetDays('OLD')} UNION ${targetDays('NEW')}`)}
    END;
  `);
}

const TRIGGERS = ['punch_appended', 'punch_added', 'punch_deleted', 'punch_changed', 'correction_added']
  .concat(['correction_deleted', 'correction_changed'])
  .map((name) => `punch_days_${name}`);

/**
 * Migration 8: the day rows of migration 7's first packing (`time,state,id,mark` of each punch, ~27
 * characters a punch) made again in the narrow one, with its triggers. Rows already narrow — made by
 * migration 7 in the same run, from schema 6 — are kept: the fill is minutes over ten million punches.
 */
export function repackPunchDays(db: Database.Database): void {
  createPunchDaysTriggers(db);
  // One packing made all the rows there are (7's or this one): the first row says which.
  const wide = db.prepare("SELECT punches NOT LIKE '#%' FROM punch_days LIMIT 1").pluck().get();
  if (wide === 1) fillPunchDays(db);
}

/**
 * The rows of every day from the punches and corrections there are (the migration of a database made
 * before the table): the clock's punches in one pass, grouped by a sort; then the days a correction touched,
 * made again one by one as the triggers make them.
 */
export function fillPunchDays(db: Database.Database): void {
  const day = dayOf('time');
  db.exec(`
    DELETE FROM punch_days;
    INSERT INTO punch_days (employee_id, day, punches)
      SELECT employee_id, ${day} AS day,
        ${dayHead(day)} || group_concat(${packedPunch('time', 'status', 'id', '0', day)}, '' ORDER BY time, status, id)
      FROM punches INDEXED BY punches_timesheet
      WHERE employee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM punch_corrections c WHERE c.target = punches.id)
      GROUP BY employee_id, day;
    ${remake(`SELECT employee_id AS e, ${dayOf('time')} AS d FROM punch_corrections
      UNION SELECT p.employee_id, ${dayOf('p.time')} FROM punches p JOIN punch_corrections c ON c.target = p.id`)}
  `);
}

/** Punches read from the day table: each employee's rows one after another, each starting with its `#day`. */
export const PACKED_DAYS_SQL = `SELECT employee_id, group_concat(punches, '') FROM punch_days
  WHERE employee_id IN (SELECT value FROM json_each(@ids)) AND day >= @fromDay AND day < @toDay
  GROUP BY employee_id`;

export const punchDayOf = (t: number): number => t - (((t % DAY) + DAY) % DAY);
