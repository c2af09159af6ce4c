// An employee's profile as a clock holds it: the USERINFO user and the FINGERTMP templates, and the
// commands that put a profile on a clock or take it off. The portal's settings map onto the protocol here.
import { newUser, privilegeOf, roleOf, type User } from '../../../firmware/index.js';
import type { PushCommand } from '../../protocol/index.js';
import type { Employee } from '../types.js';

/** Non-secure ON is Verify 0 (any method, ID entry included); OFF is Verify 6 (fingerprint or card). */
export const VERIFY_NON_SECURE = 0;
export const VERIFY_SECURE = 6;
/** OFF for someone with a clock password and no card: fingerprint or password (Verify 5). */
export const VERIFY_SECURE_PASSWORD = 5;

export function userOf(employee: Employee): User {
  return newUser(employee.badge, {
    name: clockName(employee),
    privilege: privilegeOf(employee.role),
    password: employee.password,
    card: employee.card,
    verifyMode: verifyModeOf(employee),
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

/** A field of a user a clock reported that the portal did not take, as the clock_changes table keeps it. */
export interface Disagreement {
  field: 'role' | 'verifyMode' | 'card' | 'password' | 'fingerprint';
  clockValue: string;
  portalValue: string;
}

/**
 * Where a clock's user differs from the employee's profile in what the portal decides or keeps:
 * - `role`: the clock's role (from its Pri) against the portal's; the portal is the authority.
 * - `verifyMode`: the clock's Verify against the portal's (0 when non-secure, 6 when not); same.
 * - `card`, `password`: the clock holds another one than the portal, or none while the portal has one.
 *   Neither is taken: a card is a key to every clock the employee uses, and a clock's word (or a forged
 *   line in its name) must not hand it to someone else. A password shows as `***`, never as itself.
 */
export function disagreementsOf(user: User, employee: Employee): Disagreement[] {
  const found: Disagreement[] = [];
  const clockRole = roleOf(user.privilege);
  if (clockRole !== employee.role) found.push({ field: 'role', clockValue: clockRole, portalValue: employee.role });
  const verify = verifyModeOf(employee);
  if (user.verifyMode !== verify) {
    found.push({ field: 'verifyMode', clockValue: String(user.verifyMode), portalValue: String(verify) });
  }
  if (user.card !== employee.card) {
    found.push({ field: 'card', clockValue: user.card, portalValue: employee.card });
  }
  if (user.password !== employee.password) {
    const shown = (password: string) => (password === '' ? '' : '***');
    found.push({ field: 'password', clockValue: shown(user.password), portalValue: shown(employee.password) });
  }
  return found;
}

/**
 * The Verify a profile puts on the clock. Non-secure OFF admits the credentials the employee really has
 * besides a typed badge: a finger or a card (6) — or, for someone with a clock password and no card (an
 * administrator who signs in to the menu), a finger or the password (5). Never ID entry alone.
 */
export function verifyModeOf(employee: Pick<Employee, 'nonSecure' | 'password' | 'card'>): number {
  if (employee.nonSecure) return VERIFY_NON_SECURE;
  return employee.password !== '' && employee.card === '' ? VERIFY_SECURE_PASSWORD : VERIFY_SECURE;
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
