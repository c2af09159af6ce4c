// What a timesheet reads: a page of employees by name, and their punches of a period as they stand — the
// day table's rows (punch-days-store.ts) packed one line per employee by SQLite, so a thousand rows, not a
// hundred thousand, cross into JavaScript; and the plain reading, one row per punch, it is tested against.
import type Database from 'better-sqlite3';
import { fold } from './migrations.js';
import { parsePacked, PunchColumns, type PunchBatch } from './punch-columns.js';
import { PACKED_DAYS_SQL, punchDayOf } from './punch-days-store.js';

const IN_PERIOD = `FROM punches INDEXED BY punches_timesheet
  WHERE employee_id IN (SELECT value FROM json_each(@ids)) AND time >= @readFrom AND time < @readTo`;

/**
 * The punches as they stand, one row each, in the order the rules read them: the clock's without a
 * correction, the latest correction's time and state for the others (void ones left out), and the punches
 * added (id: minus the addition's). The slow, plain reading: the reference the packed one is tested against.
 */
const EFFECTIVE_SQL = `
  WITH latest AS (
    SELECT c.employee_id, c.target AS id, c.time, c.status, c.kind FROM punch_corrections c
    WHERE c.employee_id IN (SELECT value FROM json_each(@ids))
      AND c.id = (SELECT max(d.id) FROM punch_corrections d WHERE d.target = c.target)
  )
  SELECT employee_id, id, time, status, '' ${IN_PERIOD}
    AND NOT EXISTS (SELECT 1 FROM punch_corrections c WHERE c.target = punches.id)
  UNION ALL
  SELECT employee_id, id, time, status, kind FROM latest WHERE kind <> 'void' AND time >= @readFrom AND time < @readTo
  ORDER BY 1, 3, 4, 2`;

interface Window {
  ids: string;
  readFrom: number;
  readTo: number;
}

interface DayWindow {
  ids: string;
  fromDay: number;
  toDay: number;
}

export interface TimesheetEmployee {
  employeeId: string;
  firstName: string;
  lastName: string;
}

export interface TimesheetRow {
  /** Where an administrator changed the punch: the clock punch's id; minus the addition's for a punch added. */
  id?: number;
  time: number;
  status: number;
  /** Absent as the clock sent it; `corrected` or `added` by an administrator. */
  mark?: 'corrected' | 'added';
}

export class TimesheetRepository {
  private readonly effectiveIn: Database.Statement<[Window], unknown[]>;
  private readonly daysIn: Database.Statement<[DayWindow], unknown[]>;
  private readonly byName: Database.Statement<[number, number], TimesheetEmployee>;

  constructor(private readonly db: Database.Database) {
    this.effectiveIn = db.prepare<[Window], unknown[]>(EFFECTIVE_SQL).raw(true);
    this.daysIn = db.prepare<[DayWindow], unknown[]>(PACKED_DAYS_SQL).raw(true);
    this.byName = db.prepare<[number, number], TimesheetEmployee>(employeesSql(0));
  }

  /** How many punches are the employee's: what deleting them leaves without a name. */
  punchCount(employeeId: string): number {
    return this.db.prepare('SELECT count(*) FROM punches WHERE employee_id = ?').pluck().get(employeeId) as number;
  }

  /** Employees whose name, ID or badge hold every word of `query`, by last name; a page of them. */
  employees(query: string, limit: number, offset: number): TimesheetEmployee[] {
    const words = searchWords(query);
    if (words.length === 0) return this.byName.all(limit, offset);
    return this.db
      .prepare<(string | number)[], TimesheetEmployee>(employeesSql(words.length))
      .all(...words, limit, offset);
  }

  employee(employeeId: string): TimesheetEmployee | undefined {
    return this.db
      .prepare<[string], TimesheetEmployee>(
        'SELECT employee_id AS employeeId, first_name AS firstName, last_name AS lastName FROM employees WHERE employee_id = ?',
      )
      .get(employeeId);
  }

  /**
   * Each employee's punches as they stand (corrections applied, voided ones left out) with
   * `from <= time < to`, in the order the rules read them: time, then state, then id. One row each.
   */
  effectivePunches(employeeIds: readonly string[], from: number, to: number): Map<string, TimesheetRow[]> {
    const found = new Map<string, TimesheetRow[]>(employeeIds.map((id) => [id, []]));
    for (const row of this.effectiveIn.iterate({ ids: JSON.stringify(employeeIds), readFrom: from, readTo: to })) {
      const [employeeId, id, time, status, mark] = row as [string, number, number, number, string];
      found.get(employeeId)?.push(punchOf(id, time, status, mark));
    }
    return found;
  }

  /**
   * Each employee's punches as they stand with `from <= time < to`, in the order the rules read them, from
   * the day table: the same punches as effectivePunches, packed by day, as columns with a range each.
   */
  punchBatch(employeeIds: readonly string[], from: number, to: number): PunchBatch {
    const first = new Int32Array(employeeIds.length);
    const end = new Int32Array(employeeIds.length);
    const index = new Map(employeeIds.map((id, k) => [id, k]));
    const window = { ids: JSON.stringify(employeeIds), fromDay: punchDayOf(from), toDay: punchDayOf(to - 1) + DAY };
    const rows = this.daysIn.all(window) as [string, string][];
    // About 7 characters a punch as a clock sends them, and a day's head: room for most at once, more as needed.
    const punches = new PunchColumns(rows.reduce((sum, [, packed]) => sum + packed.length, 0) / 7);
    for (const [employeeId, packed] of rows) {
      const k = index.get(employeeId);
      if (k === undefined) continue;
      first[k] = punches.length;
      // Days come in the table's key order; sorted again should SQLite ever hand them over in another.
      if (!parsePacked(packed, punches, from, to, employeeId)) punches.sortRange(first[k]!, punches.length);
      end[k] = punches.length;
    }
    return { punches, first, end };
  }

  /** The query plans of the day table's read, for the test that it stays on the table's key. */
  daysPlan(): string[] {
    const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${PACKED_DAYS_SQL}`).all({ ids: '[]', fromDay: 0, toDay: 0 });
    return (plan as { detail: string }[]).map((step) => step.detail);
  }
}

const DAY = 86_400_000;
/** A punch as the timesheet shows it: the id only where an administrator changed it, as the day table keeps it. */
function punchOf(id: number, time: number, status: number, mark: string): TimesheetRow {
  return mark === 'corrected' || mark === 'added' ? { id, time, status, mark } : { time, status };
}

/** A page of employees by name, every one of `words` search words in their folded name, ID or badge. */
function employeesSql(words: number): string {
  const where = Array.from({ length: words }, () => 'instr(search_folded, ?) > 0').join(' AND ');
  return `SELECT employee_id AS employeeId, first_name AS firstName, last_name AS lastName FROM employees
    ${where === '' ? '' : `WHERE ${where}`} ORDER BY last_name_folded, first_name, employee_id LIMIT ? OFFSET ?`;
}

function searchWords(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 8);
}
