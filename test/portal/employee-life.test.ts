// Rename and delete an employee in the portal over HTTP: deletion says what it does to the clocks,
// fingerprints and punches before it is done; a new name goes to the clocks.
import { describe, expect, it } from 'vitest';
import {
  commandsFor,
  FRONT,
  MULLER_IN,
  readerAndForgedStatuses,
  rename,
  withMuller,
  withMullerPunched,
} from './employee-fixtures.js';

describe('an employee’s rename and deletion', () => {
  it('says what deletion does to clocks, fingerprints and punches, and deletes nothing before the button', async () => {
    const { portal } = await withMullerPunched(MULLER_IN, '1001\t2026-11-25 16:02:11\t1\t1\t0\t0\t0');

    const page = await portal.browser.get('/employees/E1001/delete');

    expect(page.status).toBe(200);
    expect(page.html).toContain('Removed from 1 clock (DATA DELETE USERINFO PIN=1001): Front door (TC1A000001).');
    expect(page.html).toContain('2 fingerprints are deleted with the profile.');
    expect(page.html).toContain('2 punches stay in Punches, the exports and timesheets under employee ID E1001');
    expect(portal.cloud.store.employees.get('E1001')).toBeDefined();
    expect(commandsFor(portal, FRONT)).toEqual([]);
  });

  it('deletes when confirmed: removed from the clock, the punches kept under the ID', async () => {
    const { portal } = await withMullerPunched();

    const done = await portal.browser.post('/employees/E1001/delete', {}, '/employees/E1001/delete');
    const list = await portal.browser.get('/employees');

    expect(done.status).toBe(303);
    expect(list.html).toContain('Deleted Jürgen Müller. 1 command queued for TC1A000001.');
    expect(portal.cloud.store.employees.get('E1001')).toBeUndefined();
    expect(commandsFor(portal, FRONT)).toEqual(['DATA DELETE USERINFO PIN=1001']);
    expect(portal.cloud.portal.punches({ employeeId: 'E1001', limit: 10 })).toHaveLength(1);
  });

  it('renames, sending the profile with the new name to the assigned clock', async () => {
    const portal = await withMuller();

    const done = await rename(portal.browser, 'E1001', 'Jürgen', 'Müller-Schmidt');
    const profile = await portal.browser.get('/employees/E1001');

    expect(done.status).toBe(303);
    expect(profile.html).toContain('<h1>Jürgen Müller-Schmidt</h1>');
    expect(profile.html).toContain('Renamed. 3 commands queued for TC1A000001.');
    expect(commandsFor(portal, FRONT)[0]).toMatch(/^DATA UPDATE USERINFO PIN=1001\tName=Jürgen Müller-Schmidt\t/);
  });

  it('refuses an empty last name, saying so, and changes nothing', async () => {
    const portal = await withMuller();

    const refused = await rename(portal.browser, 'E1001', 'X', '  ');

    expect(refused.status).toBe(400);
    expect(refused.html).toContain('the last name must be 1 to 64 characters');
    expect(portal.cloud.store.employees.get('E1001')?.lastName).toBe('Müller');
  });

  it('refuses a read-only account, and a post without the form’s CSRF token', async () => {
    const portal = await withMuller();

    expect(await readerAndForgedStatuses(portal, '/employees/E1001/delete')).toEqual([403, 403]);
    expect(portal.cloud.store.employees.get('E1001')).toBeDefined();
  });
});
