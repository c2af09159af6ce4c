// Punch corrections over HTTP: a clock uploads Ana's scripted week over the wire; a SysAdmin voids, corrects
// and adds punches in the portal and through the API, each with a reason; the clock's punch stays as sent,
// the list strikes it through beside the correction, the CSVs and the timesheet use the corrected values.
import { describe, expect, it } from 'vitest';
import { scriptedAttlog, SCRIPTED_MONDAY, SCRIPTED_TOTAL } from '../fixtures/timesheet-week.js';
import { FRONT, withMuller } from './employee-fixtures.js';
import { READER } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

const TOKEN = 'corrections-test-token-0123456789';

async function withAnasWeek() {
  const portal = await withMuller({ token: TOKEN });
  const clock = await onlineClock(portal, FRONT);
  expect(await clock.uploadPunches(scriptedAttlog('2002'))).toMatch(/^OK: 16/);
  const punches = portal.cloud.store.punches.query({ employeeId: 'E2002', limit: 100 });
  return { ...portal, punches };
}

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The week's total on the employee's timesheet page. */
async function weekTotal(browser: { get(path: string): Promise<{ html: string }> }): Promise<string> {
  const page = await browser.get(`/timesheets/E2002?week=${SCRIPTED_MONDAY}`);
  return /<strong>([\d:]+) hours<\/strong>/.exec(page.html)?.[1] ?? '';
}

describe('punch corrections', () => {
  it('voids a punch in the portal with a reason: struck through in the list, left out of the timesheet', async () => {
    const { browser, punches } = await withAnasWeek();
    // Monday's 08:00 in: voided, Monday's out has no in and the day counts nothing.
    const first = punches.find((p) => p.time === Date.UTC(2026, 10, 23, 8))!;
    const before = await weekTotal(browser);

    const voided = await browser.post(
      `/punches/${first.id}/void`,
      { reason: 'pressed <b>twice</b>' },
      `/punches/${first.id}/correct`,
    );

    expect(before).toBe(SCRIPTED_TOTAL);
    expect(voided.status).toBe(303);
    expect(voided.location).toBe('/punches?employee=E2002');
    const list = await browser.get('/punches?employee=E2002');
    const row = new RegExp(`<tr data-punch="${first.id}"[^>]*>(.*?)</tr>`, 's').exec(list.html)?.[1] ?? '';
    expect(row).toContain('<del>');
    expect(row).toContain('void');
    expect(row).toContain('“pressed &lt;b>twice&lt;/b>” — account:sysadmin');
    expect(row).not.toContain('<b>');
    expect(await weekTotal(browser)).toBe('25:20');
  });

  it('keeps the clock’s punch as sent, and its CSV row gives the corrected time beside the original', async () => {
    const { browser, punches, cloud } = await withAnasWeek();
    const first = punches[0]!;

    const done = await browser.post(
      `/punches/${first.id}/correct`,
      { time: '2026-11-23T07:00', status: '0', reason: 'clock ran late' },
      `/punches/${first.id}/correct`,
    );

    expect(done.status).toBe(303);
    expect(cloud.store.punches.get(first.id)).toEqual(first);
    const csv = await browser.get('/punches.csv?employee=E2002');
    const line = csv.html.split('\r\n').find((l) => l.startsWith(`${first.id},`)) ?? '';
    expect(line).toContain(',2026-11-23 07:00:00,');
    expect(line).toContain(',corrected,');
    expect(line).toContain('clock ran late,account:sysadmin');
  });

  it('adds a missed punch, refuses one without a reason, and marks it in the timesheet CSV', async () => {
    const { browser } = await withAnasWeek();
    const form = `/employees/E2002/punches/new`;

    const refused = await browser.post(form, { time: '2026-11-29T10:00', status: '0', reason: ' ' });
    const added = await browser.post(form, { time: '2026-11-29T13:00', status: '0', reason: 'forgot' });
    const out = await browser.post(form, { time: '2026-11-29T15:00', status: '1', reason: 'forgot' });

    expect(refused.status).toBe(400);
    expect(refused.html).toContain('a reason is required');
    expect([added.status, out.status]).toEqual([303, 303]);
    const list = await browser.get('/punches?employee=E2002');
    expect(list.html).toContain('Punches added by an administrator');
    const csv = await browser.get(`/timesheets.csv?from=2026-11-29&to=2026-11-29&employee=E2002`);
    expect(csv.html).toContain('"13:00-15:00 (in added, out added)",120,2.00,in beside 10:00');
  });

  it('refuses corrections to a read-only account and to a form without its CSRF token', async () => {
    const { punches, client } = await withAnasWeek();
    const admin = client();
    await admin.signIn();
    const reader = client();
    await reader.signIn(READER);

    const page = await reader.get(`/punches/${punches[0]!.id}/correct`);
    const noToken = await admin.post(`/punches/${punches[0]!.id}/void`, { reason: 'x', _csrf: 'forged' });

    expect(page.status).toBe(403);
    expect(noToken.status).toBe(403);
  });

  it('corrects, voids and adds through the API, and lists each punch with its correction', async () => {
    const { url, punches } = await withAnasWeek();
    const [first, second] = punches;

    const corrected = await api(url, 'POST', `/api/punches/${first!.id}/correction`, { status: 4, reason: 'overtime' });
    const voided = await api(url, 'POST', `/api/punches/${second!.id}/void`, { reason: 'double' });
    const again = await api(url, 'POST', `/api/punches/${second!.id}/void`, { reason: 'double' });
    const added = await api(url, 'POST', '/api/employees/E2002/punches', {
      time: '2026-11-29 10:00',
      status: 0,
      reason: 'forgot',
    });
    const noReason = await api(url, 'POST', '/api/employees/E2002/punches', { time: '2026-11-29 10:00', status: 0 });
    const listed = await api(url, 'GET', `/api/punches?employeeId=E2002&limit=2`);
    const history = await api(url, 'GET', `/api/punches/${added.json.id}/corrections`);

    expect(corrected).toMatchObject({ status: 200, json: { id: first!.id, status: 4, mark: 'corrected' } });
    expect(voided).toMatchObject({ status: 200, json: { mark: 'void' } });
    expect(again.status).toBe(409);
    expect(added).toMatchObject({
      status: 201,
      json: { employeeId: 'E2002', time: '2026-11-29 10:00:00', mark: 'added' },
    });
    expect(added.json.id).toBeLessThan(0);
    expect(noReason.status).toBe(400);
    expect(listed.json).toMatchObject([
      {
        id: first!.id,
        status: first!.status,
        correction: { kind: 'corrected', status: 4, by: 'token:(configured token)' },
      },
      { id: second!.id, correction: { kind: 'void', reason: 'double' } },
    ]);
    expect(history.json).toMatchObject({ corrections: [{ kind: 'added', reason: 'forgot' }] });
  });
});
