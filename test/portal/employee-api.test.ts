// The employee's life in the JSON API, with a bearer token: the CSV import's dry run lists the bad rows
// and writes nothing; the import adds the good ones; a rename answers the new name.
import { describe, expect, it } from 'vitest';
import { FRONT, withMuller } from './employee-fixtures.js';

const TOKEN = 'portal-api-test-token-0123456789';
const CSV = [
  'employee id,first name,last name,badge,clocks',
  `E7,Eve,Web,7007,${FRONT}`,
  `E8,Bo,Bad,1001,${FRONT}`,
].join('\n');

async function api(url: string, method: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the employee’s life in the JSON API', () => {
  it('lists the bad rows of a dry run and writes nothing, then imports the good ones', async () => {
    const { cloud, url } = await withMuller({ token: TOKEN });

    const dry = await api(url, 'POST', '/api/employees/import', { csv: CSV, dryRun: true });
    const afterDry = cloud.store.employees.get('E7');
    const done = await api(url, 'POST', '/api/employees/import', { csv: CSV });

    expect(dry).toEqual({
      status: 200,
      json: { good: 1, bad: [{ line: 3, employeeId: 'E8', errors: ['badge 1001 is E1001’s'] }] },
    });
    expect(afterDry).toBeUndefined();
    expect(done.status).toBe(201);
    expect(done.json.added).toBe(1);
    expect(cloud.store.employees.get('E7')?.clocks).toEqual([FRONT]);
  });

  it('renames an employee', async () => {
    const { cloud, url } = await withMuller({ token: TOKEN });

    const renamed = await api(url, 'PUT', '/api/employees/E2002/name', { firstName: 'Ana', lastName: 'López' });

    expect(renamed).toEqual({ status: 200, json: { employeeId: 'E2002', firstName: 'Ana', lastName: 'López' } });
    expect(cloud.store.employees.get('E2002')?.lastName).toBe('López');
  });
});
