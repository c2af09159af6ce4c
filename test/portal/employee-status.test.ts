// Deactivate and reactivate an employee over HTTP (portal and API): said before it is done; inactive, they
// are removed from their clocks and kept with their punches; reactivated, a fresh copy goes back.
import { describe, expect, it } from 'vitest';
import { commandsFor, FRONT, readerAndForgedStatuses, withMuller, withMullerPunched } from './employee-fixtures.js';
import { SYSADMIN } from './portal-harness.js';

describe('deactivating and reactivating an employee', () => {
  it('says what deactivation does before the button, and changes nothing yet', async () => {
    const { portal } = await withMullerPunched();

    const page = await portal.browser.get('/employees/E1001/deactivate');

    expect(page.status).toBe(200);
    expect(page.html).toContain(
      'Removed from 1 clock (DATA DELETE USERINFO PIN=1001): Front door (TC1A000001). They can no longer punch there.',
    );
    expect(page.html).toContain('The employee stays in the portal, with 1 punch and their timesheets');
    expect(commandsFor(portal, FRONT)).toEqual([]);
  });

  it('removes them from the clock, keeps them and their punches, and sends them back on reactivation', async () => {
    const { portal } = await withMullerPunched();

    const off = await portal.browser.post('/employees/E1001/deactivate', {}, '/employees/E1001/deactivate');
    const profile = await portal.browser.get('/employees/E1001');
    const removed = commandsFor(portal, FRONT);
    const refused = await portal.browser.post(
      '/employees/E1001/clocks',
      { clocks: [FRONT] },
      '/employees/E1001/clocks',
    );
    const back = await portal.browser.post('/employees/E1001/reactivate', {}, '/employees/E1001/reactivate');

    expect(off.status).toBe(303);
    expect(profile.html).toContain('Inactive: on no clock');
    expect(profile.html).toContain('Deactivated. 1 command queued for TC1A000001.');
    expect(removed).toEqual(['DATA DELETE USERINFO PIN=1001']);
    expect(portal.cloud.portal.punches({ employeeId: 'E1001', limit: 10 })).toHaveLength(1);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('reactivate them before sending them to clocks');
    expect(back.status).toBe(303);
    const sent = commandsFor(portal, FRONT).slice(1);
    expect(sent[0]).toBe('DATA DELETE USERINFO PIN=1001');
    expect(sent[1]).toMatch(/^DATA UPDATE USERINFO PIN=1001\tName=Jürgen Müller\t/);
    expect(sent.filter((c) => c.startsWith('DATA UPDATE FINGERTMP PIN=1001'))).toHaveLength(2);
    expect(portal.cloud.store.employees.get('E1001')?.clocks).toEqual([FRONT]);
    expect(portal.cloud.store.employees.get('E1001')?.inactiveClocks).toBeUndefined();
  });

  it('refuses a read-only account and a post without the form’s CSRF token', async () => {
    const portal = await withMuller();

    expect(await readerAndForgedStatuses(portal, '/employees/E1001/deactivate')).toEqual([403, 403]);
    expect(portal.cloud.store.employees.get('E1001')?.inactiveClocks).toBeUndefined();
  });

  it('works through the API, answering 409 to a second deactivation', async () => {
    const portal = await withMuller();
    const issued = portal.cloud.accounts.issueToken(SYSADMIN.username, 'hr');
    if (!issued.ok) throw new Error(issued.problem.message);
    const post = (path: string) =>
      fetch(`${portal.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${issued.value.token}` } });

    const off = await post('/api/employees/E1001/deactivate');
    const again = await post('/api/employees/E1001/deactivate');
    const on = await post('/api/employees/E1001/reactivate');

    expect(off.status).toBe(200);
    expect(((await off.json()) as { employee: unknown }).employee).toMatchObject({
      clocks: [],
      active: false,
      inactiveClocks: [FRONT],
    });
    expect(again.status).toBe(409);
    expect(on.status).toBe(200);
    expect(((await on.json()) as { employee: { clocks: string[] } }).employee.clocks).toEqual([FRONT]);
  });
});
