// Timesheets read from the cloud database: a page of employees (or one) with their punches of a period as
// they stand (from the day table the database keeps), pushed through the pure rules of timesheet.ts. The
// web pages, the CSV and the benchmark ask here.
import type { LocalTime } from '../../../firmware/index.js';
import type { TimesheetEmployee } from '../db/index.js';
import type { CloudStore } from '../db/index.js';
import { invalid, notFound, ok, type Result } from './validate.js';
import { DAY_MS, MAX_SHIFT_MS, timesheetOf, WARM_UP_MS, type Timesheet } from './timesheet.js';
import { sheetColumns, timesheetAt, type SheetColumns } from './timesheet-columns.js';

/** The longest period one timesheet covers: a year and a day, for a leap year's payroll. */
export const MAX_DAYS = 367;
/** The most employees one read takes: a page, a CSV batch, the benchmark's thousand. */
export const MAX_EMPLOYEES = 1_000;

export interface Period {
  /** 00:00 of the first day, clock local. */
  from: LocalTime;
  days: number;
}

export interface EmployeeTimesheet {
  employee: TimesheetEmployee;
  sheet: Timesheet;
}

export class Timesheets {
  constructor(private readonly store: CloudStore) {}

  /** The timesheets of the employees a search finds (all when ''), a page of `limit` from `offset`. */
  forEmployees(
    search: string,
    period: Period,
    limit: number,
    offset = 0,
  ): Result<{ sheets: EmployeeTimesheet[]; total: number }> {
    const found = this.columnsFor(search, period, limit, offset);
    if (!found.ok) return found;
    const { employees, columns } = found.value;
    const sheets = employees.map((employee, k) => ({ employee, sheet: timesheetAt(columns, k) }));
    return ok({ sheets, total: this.store.employees.countMatching(search) });
  }

  /**
   * The same page of timesheets as columns, employee k's at k (see SheetColumns): what the CSV of a month
   * of a thousand employees walks, without the objects of forEmployees nor its count of all that match.
   */
  columnsFor(
    search: string,
    period: Period,
    limit: number,
    offset = 0,
  ): Result<{ employees: TimesheetEmployee[]; columns: SheetColumns }> {
    const checked = checkPeriod(period);
    if (!checked.ok) return checked;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EMPLOYEES) {
      return invalid(`limit must be a whole number from 1 to ${MAX_EMPLOYEES}, got ${limit}`, 'limit');
    }
    const employees = this.store.timesheets.employees(search, limit, offset);
    return ok({ employees, columns: this.columnsOf(employees, period) });
  }

  forEmployee(employeeId: string, period: Period): Result<EmployeeTimesheet> {
    const checked = checkPeriod(period);
    if (!checked.ok) return checked;
    const employee = this.store.timesheets.employee(employeeId);
    if (employee === undefined) return notFound(`no employee with ID ${employeeId}`);
    return ok({ employee, sheet: timesheetAt(this.columnsOf([employee], period), 0) });
  }

  /**
   * The same timesheet from the plain reading (one row per punch, corrections applied by SQL, no day
   * table): the reference the day table is tested against.
   */
  referenceSheet(employeeId: string, { from, days }: Period): Timesheet {
    const punches = this.store.timesheets.effectivePunches([employeeId], from - WARM_UP_MS, readEnd(from, days));
    return timesheetOf(punches.get(employeeId) ?? [], from, days);
  }

  private columnsOf(employees: readonly TimesheetEmployee[], { from, days }: Period): SheetColumns {
    // From a week before (pairing has started over by then) to 16 h after (the last night shift's out).
    const ids = employees.map((e) => e.employeeId);
    return sheetColumns(this.store.timesheets.punchBatch(ids, from - WARM_UP_MS, readEnd(from, days)), from, days);
  }
}

const readEnd = (from: LocalTime, days: number): LocalTime => from + days * DAY_MS + MAX_SHIFT_MS;

function checkPeriod({ from, days }: Period): Result<Period> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    return invalid(`a timesheet covers 1 to ${MAX_DAYS} days, got ${days}`, 'days');
  }
  if (!Number.isSafeInteger(from) || from % DAY_MS !== 0) return invalid('a period starts at 00:00 of a day', 'from');
  return ok({ from, days });
}
