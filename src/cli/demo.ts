// The demo company, seeded into an empty clock on first start and into the embedded cloud's portal, so
// that `npm start` has people to punch: non-secure and secure employees, a Manager, an Administrator,
// cards and enrolled fingers. The same on both sides, so that Save and Add/Remove send the clock what it
// already holds. The Administrator verifies by finger or password (Verify 5), as a clock that guards its
// menu should be set up: the portal's Non-secure off with a password and no card (src/cloud/domain/profile.ts).
import {
  newUser,
  roleOf,
  simulatedTemplate,
  type DeviceModel,
  type Template,
  type User,
} from '../../firmware/index.js';
import type { Portal } from '../cloud/index.js';
import type { Clock } from '../runtime/index.js';

export interface DemoEmployee {
  user: User;
  /** Fingers enrolled (finger index 0–9), when the model has a reader. */
  fingers: number[];
}

export const DEMO_EMPLOYEES: readonly DemoEmployee[] = [
  { user: newUser('1001', { name: 'Ana Lopez', verifyMode: 6, card: '3809012973' }), fingers: [6] },
  { user: newUser('1002', { name: 'Bruno Silva', verifyMode: 0, card: '3809012974' }), fingers: [6, 5] },
  { user: newUser('1003', { name: 'Chen Wei', verifyMode: 0 }), fingers: [] },
  { user: newUser('1004', { name: 'Dana Smith', verifyMode: 6, card: '3809012975' }), fingers: [] },
  { user: newUser('2001', { name: 'Maria Garcia', verifyMode: 6, privilege: 2, card: '3809012980' }), fingers: [6] },
  { user: newUser('9001', { name: 'Admin Park', verifyMode: 5, privilege: 14, password: '9999' }), fingers: [1] },
];

/** Seeds the demo company when the clock has no users, through the firmware; returns how many users it added. */
export function seedDemoCompany(clock: Pick<Clock, 'records' | 'load' | 'model'>): number {
  if (clock.records.users.count() > 0) return 0;
  const users = DEMO_EMPLOYEES.map((employee) => employee.user);
  const templates = DEMO_EMPLOYEES.flatMap((employee) => demoTemplates(employee, clock.model));
  return clock.load({ users, templates }).users;
}

/**
 * The portal's copy of the demo company (employee ID `E` + badge), assigned to the clock `sn`, with the
 * fingers the clock's seed enrolls: without them, Add/Remove would erase those fingers from the clock.
 */
export function seedDemoEmployees(portal: Portal, sn: string, model: DeviceModel): void {
  for (const employee of DEMO_EMPLOYEES) {
    const { user } = employee;
    const [firstName = user.name, ...rest] = user.name.split(' ');
    const created = portal.createEmployee({
      employeeId: `E${user.pin}`,
      firstName,
      lastName: rest.join(' ') || firstName,
      badge: user.pin,
      nonSecure: user.verifyMode === 0,
      role: roleOf(user.privilege),
      clocks: [sn],
      card: user.card,
      password: user.password,
      templates: demoTemplates(employee, model),
    });
    if (!created.ok) throw new Error(`seeding demo employee E${user.pin}: ${created.problem.message}`);
  }
}

/** The employee's simulated fingers, when the model has a fingerprint reader. */
function demoTemplates({ user, fingers }: DemoEmployee, model: DeviceModel): Template[] {
  if (!model.readers.fingerprint) return [];
  return fingers.map((fid) => ({
    pin: user.pin,
    fid,
    valid: true,
    template: simulatedTemplate({ person: user.pin, fid }),
  }));
}
