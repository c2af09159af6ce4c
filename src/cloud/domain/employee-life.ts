// The rest of an employee's life in the portal: a new name (sent to the clocks, which show it), and
// deletion, with what it does to their clocks and punches said before it is done.
import { employeeChange, type Change, type Portal } from './portal.js';
import type { Actor } from './audit.js';
import { profileCommands } from './profile.js';
import type { CloudStore } from '../db/index.js';
import type { Employee } from '../types.js';
import { importEmployees, previewImport, type ImportPreview } from './employee-import.js';
import { invalid, notFound, ok, type Result } from './validate.js';
import { assignClocks, planAssignment, type Assignment, type AssignmentPlan } from './bulk-assign.js';
import { deactivateEmployee, reactivateEmployee, statusNotice, type StatusNotice } from './employee-status.js';

export interface DeletionNotice {
  employee: Employee;
  /** The clocks that will be sent DATA DELETE USERINFO, with their names. */
  clocks: { sn: string; name: string }[];
  /** Punches that stay, under the employee ID, without a name. */
  punches: number;
  fingerprints: number;
}

/** What deleting the employee will do, for the page that asks first. */
export function deletionNotice(store: CloudStore, employeeId: string): Result<DeletionNotice> {
  const employee = store.employees.get(employeeId);
  if (employee === undefined) return notFound(`no employee with ID ${employeeId}`);
  return ok({
    employee,
    clocks: employee.clocks.map((sn) => ({ sn, name: store.clocks.get(sn, 0, 0)?.name ?? sn })),
    punches: store.timesheets.punchCount(employeeId),
    fingerprints: employee.templates.length,
  });
}

/** A new first and last name; the profile goes again to every assigned clock (the clock shows the name). */
export function renameEmployee(
  store: CloudStore,
  portal: Portal,
  employeeId: string,
  firstName: string,
  lastName: string,
): Result<Change> {
  const first = firstName.trim();
  const last = lastName.trim();
  if (first.length > 64) return invalid('the first name must be up to 64 characters', 'firstName');
  if (last === '' || last.length > 64) return invalid('the last name must be 1 to 64 characters', 'lastName');
  return store.transaction(() => {
    const before = store.employees.get(employeeId);
    if (before === undefined) return notFound(`no employee with ID ${employeeId}`);
    const employee: Employee = { ...before, firstName: first, lastName: last };
    store.employees.put(employee);
    portal.record(employeeChange('renamed', before, employee));
    const queued = employee.clocks.flatMap((sn) => portal.queueAll(sn, profileCommands(employee)));
    return ok({ employee, queued });
  });
}

/**
 * The employee's life as the HTTP faces reach it (they never hold the store): the CSV import checked
 * first, a rename, and what a deletion will do.
 */
export class EmployeeLife {
  constructor(
    private readonly store: CloudStore,
    private readonly portal: Portal,
  ) {}

  /** The same operations, recorded in the audit log as made by `actor`. */
  by(actor: Actor): EmployeeLife {
    return new EmployeeLife(this.store, this.portal.by(actor));
  }

  previewImport(csv: string): Result<ImportPreview> {
    return previewImport(this.store, csv);
  }

  importCsv(csv: string): ReturnType<typeof importEmployees> {
    return importEmployees(this.store, this.portal, csv);
  }

  rename(employeeId: string, firstName: string, lastName: string): Result<Change> {
    return renameEmployee(this.store, this.portal, employeeId, firstName, lastName);
  }

  deletionNotice(employeeId: string): Result<DeletionNotice> {
    return deletionNotice(this.store, employeeId);
  }

  /** What deactivating or reactivating the employee will do. */
  statusNotice(employeeId: string): Result<StatusNotice> {
    return statusNotice(this.store, employeeId);
  }

  /** What sending many employees to (or removing them from) clocks will do; writes nothing. */
  planAssignment(assignment: Assignment): Result<AssignmentPlan> {
    return planAssignment(this.store, assignment);
  }

  assignClocks(assignment: Assignment): Result<{ plan: AssignmentPlan; changes: Change[] }> {
    return assignClocks(this.store, this.portal, assignment);
  }

  deactivate(employeeId: string): Result<Change> {
    return deactivateEmployee(this.store, this.portal, employeeId);
  }

  reactivate(employeeId: string): Result<Change> {
    return reactivateEmployee(this.store, this.portal, employeeId);
  }
}
