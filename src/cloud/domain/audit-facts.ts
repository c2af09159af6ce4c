// What the audit log keeps of a thing before and after a change: the facts a person reads, without secrets
// (a password is said to be set, never kept) or bulk (fingerprints by finger index, not their templates).
import type { Employee } from '../types.js';

export interface EmployeeFacts {
  employeeId: string;
  firstName: string;
  lastName: string;
  badge: string;
  nonSecure: boolean;
  role: string;
  card: string;
  password: 'set' | '';
  clocks: string[];
  fingers: number[];
  /** Only while inactive: the clocks reactivation sends them back to. */
  inactiveClocks?: string[];
}

/** Who an employee is and how they punch: what the audit log and the API both show as it is. */
export function employeeIdentity(e: Employee) {
  const { employeeId, firstName, lastName, badge, nonSecure, role } = e;
  return { employeeId, firstName, lastName, badge, nonSecure, role };
}

export function employeeFacts(e: Employee): EmployeeFacts {
  return {
    ...employeeIdentity(e),
    card: e.card,
    password: e.password === '' ? '' : 'set',
    clocks: [...e.clocks],
    fingers: e.templates.map((t) => t.fid),
    ...(e.inactiveClocks === undefined ? {} : { inactiveClocks: [...e.inactiveClocks] }),
  };
}
