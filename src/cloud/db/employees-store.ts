// Employees with their clock assignments and fingerprint templates, in the cloud database.
import type Database from 'better-sqlite3';
import type { ClockRole, Template } from '../../../firmware/index.js';
import { fold, searchText } from './migrations.js';
import type { Employee } from '../types.js';

interface EmployeeRow {
  employee_id: string;
  first_name: string;
  last_name: string;
  badge: string;
  non_secure: number;
  role: string;
  card: string;
  password: string;
  inactive_clocks: string | null;
}

export class EmployeeRepository {
  private readonly byId: Database.Statement<[string], EmployeeRow>;
  private readonly byBadge: Database.Statement<[string], EmployeeRow>;
  private readonly clocksOf: Database.Statement<[string], string>;
  private readonly templatesOf: Database.Statement<[string], { fid: number; valid: number; template: string }>;
  private readonly forClock: Database.Statement<[string], EmployeeRow>;
  private writes: ReturnType<typeof writeStatements> | undefined;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM employees WHERE employee_id = ?');
    this.byBadge = db.prepare('SELECT * FROM employees WHERE badge = ?');
    this.clocksOf = db
      .prepare<[string], string>('SELECT sn FROM employee_clocks WHERE employee_id = ? ORDER BY sn')
      .pluck();
    this.templatesOf = db.prepare(
      'SELECT fid, valid, template FROM employee_templates WHERE employee_id = ? ORDER BY fid',
    );
    this.forClock = db.prepare(
      'SELECT e.* FROM employees e JOIN employee_clocks c USING (employee_id) WHERE c.sn = ? ORDER BY e.employee_id',
    );
  }

  get(employeeId: string): Employee | undefined {
    const row = this.byId.get(employeeId);
    return row && this.employeeOf(row);
  }

  findByBadge(badge: string): Employee | undefined {
    const row = this.byBadge.get(badge);
    return row && this.employeeOf(row);
  }

  /**
   * "Search for employee": every word of the query (folded: any case, accents removed) in the last or
   * first name, employee ID or badge, so `muller` finds Müller and `1001` finds E1001; all when empty.
   * Ordered by last name, first name, ID; a page of `limit` from `offset`.
   */
  search(query: string, limit: number, offset = 0): Employee[] {
    const words = fold(query)
      .split(/\s+/)
      .filter((w) => w !== '')
      .slice(0, 8);
    const where = words.map(() => 'instr(search_folded, ?) > 0').join(' AND ');
    const sql = `SELECT * FROM employees ${where === '' ? '' : `WHERE ${where}`}
      ORDER BY last_name_folded, first_name, employee_id LIMIT ? OFFSET ?`;
    const rows = this.db.prepare<(string | number)[], EmployeeRow>(sql).all(...words, limit, offset);
    return rows.map((row) => this.employeeOf(row));
  }

  /** How many employees a search finds, for paging. */
  countMatching(query: string): number {
    const words = fold(query)
      .split(/\s+/)
      .filter((w) => w !== '')
      .slice(0, 8);
    const where = words.map(() => 'instr(search_folded, ?) > 0').join(' AND ');
    const sql = `SELECT count(*) FROM employees ${where === '' ? '' : `WHERE ${where}`}`;
    return this.db
      .prepare(sql)
      .pluck()
      .get(...words) as number;
  }

  assignedTo(sn: string): Employee[] {
    return this.forClock.all(sn).map((row) => this.employeeOf(row));
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM employees').pluck().get() as number;
  }

  /** Inserts or replaces the whole employee: fields, clocks and templates. */
  put(employee: Employee): void {
    // Prepared on the first put and kept: a fleet's seeding puts 100,000 employees, and preparing five
    // statements each time was a fifth of the cloud's work.
    const w = (this.writes ??= writeStatements(this.db));
    w.upsert.run({
      employeeId: employee.employeeId,
      firstName: employee.firstName,
      lastName: employee.lastName,
      folded: fold(employee.lastName),
      search: searchText(employee.lastName, employee.firstName, employee.employeeId, employee.badge),
      badge: employee.badge,
      nonSecure: employee.nonSecure ? 1 : 0,
      role: employee.role,
      card: employee.card,
      password: employee.password,
    });
    w.unassign.run(employee.employeeId);
    for (const sn of employee.clocks) w.assign.run(employee.employeeId, sn);
    w.dropTemplates.run(employee.employeeId);
    for (const t of employee.templates) w.putTemplate.run(employee.employeeId, t.fid, t.valid ? 1 : 0, t.template);
  }

  /** Inactive with the clocks to return to, or active again (undefined). put() leaves this as it is. */
  setInactive(employeeId: string, clocks: string[] | undefined): void {
    const value = clocks === undefined ? null : JSON.stringify(clocks);
    this.db.prepare('UPDATE employees SET inactive_clocks = ? WHERE employee_id = ?').run(value, employeeId);
  }

  remove(employeeId: string): boolean {
    return this.db.prepare('DELETE FROM employees WHERE employee_id = ?').run(employeeId).changes > 0;
  }

  private employeeOf(row: EmployeeRow): Employee {
    const templates: Template[] = this.templatesOf
      .all(row.employee_id)
      .map((t) => ({ pin: row.badge, fid: t.fid, valid: t.valid !== 0, template: t.template }));
    return {
      employeeId: row.employee_id,
      firstName: row.first_name,
      lastName: row.last_name,
      badge: row.badge,
      nonSecure: row.non_secure !== 0,
      role: row.role as ClockRole,
      clocks: this.clocksOf.all(row.employee_id),
      card: row.card,
      password: row.password,
      templates,
      ...(row.inactive_clocks === null ? {} : { inactiveClocks: JSON.parse(row.inactive_clocks) as string[] }),
    };
  }
}

/** The statements of put(), prepared once per connection. */
function writeStatements(db: Database.Database) {
  return {
    upsert: db.prepare(
      `INSERT INTO employees (employee_id, first_name, last_name, last_name_folded, search_folded, badge, non_secure, role, card, password)
       VALUES (@employeeId, @firstName, @lastName, @folded, @search, @badge, @nonSecure, @role, @card, @password)
       ON CONFLICT (employee_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
         last_name_folded = excluded.last_name_folded, search_folded = excluded.search_folded, badge = excluded.badge, non_secure = excluded.non_secure,
         role = excluded.role, card = excluded.card, password = excluded.password`,
    ),
    unassign: db.prepare('DELETE FROM employee_clocks WHERE employee_id = ?'),
    assign: db.prepare('INSERT OR IGNORE INTO employee_clocks (employee_id, sn) VALUES (?, ?)'),
    dropTemplates: db.prepare('DELETE FROM employee_templates WHERE employee_id = ?'),
    putTemplate: db.prepare('INSERT INTO employee_templates (employee_id, fid, valid, template) VALUES (?, ?, ?, ?)'),
  };
}
