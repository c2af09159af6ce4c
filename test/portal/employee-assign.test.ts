// Employees → Assign to clocks over HTTP (portal and API): the confirmation page says how many before
// anything is sent; Confirm sends each employee's fresh copy; unknown and inactive IDs are left out.
import { describe, expect, it } from 'vitest';
import { BACK, commandsFor, withMuller } from './employee-fixtures.js';
import { READER, SYSADMIN } from './portal-harness.js';

describe('assigning many employees to clocks', () => {
  it('says how many first, sends nothing, then sends each a fresh copy when confirmed', async () => {
    const portal = await withMuller();
    const form = { ids: 'E2002\nE3003, E1001\nNOPE', clocks: [BACK], action: 'add' };

    const check = await portal.browser.post('/employees/assign', form, '/employees/assign');
    const before = commandsFor(portal, BACK);
    const done = await portal.browser.post('/employees/assign/confirm', form, '/employees/assign');
    const list = await portal.browser.get('/employees');

    expect(check.status).toBe(200);
    expect(check.html).toContain('3 employees are sent to Warehouse (TC1A000002).');
    expect(check.html).toContain('1 ID is left out: NOPE (no employee has this ID)');
    expect(before).toEqual([]);
    expect(done.status).toBe(303);
    expect(list.html).toContain('Sent 3 employees: ');
    const sent = commandsFor(portal, BACK);
    expect(sent.filter((c) => c.startsWith('DATA UPDATE USERINFO'))).toHaveLength(3);
    expect(portal.cloud.store.employees.get('E2002')?.clocks).toEqual([BACK]);
    expect(portal.cloud.store.audit.count({ actor: SYSADMIN.username })).toBe(3);
  });

  it('removes them from a clock, saying who is already off it', async () => {
    const portal = await withMuller();
    const form = { ids: 'E1001 E2002', clocks: ['TC1A000001'], action: 'remove' };

    const check = await portal.browser.post('/employees/assign', form, '/employees/assign');
    await portal.browser.post('/employees/assign/confirm', form, '/employees/assign');

    expect(check.html).toContain('1 employee is removed from Front door (TC1A000001).');
    expect(check.html).toContain('1 employee is already so: nothing is sent for them.');
    expect(commandsFor(portal, 'TC1A000001')).toEqual(['DATA DELETE USERINFO PIN=1001']);
  });

  it('refuses a read-only account, a forged form, and an unknown clock', async () => {
    const portal = await withMuller();
    const reader = portal.client();
    await reader.signIn(READER);

    const asReader = await reader.get('/employees/assign');
    const forged = await portal.browser.post('/employees/assign/confirm', { _csrf: 'x', ids: 'E2002', clocks: BACK });
    const unknown = await portal.browser.post(
      '/employees/assign',
      { ids: 'E2002', clocks: ['TC9Z999999'], action: 'add' },
      '/employees/assign',
    );

    expect(asReader.status).toBe(403);
    expect(forged.status).toBe(403);
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('clocks not registered: TC9Z999999');
    expect(commandsFor(portal, BACK)).toEqual([]);
  });

  it('works through the API, dryRun writing nothing', async () => {
    const portal = await withMuller();
    const issued = portal.cloud.accounts.issueToken(SYSADMIN.username, 'hr');
    if (!issued.ok) throw new Error(issued.problem.message);
    const post = (body: unknown) =>
      fetch(`${portal.url}/api/employees/assign`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.value.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const dry = await post({ employeeIds: ['E2002', 'E3003'], add: [BACK], dryRun: true });
    const queuedDry = commandsFor(portal, BACK);
    const done = await post({ employeeIds: ['E2002', 'E3003'], add: [BACK] });

    expect(await dry.json()).toEqual({ changing: ['E2002', 'E3003'], unchanged: [], skipped: [] });
    expect(queuedDry).toEqual([]);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { queued: number }).queued).toBeGreaterThan(2);
    expect(portal.cloud.store.employees.get('E3003')?.clocks).toEqual([BACK]);
  });
});
