// Employees of a scenario as a clock holds them: with `cloud: none` they are written straight into
// each assigned clock's tables (a load through its firmware), as the embedded cloud's profile commands would.
import { newUser, privilegeOf, simulatedTemplate, type Template, type User } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { EmployeeSpec } from './types.js';

/** Non-secure ON is Verify 0 (any method), OFF is Verify 6 (fingerprint or card), as the portal maps it. */
export function userOf(employee: EmployeeSpec): User {
  return newUser(employee.badge, {
    name: `${employee.first} ${employee.last}`.trim().slice(0, 24),
    privilege: privilegeOf(employee.role),
    password: employee.password,
    card: employee.card,
    verifyMode: employee.verifyMode ?? (employee.nonSecure ? 0 : 6),
  });
}

export function templatesOf(employee: EmployeeSpec): Template[] {
  return employee.fingers.map((fid) => ({
    pin: employee.badge,
    fid,
    valid: true,
    template: simulatedTemplate({ person: employee.badge, fid }),
  }));
}

/** Loads the employees assigned to this clock through its firmware, in one transaction. */
export function seedClock(clock: Clock, employees: readonly EmployeeSpec[]): void {
  const mine = employees.filter((e) => e.clocks.includes(clock.serialNumber));
  // A model without a fingerprint reader leaves the fingers out (load.ts).
  clock.load({ users: mine.map(userOf), templates: mine.flatMap(templatesOf) });
}
