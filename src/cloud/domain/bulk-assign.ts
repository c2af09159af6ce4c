// Many employees sent to, or removed from, one or more clocks at once: checked first (unknown employees,
// inactive ones, unknown clocks), said before it is done (how many employees, clocks, commands), then done
// in one transaction as each employee's own Add/Remove, so every clock gets the same commands and the
// audit log a row per employee changed.
import type { CloudStore } from '../db/index.js';
import type { Change, Portal } from './portal.js';
import { invalid, ok, type Result } from './validate.js';

/** The most employees one assignment takes: a large site's whole staff. */
export const ASSIGN_MAX_EMPLOYEES = 5_000;

export interface Assignment {
  employeeIds: string[];
  /** Clocks the employees are sent to (a fresh copy where they were not yet). */
  add: string[];
  /** Clocks the employees are removed from. */
  remove: string[];
}

export interface AssignmentPlan {
  assignment: Assignment;
  /** Employees whose clocks change. */
  changing: string[];
  /** Employees already as asked: nothing is sent for them. */
  unchanged: string[];
  /** Employees left out, with why (unknown, inactive). */
  skipped: { employeeId: string; why: string }[];
}

/** The IDs of a pasted list: one per line, or separated by commas, semicolons, tabs or spaces. */
export function employeeIdsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
}

/** What the assignment will do, writing nothing. */
export function planAssignment(store: CloudStore, assignment: Assignment): Result<AssignmentPlan> {
  const { employeeIds, add, remove } = assignment;
  if (employeeIds.length === 0) return invalid('choose at least one employee', 'employeeIds');
  if (employeeIds.length > ASSIGN_MAX_EMPLOYEES) {
    return invalid(`at most ${ASSIGN_MAX_EMPLOYEES} employees at once`, 'employeeIds');
  }
  if (add.length + remove.length === 0) return invalid('choose a clock to send them to or remove them from', 'clocks');
  const both = add.filter((sn) => remove.includes(sn));
  if (both.length > 0) return invalid(`a clock cannot be both added and removed: ${both.join(', ')}`, 'clocks');
  const unknown = [...add, ...remove].filter((sn) => !store.clocks.exists(sn));
  if (unknown.length > 0) return invalid(`clocks not registered: ${unknown.join(', ')}`, 'clocks');
  const plan: AssignmentPlan = { assignment, changing: [], unchanged: [], skipped: [] };
  for (const employeeId of employeeIds) {
    const employee = store.employees.get(employeeId);
    if (employee === undefined) plan.skipped.push({ employeeId, why: 'no employee has this ID' });
    else if (employee.inactiveClocks !== undefined) plan.skipped.push({ employeeId, why: 'inactive' });
    else if (same(employee.clocks, clocksAfter(employee.clocks, assignment))) plan.unchanged.push(employeeId);
    else plan.changing.push(employeeId);
  }
  return ok(plan);
}

/** Does what the plan said, checked again inside the transaction; returns each employee's change. */
export function assignClocks(
  store: CloudStore,
  portal: Portal,
  assignment: Assignment,
): Result<{ plan: AssignmentPlan; changes: Change[] }> {
  return store.transaction(() => {
    const plan = planAssignment(store, assignment);
    if (!plan.ok) return plan;
    const changes: Change[] = [];
    for (const employeeId of plan.value.changing) {
      const clocks = clocksAfter(store.employees.get(employeeId)!.clocks, assignment);
      const changed = portal.addRemove(employeeId, clocks);
      if (!changed.ok) return changed;
      changes.push(changed.value);
    }
    return ok({ plan: plan.value, changes });
  });
}

function clocksAfter(clocks: readonly string[], { add, remove }: Assignment): string[] {
  return [...new Set([...clocks, ...add])].filter((sn) => !remove.includes(sn)).sort();
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((sn, i) => sn === b[i]);
}
