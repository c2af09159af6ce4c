// Employees → Import from CSV over HTTP: a 500-row file with 3 bad rows shows the three with why and
// writes nothing; Add then writes the 497 good ones and queues their profiles for their clocks.
import { describe, expect, it } from 'vitest';
import { FRONT, withMuller } from './employee-fixtures.js';
import { READER } from './portal-harness.js';

const HEADER = 'employee id,first name,last name,badge,clocks,non-secure,role';

/** 500 rows: E5000…E5499, badges 50000…, on the front clock; line 2 is the first row. */
function fiveHundredRows(): string[] {
  return Array.from({ length: 500 }, (_, i) => `E${5000 + i},Worker,"Number ${i}, Jr.",${50000 + i},${FRONT},no,user`);
}

function withThreeBad(): string {
  const rows = fiveHundredRows();
  rows[9] = `E5009,Worker,Nine,1001,${FRONT},no,user`; // line 11: Müller's badge
  rows[199] = `E5199,Worker,Two,50199,TC9Z999999,no,user`; // line 201: no such clock
  rows[449] = `E5000,Worker,Again,50449,${FRONT},maybe,user`; // line 451: ID of line 2, non-secure maybe
  return [HEADER, ...rows].join('\r\n');
}

function badLines(html: string): string[] {
  return [...html.matchAll(/<tr data-line="(\d+)">(.*?)<\/tr>/gs)].map(
    (m) => `${m[1]}: ${m[2]!.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')}`,
  );
}

describe('importing employees from CSV', () => {
  it('shows the three bad rows of 500 with why, and writes nothing', async () => {
    const portal = await withMuller();
    const before = portal.cloud.store.employees.countMatching('');
    const commandsBefore = portal.cloud.store.commands.list({ limit: 100_000 }).length;

    const preview = await portal.browser.post('/employees/import', { csv: withThreeBad() }, '/employees/import');

    expect(preview.status).toBe(200);
    expect(preview.html).toContain('497 rows to add, 3 with errors');
    expect(badLines(preview.html)).toEqual([
      '11: |11|E5009|Worker Nine|badge 1001 is E1001’s|',
      '201: |201|E5199|Worker Two|no clock with serial number TC9Z999999|',
      '451: |451|E5000|Worker Again|non-secure must be yes or no, got “maybe”; employee ID E5000 is also on line 2|',
    ]);
    expect(preview.html).toContain('Add 497 employees');
    expect(portal.cloud.store.employees.countMatching('')).toBe(before);
    expect(portal.cloud.store.commands.list({ limit: 100_000 })).toHaveLength(commandsBefore);
  });

  it('adds the 497 good rows when confirmed, each sent to its clock', async () => {
    const portal = await withMuller();
    const before = portal.cloud.store.employees.countMatching('');

    const added = await portal.browser.post('/employees/import/confirm', { csv: withThreeBad() }, '/employees/import');
    const list = await portal.browser.get('/employees');

    expect(added.status).toBe(303);
    expect(list.html).toContain('Imported 497 employees. 3 rows were left out.');
    expect(portal.cloud.store.employees.countMatching('')).toBe(before + 497);
    expect(portal.cloud.store.employees.get('E5001')?.lastName).toBe('Number 1, Jr.');
    expect(portal.cloud.store.employees.get('E5009')).toBeUndefined();
    expect(portal.cloud.store.employees.get('E5000')?.lastName).toBe('Number 0, Jr.');
    const queued = portal.cloud.store.commands.list({ sn: FRONT, limit: 100_000 });
    expect(queued.filter((c) => c.command.kind === 'update-user' && c.command.user.pin === '50001')).toHaveLength(1);
  });

  it('names what is wrong with a file that is not a CSV of these columns', async () => {
    const portal = await withMuller();

    const noBadge = await portal.browser.post(
      '/employees/import',
      { csv: 'employee id,first name,last name\nE1,A,B' },
      '/employees/import',
    );

    expect(noBadge.status).toBe(400);
    expect(noBadge.html).toContain('the header row lacks badge');
  });

  it('refuses a read-only account', async () => {
    const portal = await withMuller();
    const reader = portal.client();
    await reader.signIn(READER);

    const page = await reader.get('/employees/import');

    expect(page.status).toBe(403);
  });
});
