// The audit log in the portal and the API over loopback HTTP: who changed what, filtered by actor, kind,
// days and text, paged, exported as CSV; names escaped as on every page; kept to its bound.
import { describe, expect, it } from 'vitest';
import { create, FRONT, MULLER_IN, rename, withMuller, withMullerPunched } from './employee-fixtures.js';
import { READER, SYSADMIN } from './portal-harness.js';

describe('the audit log page', () => {
  it('shows who changed what, before and after, and says how many changes it keeps', async () => {
    const portal = await withMuller();
    await rename(portal.browser, 'E2002', 'Ana', 'Lopez-Diaz');

    const page = await portal.browser.get('/audit');

    expect(page.status).toBe(200);
    expect(page.html).toContain('The log keeps the newest 100,000 changes');
    expect(page.html).toContain('<td>sysadmin (account)</td><td>employee E2002</td><td>renamed</td>');
    expect(page.html).toContain('<div>lastName: Lopez → Lopez-Diaz</div>');
  });

  it('filters by who, what, days and text; a clock’s punches are one row per upload', async () => {
    const { portal } = await withMullerPunched(MULLER_IN, '1001\t2026-11-25 12:00:00\t1\t1\t0\t0\t0');
    portal.time.now += 2 * 86_400_000;
    await portal.browser.signIn();
    await portal.browser.post('/employees/E3003/delete', {}, '/employees/E3003/delete');

    const byClock = await portal.browser.get(`/audit?actor=${FRONT}`);
    const punches = await portal.browser.get('/audit?kind=punch');
    const later = await portal.browser.get('/audit?from=2026-11-27');
    const text = await portal.browser.get('/audit?q=anderson');
    const bad = await portal.browser.get('/audit?from=2026-02-30');

    expect(rowsOf(byClock.html)).toEqual([`${FRONT} (clock)|punch ${FRONT}|2 punches uploaded (of 2 sent)`]);
    expect(rowsOf(punches.html)).toEqual(rowsOf(byClock.html));
    expect(rowsOf(later.html)).toEqual(['sysadmin (account)|employee E3003|deleted']);
    expect(rowsOf(text.html)).toContain('sysadmin (account)|employee E3003|deleted');
    expect(rowsOf(text.html)).toContain('cloud (the cloud itself)|employee E3003|created');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('from must be a day as YYYY-MM-DD');
  });

  it('pages newest first, 50 at a time', async () => {
    const portal = await withMuller();
    for (let i = 0; i < 60; i++)
      create(portal, { employeeId: `P${i}`, firstName: 'P', lastName: `Person ${i}`, badge: `5${i}` });

    const first = await portal.browser.get('/audit?kind=employee');
    const second = await portal.browser.get('/audit?kind=employee&offset=50');

    expect(rowsOf(first.html)).toHaveLength(50);
    expect(rowsOf(first.html)[0]).toBe('cloud (the cloud itself)|employee P59|created');
    expect(first.html).toContain('href="/audit?kind=employee&amp;offset=50">Older</a>');
    expect(rowsOf(second.html)).toHaveLength(13);
    expect(second.html).toContain('href="/audit?kind=employee&amp;offset=0">Newer</a>');
  });

  it('exports the same filters as CSV, formulas made plain text', async () => {
    const portal = await withMuller();
    await rename(portal.browser, 'E2002', '=cmd', 'Lopez');

    const csv = await portal.browser.get('/audit.csv?actor=sysadmin');

    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.html.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,when (UTC),actor kind,actor,kind,subject,action,changes,before,after');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',account,sysadmin,employee,E2002,renamed,firstName: Ana → =cmd,');
  });

  it('escapes what people and clocks typed', async () => {
    const portal = await withMuller();
    create(portal, { employeeId: 'X1', firstName: '<script>alert(1)</script>', lastName: 'X', badge: '77' });

    const page = await portal.browser.get('/audit?q=script');

    expect(page.html).not.toContain('<script>alert');
    expect(page.html).toContain('firstName: &lt;script>alert(1)&lt;/script>');
  });

  it('is read by a read-only account too, and needs a sign-in', async () => {
    const portal = await withMuller();
    const reader = portal.client();
    await reader.signIn(READER);

    expect((await reader.get('/audit')).status).toBe(200);
    expect((await portal.client().get('/audit')).status).toBe(302);
  });

  it('keeps only the newest rows it is told to keep', async () => {
    const portal = await withMuller({ auditKeep: 5 });
    for (let i = 0; i < 8; i++)
      create(portal, { employeeId: `K${i}`, firstName: 'K', lastName: `Kept ${i}`, badge: `6${i}` });

    const page = await portal.browser.get('/audit');

    expect(page.html).toContain('The log keeps the newest 5 changes');
    expect(rowsOf(page.html).map((r) => r.split('|')[1])).toEqual([
      'employee K7',
      'employee K6',
      'employee K5',
      'employee K4',
      'employee K3',
    ]);
  });
});

describe('GET /api/audit', () => {
  it('answers the entries as JSON with the actor of an API token, filtered and paged', async () => {
    const portal = await withMuller();
    const issued = portal.cloud.accounts.issueToken(SYSADMIN.username, 'hr sync');
    if (!issued.ok) throw new Error(issued.problem.message);
    const auth = { authorization: `Bearer ${issued.value.token}`, 'content-type': 'application/json' };
    await fetch(`${portal.url}/api/employees/E2002/name`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ firstName: 'Ana', lastName: 'Diaz' }),
    });

    const res = await fetch(`${portal.url}/api/audit?actor=hr%20sync&limit=1`, { headers: auth });
    const body = (await res.json()) as { actor: unknown; action: string; before: { lastName: string } }[];
    const bad = await fetch(`${portal.url}/api/audit?kind=nothing`, { headers: auth });

    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(res.headers.get('x-audit-keep')).toBe('100000');
    expect(res.headers.get('link')).toBe('</api/audit?actor=hr+sync&limit=1&offset=1>; rel="next"');
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ actor: { kind: 'token', name: 'hr sync (sysadmin)' }, action: 'renamed' });
    expect(body[0]!.before.lastName).toBe('Lopez');
    expect(bad.status).toBe(400);
  });
});

/** Each row of the audit table as `who|what|change`. */
function rowsOf(html: string): string[] {
  return [
    ...html.matchAll(/<tr data-audit="\d+"><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g),
  ].map((m) => `${m[1]}|${m[2]}|${m[3]}`);
}
