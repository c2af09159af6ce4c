// What a timesheet reads: a page of employees by name, and their punches of a period in one query
// (served by the punches_timesheet index: employee, time, state — no row of the table is read, no sort).
import type Database from 'better-sqlite3';
import { fold } from './migrations.js';

export interface TimesheetEmployee {
  employeeId: string;
  firstName: string;
  lastName: string;
}

export interface TimesheetRow {
  id: number;
  time: number;
  status: number;
}

export class TimesheetRepository {
  private readonly punchesIn: Database.Statement<[string, number, number], TimesheetRow & { employee_id: string }>;

  constructor(private readonly db: Database.Database) {
    this.punchesIn = db.prepare(
      `SELECT employee_id, id, time, status FROM punches INDEXED BY punches_timesheet
       WHERE employee_id IN (SELECT value FROM json_each(?)) AND time >= ? AND time < ?
       ORDER BY employee_id, time`,
    );
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
   * Each employee's punches with `from <= time < to`, in time order; punches of the same second (from two
   * clocks) in the index's order, by state then id, which spares the query a sort of its rows.
   */
  punches(employeeIds: readonly string[], from: number, to: number): Map<string, TimesheetRow[]> {
    const found = new Map<string, TimesheetRow[]>(employeeIds.map((id) => [id, []]));
    for (const row of this.punchesIn.iterate(JSON.stringify(employeeIds), from, to)) {
      found.get(row.employee_id)?.push({ id: row.id, time: row.time, status: row.status });
    }
    return found;
  }
}

function searchWords(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, 8);
}
