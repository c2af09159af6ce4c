// An employee made inactive and active again: inactive, they are removed from every clock (DATA DELETE
// USERINFO) but kept, with their punches and timesheets, and the clocks they were on are remembered;
// reactivated, a fresh copy of their profile goes back to those clocks. Said before it is done.
import type { CloudStore } from '../db/index.js';
import type { Employee } from '../types.js';
import { employeeFacts } from './audit-facts.js';
import type { Change, Portal } from './portal.js';
import { profileCommands, removalCommands } from './profile.js';
import { conflict, notFound, ok, type Result } from './validate.js';

export interface StatusNotice {
  employee: Employee;
  /** The clocks that will be told: for deactivation the clocks they are on, for reactivation those they return to. */
  clocks: { sn: string; name: string }[];
  /** Punches kept either way. */
  punches: number;
}

/** What deactivating or reactivating will do, for the page that asks first. */
export function statusNotice(store: CloudStore, employeeId: string): Result<StatusNotice> {
  const employee = store.employees.get(employeeId);
  if (employee === undefined) return notFound(`no employee with ID ${employeeId}`);
  const clocks = employee.inactiveClocks ?? employee.clocks;
  return ok({
    employee,
    clocks: clocks.map((sn) => ({ sn, name: store.clocks.get(sn, 0, 0)?.name ?? sn })),
    punches: store.timesheets.punchCount(employeeId),
  });
}

/** Off every clock, kept in the portal; the clocks are remembered for reactivation. */
export function deactivateEmployee(store: CloudStore, portal: Portal, employeeId: string): Result<Change> {
  return store.transaction(() => {
    const before = store.employees.get(employeeId);
    if (before === undefined) return notFound(`no employee with ID ${employeeId}`);
    if (before.inactiveClocks !== undefined) return conflict(`employee ${employeeId} is already inactive`);
    const after: Employee = { ...before, clocks: [], inactiveClocks: before.clocks };
    store.employees.put(after);
    store.employees.setInactive(employeeId, before.clocks);
    const queued = before.clocks.flatMap((sn) => portal.queueAll(sn, removalCommands(before.badge)));
    portal.record({
      kind: 'employee',
      subject: employeeId,
      action: 'deactivated',
      before: employeeFacts(before),
      after: employeeFacts(after),
    });
    return ok({ employee: after, queued });
  });
}

/** Active again: a fresh copy (delete, then the whole profile) to each remembered clock still registered. */
export function reactivateEmployee(store: CloudStore, portal: Portal, employeeId: string): Result<Change> {
  return store.transaction(() => {
    const before = store.employees.get(employeeId);
    if (before === undefined) return notFound(`no employee with ID ${employeeId}`);
    if (before.inactiveClocks === undefined) return conflict(`employee ${employeeId} is active`);
    const clocks = before.inactiveClocks.filter((sn) => store.clocks.exists(sn));
    const { inactiveClocks: _, ...active } = before;
    const after: Employee = { ...active, clocks };
    store.employees.put(after);
    store.employees.setInactive(employeeId, undefined);
    const queued = clocks.flatMap((sn) =>
      portal.queueAll(sn, [...removalCommands(after.badge), ...profileCommands(after)]),
    );
    portal.record({
      kind: 'employee',
      subject: employeeId,
      action: 'reactivated',
      before: employeeFacts(before),
      after: employeeFacts(after),
    });
    return ok({ employee: after, queued });
  });
}
