// The Punches page: filters by date, employee (ID or name) and clock, each punch linked to its employee,
// paging, and the CSV export with the same filters, quoted and safe to open in a spreadsheet.
import { describe, expect, it } from 'vitest';
import type { NewEmployee } from '../../src/cloud/types.js';
import { startPortal } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

const EMPLOYEES: NewEmployee[] = [
  { employeeId: 'E-1', firstName: 'Ana', lastName: 'Lopez', badge: '1001' },
  { employeeId: 'E-2', firstName: 'Ben', lastName: 'Okafor', badge: '1002' },
  { employeeId: 'E-3', firstName: 'Ana', lastName: 'Lopes', badge: '1003' },
];

/** Two clocks; punches on two days by three employees; a SysAdmin's browser signed in. */
async function withPunches() {
  const portal = await startPortal();
  for (const e of EMPLOYEES) portal.cloud.portal.createEmployee(e);
  const front = await onlineClock(portal, 'TC1A000001');
  const back = await onlineClock(portal, 'TC1A000002');
  await front.uploadPunches([
    '1001\t2026-11-24 08:01:00\t0\t1\t0\t0\t0',
    '1002\t2026-11-25 08:02:00\t0\t4\t0\t0\t0',
    '1001\t2026-11-25 17:00:00\t1\t0\t0\t0\t0',
  ]);
  await back.uploadPunches(['1003\t2026-11-25 09:00:00\t2\t1\t0\t0\t0']);
  const browser = portal.client();
  await browser.signIn();
  return browser;
}

function rows(html: string): string[] {
  return [...html.matchAll(/<tr data-punch="\d+">(.*?)<\/tr>/gs)].map((m) => m[1]!);
}

describe('the punches page', () => {
  it('links each punch to its employee’s profile and says its clock, time, status and verify method', async () => {
    const browser = await withPunches();

    const page = await browser.get('/punches');

    const found = rows(page.html);
    expect(found).toHaveLength(4);
    expect(found[1]).toContain('<td>2026-11-25 08:02:00</td>');
    expect(found[1]).toContain('<a href="/employees/E-2">Ben Okafor</a>');
    expect(found[1]).toContain('<td>1002</td>');
    expect(found[1]).toContain('<a href="/clocks/TC1A000001">TC1A000001</a>');
    expect(found[1]).toContain('<td>in</td><td>card</td>');
    expect(found[3]).toContain('<td>break out</td><td>fingerprint</td>');
  });

  it.each([
    ['a date range of the clocks’ local dates', '?from=2026-11-24&to=2026-11-24', ['2026-11-24 08:01:00']],
    ['employee ID', '?employee=E-1', ['/employees/E-1', '/employees/E-1']],
    ['a name that finds one employee', '?employee=okafor', ['/employees/E-2']],
    ['clock', '?sn=TC1A000002', ['/employees/E-3']],
  ])('filters by %s', async (_filter, query, expected) => {
    const browser = await withPunches();

    const page = await browser.get(`/punches${query}`);

    expect(rows(page.html)).toEqual(expected.map((text) => expect.stringContaining(text)));
  });

  it('offers the employees a name matches when it matches several, and no punches until one is chosen', async () => {
    const browser = await withPunches();

    const page = await browser.get('/punches?employee=ana&from=2026-11-25');

    expect(rows(page.html)).toEqual([]);
    expect(page.html).toContain('Several employees match “ana”');
    expect(page.html).toContain('href="/punches?from=2026-11-25&amp;employee=E-1"');
    expect(page.html).toContain('href="/punches?from=2026-11-25&amp;employee=E-3"');
  });

  it('refuses a date that is not one, saying which field', async () => {
    const browser = await withPunches();

    const page = await browser.get('/punches?from=2026-02-30');

    expect(page.status).toBe(400);
    expect(page.html).toContain('From must be a date as YYYY-MM-DD, got “2026-02-30”');
  });

  it('pages through many punches, fifty at a time', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, 'TC1A000001');
    const lines = Array.from(
      { length: 60 },
      (_, i) => `1001\t2026-11-25 08:${String(i).padStart(2, '0')}:00\t0\t1\t0\t0\t0`,
    );
    await clock.uploadPunches(lines);
    const browser = portal.client();
    await browser.signIn();

    const first = await browser.get('/punches');
    const nextHref = /<a href="(\/punches\?after=\d+)">Next page<\/a>/.exec(first.html)?.[1];
    const second = await browser.get(nextHref!);

    expect(rows(first.html)).toHaveLength(50);
    expect(rows(second.html)).toHaveLength(10);
    expect(rows(second.html)[0]).toContain('2026-11-25 08:50:00');
    expect(second.html).not.toContain('Next page');
  });
});

describe('the punches CSV export', () => {
  it('answers text/csv as an attachment, with the page’s filters', async () => {
    const browser = await withPunches();

    const csv = await browser.get('/punches.csv?from=2026-11-25&employee=E-1');

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="punches-from-2026-11-25.csv"');
    const records = csv.html.split('\r\n');
    expect(records[0]).toBe(
      'punch id,time (clock local),employee id,employee name,pin,clock serial number,clock name,status,verified by,received (UTC),' +
        'correction,time as the clock sent it,status as the clock sent it,reason,corrected by,corrected at (UTC)',
    );
    expect(records.slice(1, -1)).toEqual([
      '3,2026-11-25 17:00:00,E-1,Ana Lopez,1001,TC1A000001,TC1A000001,out,PIN / password,2026-11-25T08:00:00.000Z,,,,,,',
    ]);
  });

  it('quotes names with commas and quotes, and neutralises formulas a clock or a name could carry', async () => {
    const portal = await startPortal();
    portal.cloud.portal.createEmployee({
      employeeId: 'E-9',
      firstName: '=HYPERLINK("http://evil.example","pay")',
      lastName: 'Lopez, "Ana"',
      badge: '1009',
    });
    portal.cloud.registerClock('TC1A000003', '@Front door');
    const clock = await onlineClock(portal, 'TC1A000003');
    await clock.uploadPunches(['1009\t2026-11-25 08:00:00\t0\t1\t0\t0\t0']);
    const browser = portal.client();
    await browser.signIn();

    const csv = await browser.get('/punches.csv');

    const record = csv.html.split('\r\n')[1];
    expect(record).toBe(
      `1,2026-11-25 08:00:00,E-9,"'=HYPERLINK(""http://evil.example"",""pay"") Lopez, ""Ana""",1009,TC1A000003,'@Front door,in,fingerprint,2026-11-25T08:00:00.000Z,,,,,,`,
    );
  });

  it('links the export from the page with the filters shown', async () => {
    const browser = await withPunches();

    const page = await browser.get('/punches?sn=TC1A000002&to=2026-11-30');

    expect(page.html).toContain('href="/punches.csv?to=2026-11-30&amp;sn=TC1A000002"');
  });
});
