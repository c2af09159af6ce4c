// Employees for the portal's page tests: two registered clocks, Müller (badge 1001, two fingers) on the
// front one, two more employees, and a SysAdmin signed in.
import { simulatedTemplate } from '../../firmware/fingers.js';
import type { CloudOptions } from '../../src/cloud/index.js';
import type { NewEmployee } from '../../src/cloud/types.js';
import { formatCommandText } from '../../src/protocol/index.js';
import { READER, startPortal, type Portal, type PortalClient } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

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

/** The statuses of a read-only account's GET of `path` and of the SysAdmin's post to it with a forged CSRF token. */
export async function readerAndForgedStatuses(portal: Awaited<ReturnType<typeof withMuller>>, path: string) {
  const reader = portal.client();
  await reader.signIn(READER);
  const asReader = await reader.get(path);
  const forged = await portal.browser.post(path, { _csrf: 'forged' });
  return [asReader.status, forged.status];
}

/** Müller's check-in at the front door at 08:02:11 on 25 November 2026, as the clock uploads it. */
export const MULLER_IN = '1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0';

/** withMuller, and the front clock online having uploaded the ATTLOG lines (Müller's check-in by default). */
export async function withMullerPunched(...lines: string[]) {
  const portal = await withMuller();
  const clock = await onlineClock(portal, FRONT);
  await clock.uploadPunches(lines.length > 0 ? lines : [MULLER_IN]);
  return { portal, clock };
}

/** Renames an employee with the portal's rename form, as the signed-in SysAdmin. */
export function rename(browser: PortalClient, employeeId: string, firstName: string, lastName: string) {
  const form = `/employees/${employeeId}/rename`;
  return browser.post(form, { firstName, lastName }, form);
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
