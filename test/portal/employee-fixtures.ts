// Employees for the portal's page tests: two registered clocks, Müller (badge 1001, two fingers) on the
// front one, two more employees, and a SysAdmin signed in.
import { simulatedTemplate } from '../../firmware/fingers.js';
import type { CloudOptions } from '../../src/cloud/index.js';
import type { NewEmployee } from '../../src/cloud/types.js';
import { formatCommandText } from '../../src/protocol/index.js';
import { startPortal, type Portal } from './portal-harness.js';

export const FRONT = 'TC1A000001';
export const BACK = 'TC1A000002';

export const MULLER: NewEmployee = {
  employeeId: 'E1001',
  firstName: 'Jürgen',
  lastName: 'Müller',
  badge: '1001',
  clocks: [FRONT],
  templates: [
    { pin: '1001', fid: 6, valid: true, template: simulatedTemplate({ person: '1001', fid: 6 }) },
    { pin: '1001', fid: 5, valid: true, template: simulatedTemplate({ person: '1001', fid: 5 }) },
  ],
};

/** A portal with two registered clocks, Müller on the front one, and a SysAdmin signed in. */
export async function withMuller(options: CloudOptions = {}) {
  const portal = await startPortal(options);
  portal.cloud.registerClock(FRONT, 'Front door');
  portal.cloud.registerClock(BACK, 'Warehouse');
  create(portal, MULLER);
  create(portal, { employeeId: 'E2002', firstName: 'Ana', lastName: 'Lopez', badge: '2002' });
  create(portal, { employeeId: 'E3003', firstName: 'Bob', lastName: 'Anderson', badge: '3003' });
  const setup = portal.cloud.store.commands.list({ limit: 1000 });
  queuedBySetup.set(portal.cloud, Math.max(0, ...setup.map((c) => Number(c.id))));
  const browser = portal.client();
  await browser.signIn();
  return { ...portal, browser };
}

export function create(portal: Portal, employee: NewEmployee): void {
  const created = portal.cloud.portal.createEmployee(employee);
  if (!created.ok) throw new Error(created.problem.message);
}

/** The last command id the setup queued (creating Müller sends him to the front clock). */
const queuedBySetup = new WeakMap<Portal['cloud'], number>();

/** The wire text of every command queued for a clock since the setup, in order. */
export function commandsFor(portal: Portal, sn: string): string[] {
  const after = queuedBySetup.get(portal.cloud) ?? 0;
  return portal.cloud.store.commands
    .list({ sn, limit: 1000 })
    .filter((c) => Number(c.id) > after)
    .map((c) => formatCommandText(c.command));
}

/** The employee IDs in the list's table, in order. */
export function listedIds(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/employees\/[^"]+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]!);
}
