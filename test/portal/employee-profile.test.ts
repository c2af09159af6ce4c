// An employee's profile over real loopback HTTP: the Clocks section as the support article lists it,
// Save and what it queues, the confirm step of a changed badge, field messages, read-only accounts, the
// clock selection with Add/Remove, and the fingerprints.
import { describe, expect, it } from 'vitest';
import { BACK, commandsFor, FRONT, withMuller } from './employee-fixtures.js';
import { missingFrom, READER } from './portal-harness.js';

const PROFILE = '/employees/E1001';
const stored = { badge: '1001', card: '', role: 'user', nonSecure: 'off' };

describe('the employee profile', () => {
  it('shows the name, employee ID and the Clocks section with the article’s words', async () => {
    const { browser } = await withMuller();
    const page = await browser.get(PROFILE);
    expect(page.status).toBe(200);
    expect(
      missingFrom(page.html, [
        '<h1>Jürgen Müller</h1>',
        'Employee ID <strong>E1001</strong>',
        '<label for="badge">Badge #</label>',
        'This number links the employee to the clock',
        'Do not change this.',
        '<span class="sn">TC1A000001</span> <span>Front door</span> <span class="online-no">Offline',
        'href="/employees/E1001/clocks" aria-label="Edit clocks"',
        'May only enroll fingerprints for other employees.',
        'Full access to the clock(s) and all settings such as network connectivity',
        'PIN entry, Fingerprint scan, Proximity Card scan.',
        '<label for="card">Card number</label>',
        'aria-label="Remove right index fingerprint"',
        'aria-label="Remove right thumb fingerprint"',
      ]),
    ).toEqual([]);
  });

  it('shows a clock registered without a name once, by its serial number', async () => {
    const portal = await withMuller();
    portal.cloud.registerClock('TC1A000009');
    const saved = portal.cloud.portal.saveClocksSection('E2002', { clocks: ['TC1A000009'] });
    if (!saved.ok) throw new Error(saved.problem.message);

    const page = await portal.browser.get('/employees/E2002');

    expect(page.html).toMatch(/<span class="sn">TC1A000009<\/span> <span class="online-no">Offline/);
    expect(page.html.match(/TC1A000009/g)?.length).toBeLessThan(4);
  });

  it('has a Save button at the top right and the bottom right, both for the one form', async () => {
    const { browser } = await withMuller();
    const page = await browser.get(PROFILE);
    expect(page.html.match(/<button type="submit" form="profile-form" class="primary">Save<\/button>/g)).toHaveLength(
      2,
    );
    expect(page.html).toContain('<p id="unsaved" class="unsaved" role="status" hidden>Unsaved changes</p>');
  });

  it('answers an unknown employee with a 404 page', async () => {
    const { browser } = await withMuller();
    const page = await browser.get('/employees/E404');
    expect(page.status).toBe(404);
    expect(page.html).toContain('There is no employee with ID E404.');
  });
});

