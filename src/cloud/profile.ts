// An employee's profile as a clock holds it: the USERINFO user and the FINGERTMP templates, and the
// commands that put a profile on a clock or take it off. The portal's settings map onto the protocol here.
import { newUser, privilegeOf, roleOf, type ClockRole, type Privilege, type User } from '../../firmware/users.js';
import type { PushCommand } from '../protocol/index.js';
import type { Employee } from './types.js';

/** Non-secure ON is Verify 0 (any method, ID entry included); OFF is Verify 6 (fingerprint or card). */
export const VERIFY_NON_SECURE = 0;
export const VERIFY_SECURE = 6;

export function userOf(employee: Employee): User {
  return newUser(employee.badge, {
    name: clockName(employee),
    privilege: privilegeOf(employee.role),
    password: employee.password,
    card: employee.card,
    verifyMode: employee.nonSecure ? VERIFY_NON_SECURE : VERIFY_SECURE,
  });
}

/** USERINFO first: a clock refuses a template for a PIN it does not have (-10). */
export function profileCommands(employee: Employee): PushCommand[] {
  return [
    { kind: 'update-user', user: userOf(employee) },
    ...employee.templates.map((template) => ({
      kind: 'update-template' as const,
      template: { ...template, pin: employee.badge },
    })),
  ];
}

/** DATA DELETE USERINFO also deletes the user's templates on the clock. */
export function removalCommands(badge: string): PushCommand[] {
  return [{ kind: 'delete-user', pin: badge }];
}

/** Clocks show about 24 characters of a name. */
export function clockName(employee: Pick<Employee, 'firstName' | 'lastName'>): string {
  return `${employee.firstName} ${employee.lastName}`.trim().slice(0, 24);
}

/** The portal's reading of a Verify mode a clock reports: 0 and 6 are its two settings; others keep it as it was. */
export function nonSecureFrom(verifyMode: number, current: boolean): boolean {
  if (verifyMode === VERIFY_NON_SECURE) return true;
  if (verifyMode === VERIFY_SECURE) return false;
  return current;
}

export function roleFrom(privilege: Privilege): ClockRole {
  return roleOf(privilege);
}

/** `Ana Lopez` into first and last name, for a user first seen on a clock. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length <= 1) return { firstName: '', lastName: words[0] ?? '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}
