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
 * The packed punches as they stand of employee `e` on the day from `d`, NULL when there is none: for each
 * punch `time,state,id,mark` (mark 0 as the clock sent it, 1 corrected, 2 added; id minus the addition's
 * for a punch added), in the order the rules read them — the reference reading (EFFECTIVE_SQL) of one day.
 */
const packedDay = (e: string, d: string): string => `(SELECT group_concat(p, ',' ORDER BY t, s, i) FROM (
    SELECT time AS t, status AS s, id AS i, time || ',' || status || ',' || id || ',0' AS p
      FROM punches INDEXED BY punches_timesheet
      WHERE employee_id = ${e} AND time >= ${d} AND time < ${d} + ${DAY}
        AND NOT EXISTS (SELECT 1 FROM punch_corrections c WHERE c.target = punches.id)
    UNION ALL
    SELECT c.time, c.status, c.target, c.time || ',' || c.status || ',' || c.target || ',' || iif(c.kind = 'added', 2, 1)
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

/** The day table and the triggers that keep it; then its rows for the punches already there. */
export function createPunchDays(db: Database.Database): void {
  db.exec(`
    -- One row per employee and local day that has a punch as it stands; punches NULL only inside a remake.
    CREATE TABLE punch_days (
      employee_id TEXT NOT NULL,
      day INTEGER NOT NULL,               -- 00:00 of the day, clock local, ms
      punches TEXT,                       -- time,state,id,mark of each punch, in the rules' order
      PRIMARY KEY (employee_id, day)
    ) WITHOUT ROWID;

    CREATE TRIGGER punch_days_punch_appended AFTER INSERT ON punches
      WHEN NEW.employee_id IS NOT NULL AND ${lastOfItsDay('NEW')} BEGIN
      INSERT INTO punch_days (employee_id, day, punches)
        VALUES (NEW.employee_id, ${dayOf('NEW.time')}, NEW.time || ',' || NEW.status || ',' || NEW.id || ',0')
        ON CONFLICT (employee_id, day) DO UPDATE SET punches = punches || ',' || excluded.punches;
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
  fillPunchDays(db);
}

/**
 * The rows of every day from the punches and corrections there are (the migration of a database made
 * before the table): the clock's punches in one pass, grouped by a sort; then the days a correction touched,
 * made again one by one as the triggers make them.
 */
export function fillPunchDays(db: Database.Database): void {
  db.exec(`
    DELETE FROM punch_days;
    INSERT INTO punch_days (employee_id, day, punches)
      SELECT employee_id, ${dayOf('time')} AS day, group_concat(time || ',' || status || ',' || id || ',0', ',' ORDER BY time, status, id)
      FROM punches INDEXED BY punches_timesheet
      WHERE employee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM punch_corrections c WHERE c.target = punches.id)
      GROUP BY employee_id, day;
    ${remake(`SELECT employee_id AS e, ${dayOf('time')} AS d FROM punch_corrections
      UNION SELECT p.employee_id, ${dayOf('p.time')} FROM punches p JOIN punch_corrections c ON c.target = p.id`)}
  `);
}

/** Punches read from the day table: `time,state,id,mark` four numbers each, as `packedDay` writes them. */
export const PACKED_DAYS_SQL = `SELECT employee_id, group_concat(punches) FROM punch_days
  WHERE employee_id IN (SELECT value FROM json_each(@ids)) AND day >= @fromDay AND day < @toDay
  GROUP BY employee_id`;

export const punchDayOf = (t: number): number => t - (((t % DAY) + DAY) % DAY);