describe('Save of the Clocks section', () => {
  it('queues the profile and its templates to the assigned clock and says so', async () => {
    const portal = await withMuller();
    const reply = await portal.browser.post(PROFILE, { ...stored, nonSecure: 'on', role: 'manager' });
    expect(reply).toMatchObject({ status: 303, location: PROFILE });
    expect(commandsFor(portal, FRONT)).toEqual([
      expect.stringMatching(/^DATA UPDATE USERINFO PIN=1001\t.*Pri=2\t.*Verify=0/),
      expect.stringMatching(/^DATA UPDATE FINGERTMP PIN=1001\tFID=5/),
      expect.stringMatching(/^DATA UPDATE FINGERTMP PIN=1001\tFID=6/),
    ]);
    expect(commandsFor(portal, BACK)).toEqual([]);
    const page = await portal.browser.get(PROFILE);
    expect(page.html).toContain('Saved. 3 commands queued for TC1A000001.');
    expect(page.html).toContain('id="nonSecure-on" name="nonSecure" value="on" checked');
  });

  it('asks for confirmation of a changed badge and queues nothing until it is given', async () => {
    const portal = await withMuller();
    const asked = await portal.browser.post(PROFILE, { ...stored, badge: '1010' });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('Change Badge # from 1001 to 1010?');
    expect(asked.html).toContain('<input type="hidden" name="confirmedBadge" value="1010"/>');
    expect(asked.html).toContain('value="1010"');
    expect(commandsFor(portal, FRONT)).toEqual([]);
    expect(portal.cloud.portal.getEmployee('E1001')).toMatchObject({ value: { badge: '1001' } });
  });

  it('changes a confirmed badge: the clock deletes the old PIN, gets the new one, and the punches stay', async () => {
    const portal = await withMuller();
    const upload = await portal.cloud.handle({
      method: 'POST',
      path: '/iclock/cdata',
      query: { SN: FRONT, table: 'ATTLOG', Stamp: '1' },
      body: '1001\t2026-11-25 08:00:00\t0\t1\t0\t0\t0\n',
    });
    expect(upload.body).toBe('OK: 1');
    const reply = await portal.browser.post(PROFILE, { ...stored, badge: '1010', confirmedBadge: '1010' });
    expect(reply.status).toBe(303);
    expect(commandsFor(portal, FRONT).slice(0, 2)).toEqual([
      'DATA DELETE USERINFO PIN=1001',
      expect.stringMatching(/^DATA UPDATE USERINFO PIN=1010\t/),
    ]);
    expect(portal.cloud.portal.punches({ employeeId: 'E1001', limit: 10 })).toMatchObject([{ pin: '1001' }]);
  });

  it('shows each field’s message beside it, with the values sent kept and marked unsaved', async () => {
    const portal = await withMuller();
    const reply = await portal.browser.post(PROFILE, { ...stored, badge: '', card: '12ab', nonSecure: 'maybe' });
    expect(reply.status).toBe(400);
    expect(
      missingFrom(reply.html, [
        'aria-describedby="badge-help badge-error"',
        '<p id="badge-error" class="field-error">Badge # must be 1–24 letters or digits</p>',
        'aria-describedby="card-help card-error"',
        '<p id="card-error" class="field-error">Card number must be a decimal card number',
        '<p id="nonSecure-error" class="field-error">Non-secure must be On or Off</p>',
        'value="12ab"',
        '<p id="unsaved" class="unsaved" role="status">Unsaved changes</p>',
      ]),
    ).toEqual([]);
    expect(commandsFor(portal, FRONT)).toEqual([]);
  });

  it('shows a read-only account the profile without Save, and refuses its post with 403', async () => {
    const portal = await withMuller();
    const reader = portal.client();
    await reader.signIn(READER);
    const page = await reader.get(PROFILE);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Jürgen Müller</h1>');
    expect(page.html).not.toContain('>Save</button>');
    expect(page.html).not.toContain('aria-label="Edit clocks"');
    const refused = await reader.post(PROFILE, { ...stored, nonSecure: 'on' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('only a SysAdmin may change this');
    expect(commandsFor(portal, FRONT)).toEqual([]);
  });
});

describe('the clock selection and Add/Remove', () => {
  it('lists every registered clock with a check box, its name and online state, and Add/Remove', async () => {
    const { browser } = await withMuller();
    const page = await browser.get(`${PROFILE}/clocks`);
    expect(page.html).toContain('id="sel-clock-TC1A000001" name="clocks" value="TC1A000001" checked');
    expect(page.html).toMatch(/id="sel-clock-TC1A000002" name="clocks" value="TC1A000002" aria-describedby/);
    expect(page.html).toContain('<span class="sn">TC1A000002</span> Warehouse');
    expect(page.html).toContain('<button type="submit" class="primary">Add/Remove</button>');
  });

  it('removes the employee from an unchecked clock, and sends a fresh copy when it is checked again', async () => {
    const portal = await withMuller();
    const removed = await portal.browser.post(`${PROFILE}/clocks`, {});
    expect(removed).toMatchObject({ status: 303, location: PROFILE });
    expect(commandsFor(portal, FRONT)).toEqual(['DATA DELETE USERINFO PIN=1001']);
    expect((await portal.browser.get(PROFILE)).html).toContain(
      'Add/Remove done. Removed from TC1A000001. 1 command queued for TC1A000001.',
    );
    await portal.browser.post(`${PROFILE}/clocks`, { clocks: [FRONT] });
    expect(commandsFor(portal, FRONT).slice(1)).toEqual([
      'DATA DELETE USERINFO PIN=1001',
      expect.stringMatching(/^DATA UPDATE USERINFO PIN=1001\t/),
      expect.stringMatching(/^DATA UPDATE FINGERTMP PIN=1001\tFID=5/),
      expect.stringMatching(/^DATA UPDATE FINGERTMP PIN=1001\tFID=6/),
    ]);
  });

  it('refuses a clock that is not registered, with the message on the selection page', async () => {
    const { browser } = await withMuller();
    const reply = await browser.post(`${PROFILE}/clocks`, { clocks: [FRONT, 'TC9Z999999'] });
    expect(reply.status).toBe(400);
    expect(reply.html).toContain('Clocks not registered: TC9Z999999');
  });
});

describe('fingerprints', () => {
  it('removes one finger after a confirmation, from the portal and the assigned clocks', async () => {
    const portal = await withMuller();
    const confirm = await portal.browser.get(`${PROFILE}/fingerprints/6/remove`);
    expect(confirm.html).toContain('Remove the right index fingerprint of Jürgen Müller?');
    const reply = await portal.browser.post(`${PROFILE}/fingerprints/6/remove`, {});
    expect(reply).toMatchObject({ status: 303, location: PROFILE });
    expect(commandsFor(portal, FRONT)).toEqual(['DATA DELETE FINGERTMP PIN=1001\tFID=6']);
    const page = await portal.browser.get(PROFILE);
    expect(page.html).toContain('Right index fingerprint removed. 1 command queued for TC1A000001.');
    expect(page.html).not.toContain('Remove right index fingerprint');
    expect(page.html).toContain('Remove right thumb fingerprint');
  });

  it('enrolls a finger remotely on a chosen assigned clock with ENROLL_FP', async () => {
    const portal = await withMuller();
    const reply = await portal.browser.post(`${PROFILE}/enroll`, { fid: '3', sn: FRONT }, PROFILE);
    expect(reply.status).toBe(303);
    expect(commandsFor(portal, FRONT)).toEqual(['ENROLL_FP PIN=1001\tFID=3\tRETRY=3\tOVERWRITE=0']);
    expect((await portal.browser.get(PROFILE)).html).toContain(
      'Enrollment of the left index finger queued for TC1A000001',
    );
  });

  it('refuses to enroll on a clock the employee is not assigned to, beside the clock field', async () => {
    const portal = await withMuller();
    const reply = await portal.browser.post(`${PROFILE}/enroll`, { fid: '3', sn: BACK }, PROFILE);
    expect(reply.status).toBe(400);
    expect(reply.html).toContain('<p id="enroll-sn-error" class="field-error">TC1A000002 is not one of the employee');
    expect(commandsFor(portal, BACK)).toEqual([]);
  });
});
