// Timesheets over HTTP: a clock uploads a scripted week over the wire, and the week page, the employee's
// printable week and the CSV say the hours the rules give, with the missing punches flagged.
import { describe, expect, it } from 'vitest';
import { scriptedAttlog, SCRIPTED_MONDAY, SCRIPTED_TOTAL } from '../fixtures/timesheet-week.js';
import { FRONT, withMuller } from './employee-fixtures.js';
import { READER } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

/** The portal with Ana Lopez's (badge 2002) scripted week uploaded by the front clock. */
async function withAnasWeek() {
  const portal = await withMuller();
  const clock = await onlineClock(portal, FRONT);
  expect(await clock.uploadPunches(scriptedAttlog('2002'))).toMatch(/^OK: 16/);
  return portal;
}

/** The text of each cell of the row of one employee in the week table. */
function rowCells(html: string, employeeId: string): string[] {
  const row = new RegExp(`<tr data-employee="${employeeId}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
  return [...row.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('the Timesheets pages', () => {
  it('shows each employee’s hours per day and for the week, flagging missing punches', async () => {
    const { browser } = await withAnasWeek();

    const page = await browser.get(`/timesheets?week=${SCRIPTED_MONDAY}`);

    expect(page.status).toBe(200);
    const [name, ...hours] = rowCells(page.html, 'E2002');
    expect(name).toBe('Ana Lopez');
    // Thursday has no punch at all: a dash rather than 0:00.
    expect(hours).toEqual(['8:30', '8:45', '8:15', '–', '8:20', '0:00 missing out', '0:00 missing in', SCRIPTED_TOTAL]);
    expect(rowCells(page.html, 'E1001').at(-1)).toBe('0:00');
    expect(page.html).toContain('A pair counts to the day and the week of its in');
  });

  it('takes any day of the week and shows the week from its Monday', async () => {
    const { browser } = await withAnasWeek();

    const page = await browser.get('/timesheets?week=2026-11-27');

    expect(page.html).toContain('value="2026-11-23"');
    expect(rowCells(page.html, 'E2002').at(-1)).toBe(SCRIPTED_TOTAL);
  });

  it('lists one employee’s in/out pairs, the night shift ending the next day', async () => {
    const { browser } = await withAnasWeek();

    const page = await browser.get(`/timesheets/E2002?week=${SCRIPTED_MONDAY}`);

    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Timesheet of Ana Lopez</h1>');
    expect(page.html).toContain(`<strong>${SCRIPTED_TOTAL} hours</strong>, 2 missing punches`);
    const wednesday = /<tbody data-day="2026-11-25">(.*?)<\/tbody>/s.exec(page.html)?.[1] ?? '';
    expect(wednesday).toContain('<td>22:00</td><td>06:15 (2026-11-26)</td><td class="number">8:15</td>');
    expect(page.html).toContain('<td class="missing">missing out</td>');
  });

  it('exports the period as CSV, a row per employee and day, hours in decimals', async () => {
    const { browser } = await withAnasWeek();

    const csv = await browser.get(`/timesheets.csv?from=${SCRIPTED_MONDAY}&to=2026-11-29&employee=lopez`);

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="timesheets-2026-11-23-to-2026-11-29.csv"',
    );
    expect(csv.html.split('\r\n')).toEqual([
      'employee id,employee name,date (clock local),weekday,pairs (in-out),minutes,hours,missing punches',
      'E2002,Ana Lopez,2026-11-23,Mon,08:00-16:30,510,8.50,',
      'E2002,Ana Lopez,2026-11-24,Tue,08:00-12:00 12:30-17:15,525,8.75,',
      'E2002,Ana Lopez,2026-11-25,Wed,22:00-06:15,495,8.25,',
      'E2002,Ana Lopez,2026-11-27,Fri,09:00-13:00 14:00-18:20,500,8.33,',
      'E2002,Ana Lopez,2026-11-28,Sat,,0,0.00,out beside 07:00',
      'E2002,Ana Lopez,2026-11-29,Sun,,0,0.00,in beside 10:00',
      '',
    ]);
  });

  it('lets a read-only account read timesheets', async () => {
    const portal = await withAnasWeek();
    const reader = portal.client();
    await reader.signIn(READER);

    expect((await reader.get(`/timesheets/E2002?week=${SCRIPTED_MONDAY}`)).status).toBe(200);
  });

  it('refuses a period that is not dates, or longer than a year, naming what is wrong', async () => {
    const { browser } = await withAnasWeek();

    const reversed = await browser.get('/timesheets.csv?from=2026-11-29&to=2026-11-23');
    const long = await browser.get('/timesheets.csv?from=2025-01-01&to=2026-12-31');
    const week = await browser.get('/timesheets?week=yesterday');

    expect(reversed.status).toBe(400);
    expect(reversed.html).toContain('from must be on or before to');
    expect(long.status).toBe(400);
    expect(week.status).toBe(400);
    expect(week.html).toContain('Week of must be a date as YYYY-MM-DD, got “yesterday”.');
  });

  it('answers 404 for an employee that does not exist', async () => {
    const { browser } = await withAnasWeek();

    const page = await browser.get('/timesheets/NOPE');

    expect(page.status).toBe(404);
    expect(page.html).toContain('There is no employee with ID NOPE.');
  });
});
