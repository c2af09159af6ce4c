// What a timesheet reads: a page of employees by name, and their punches of a period — the clock's rows
// packed one line per employee by SQLite (a thousand rows, not a hundred thousand, cross into JavaScript),
// read through the covering index punches_timesheet (employee, time, state) without the table or a sort.
import type Database from 'better-sqlite3';
import { fold } from './migrations.js';

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

/**
 * The clock's punches (as sent, corrections not applied) packed per employee: times after @readFrom,
 * states and ids as comma-separated lists, in the index's order (time, state, id) — checked as read.
 */
export const PACKED_SQL = `SELECT employee_id, group_concat(time - @readFrom), group_concat(status), group_concat(id)
  ${IN_PERIOD} GROUP BY employee_id`;

interface Window {
  ids: string;
  readFrom: number;
  readTo: number;
}

export interface TimesheetEmployee {
  employeeId: string;
  firstName: string;
  lastName: string;
}

export interface TimesheetRow {
  /** The clock punch's id; minus the addition's id for a punch an administrator added. */
  id: number;
  time: number;
  status: number;
  /** Absent as the clock sent it; `corrected` or `added` by an administrator. */
  mark?: 'corrected' | 'added';
}

export class TimesheetRepository {
  private readonly effectiveIn: Database.Statement<[Window], unknown[]>;
  private readonly packedIn: Database.Statement<[Window], unknown[]>;

  constructor(private readonly db: Database.Database) {
    this.effectiveIn = db.prepare<[Window], unknown[]>(EFFECTIVE_SQL).raw(true);
    this.packedIn = db.prepare<[Window], unknown[]>(PACKED_SQL).raw(true);
  }

  /** How many punches are the employee's: what deleting them leaves without a name. */
  punchCount(employeeId: string): number {
    return this.db.prepare('SELECT count(*) FROM punches WHERE employee_id = ?').pluck().get(employeeId) as number;
  }

  /** Employees whose name, ID or badge hold every word of `query`, by last name; a page of them. */
  employees(query: string, limit: number, offset: number): TimesheetEmployee[] {
    const words = searchWords(query);
    const where = words.map(() => 'instr(search_folded, ?) > 0').join(' AND ');
    const sql = `SELECT employee_id AS employeeId, first_name AS firstName, last_name AS lastName FROM employees
      ${where === '' ? '' : `WHERE ${where}`} ORDER BY last_name_folded, first_name, employee_id LIMIT ? OFFSET ?`;
    return this.db.prepare<(string | number)[], TimesheetEmployee>(sql).all(...words, limit, offset);
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

  /** Each employee's punches with `from <= time < to` as the clocks sent them, in time, state, id order. */
  clockPunches(employeeIds: readonly string[], from: number, to: number): Map<string, TimesheetRow[]> {
    const found = new Map<string, TimesheetRow[]>(employeeIds.map((id) => [id, []]));
    for (const row of this.packedIn.all({ ids: JSON.stringify(employeeIds), readFrom: from, readTo: to })) {
      const [employeeId, times, states, ids] = row as [string, string, string, string];
      found.set(employeeId, unpack(from, times, states, ids));
    }
    return found;
  }

  /** The query plans of the packed read, for the test that it stays on the covering index. */
  packedPlan(): string[] {
    const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${PACKED_SQL}`).all({ ids: '[]', readFrom: 0, readTo: 0 });
    return (plan as { detail: string }[]).map((step) => step.detail);
  }
}

/** The packed lists back into punches; sorted again should SQLite ever hand a group over in another order. */
function unpack(from: number, times: string, states: string, ids: string): TimesheetRow[] {
  const t = times.split(',');
  const s = states.split(',');
  const n = ids.split(',');
  const punches: TimesheetRow[] = new Array(t.length);
  let ordered = true;
  for (let i = 0; i < t.length; i++) {
    punches[i] = { id: Number(n[i]), time: from + Number(t[i]), status: Number(s[i]) };
    if (i > 0 && byRuleOrder(punches[i - 1]!, punches[i]!) > 0) ordered = false;
  }
  return ordered ? punches : punches.sort(byRuleOrder);
}

/** The order the rules read punches in: time, then state, then id. */
export function byRuleOrder(a: TimesheetRow, b: TimesheetRow): number {
  return a.time - b.time || a.status - b.status || a.id - b.id;
}

function punchOf(id: number, time: number, status: number, mark: string): TimesheetRow {
  return mark === 'corrected' || mark === 'added' ? { id, time, status, mark } : { id, time, status };
}

function searchWords(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 8);
}
