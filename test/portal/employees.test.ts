// The Employees section over real loopback HTTP: list view and Search for employee, the profile's Clocks
// section and Save, the clock selection with Add/Remove, and the fingerprints, as the support article
// has a SysAdmin follow them.
import { describe, expect, it } from 'vitest';
import { BACK, commandsFor, create, listedIds, withMuller } from './employee-fixtures.js';
import { startPortal } from './portal-harness.js';

describe('Employees → list view and Search for employee', () => {
  it('lists employees by last name with badge, non-secure, clock role and clocks', async () => {
    const { browser } = await withMuller();
    const page = await browser.get('/employees');
    expect(page.status).toBe(200);
    expect(listedIds(page.html)).toEqual(['E3003', 'E2002', 'E1001']);
    for (const header of ['Employee ID', 'Name', 'Badge #', 'Non-secure', 'Clock Role', 'Clocks']) {
      expect(page.html).toContain(`<th scope="col">${header}</th>`);
    }
    expect(page.html).toContain('<td>Müller, Jürgen</td><td>1001</td><td>Off</td><td>User</td><td>TC1A000001</td>');
    expect(page.html).toContain('<label for="q">Search for employee</label>');
  });

  it('finds Müller by typing muller, without case or accents', async () => {
    const { browser } = await withMuller();
    expect(listedIds((await browser.get('/employees?q=MULLER')).html)).toEqual(['E1001']);
  });

  it('finds employee E1001 by the number 1001 alone', async () => {
    const { browser } = await withMuller();
    expect(listedIds((await browser.get('/employees?q=1001')).html)).toEqual(['E1001']);
  });

  it('finds an employee by first name and by part of a name', async () => {
    const { browser } = await withMuller();
    expect(listedIds((await browser.get('/employees?q=ana')).html)).toEqual(['E2002']);
    expect(listedIds((await browser.get('/employees?q=ders')).html)).toEqual(['E3003']);
  });

  it('says when nothing matches', async () => {
    const { browser } = await withMuller();
    expect((await browser.get('/employees?q=zzz')).html).toContain('No employee matches “zzz”.');
  });

  it('pages through 10,000 employees fifty at a time, saying where it is', async () => {
    const portal = await startPortal();
    portal.cloud.store.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const n = String(i).padStart(5, '0');
        create(portal, { employeeId: `E${n}`, firstName: 'Pat', lastName: `Worker${n}`, badge: `9${n}` });
      }
    });
    const browser = portal.client();
    await browser.signIn();
    const first = await browser.get('/employees');
    expect(first.html).toContain('1–50 of 10,000');
    expect(listedIds(first.html)).toHaveLength(50);
    expect(first.html).toContain('href="/employees?offset=50">Next page');
    const last = await browser.get('/employees?offset=9950');
    expect(last.html).toContain('9,951–10,000 of 10,000');
    expect(listedIds(last.html).at(-1)).toBe('E09999');
    expect(last.html).not.toContain('Next page');
    const search = await browser.get('/employees?q=worker0999');
    expect(search.html).toContain('1–10 of 10 matching “worker0999”');
  });
});

describe('New employee', () => {
  it('creates an employee from the form and sends the profile to the checked clocks', async () => {
    const portal = await withMuller();
    const reply = await portal.browser.post('/employees/new', {
      employeeId: 'E4004',
      firstName: 'Zoë',
      lastName: 'Ng',
      badge: '4004',
      card: '',
      role: 'manager',
      nonSecure: 'on',
      clocks: [BACK],
    });
    expect(reply).toMatchObject({ status: 303, location: '/employees/E4004' });
    const profile = await portal.browser.get('/employees/E4004');
    expect(profile.html).toContain('Employee E4004 created. 1 command queued for TC1A000002.');
    expect(commandsFor(portal, BACK)).toEqual([
      expect.stringMatching(/^DATA UPDATE USERINFO PIN=4004\t.*Pri=2\t.*Verify=0/),
    ]);
  });

  it('shows each refused field’s message beside it with the values kept', async () => {
    const { browser } = await withMuller();
    const reply = await browser.post('/employees/new', {
      employeeId: 'E 5',
      firstName: 'Kim',
      lastName: '',
      badge: '1001',
      card: 'abc',
      role: 'user',
      nonSecure: 'off',
    });
    expect(reply.status).toBe(400);
    expect(reply.html).toContain('aria-describedby="employeeId-error"');
    expect(reply.html).toContain(
      '<p id="employeeId-error" class="field-error">Employee ID must be 1–32 letters, digits, - or _</p>',
    );
    expect(reply.html).toContain(
      '<p id="lastName-error" class="field-error">Last name must be text of 1 to 64 characters</p>',
    );
    expect(reply.html).toContain('<p id="card-error" class="field-error">Card number must be a decimal card number');
    expect(reply.html).toContain('value="Kim"');
  });

  it('refuses a badge another employee has, beside the Badge # field', async () => {
    const { browser } = await withMuller();
    const reply = await browser.post('/employees/new', { employeeId: 'E9', lastName: 'Nine', badge: '1001' });
    expect(reply.status).toBe(400);
    expect(reply.html).toContain('<p id="badge-error" class="field-error">Badge # 1001 belongs to employee E1001</p>');
  });
});
