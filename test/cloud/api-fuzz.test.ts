// Property: whatever a caller sends to the API — any method, any route with any segment, any query, any
// body and content type — the answer is a 2xx or a 4xx with a message, never a 5xx, and the cloud goes on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_TOKEN, startCloud } from './harness.js';

const ROUTES = [
  '/api/health',
  '/api/me',
  '/api/employees',
  '/api/employees/:id',
  '/api/employees/:id/clocks',
  '/api/employees/:id/add-remove',
  '/api/clocks',
  '/api/clocks/:id',
  '/api/clocks/:id/commands',
  '/api/clocks/:id/reupload',
  '/api/clocks/:id/operations',
  '/api/commands/:id',
  '/api/punches',
  '/api/faults',
  '/api/nothing/:id',
];

const segment = fc.oneof(
  fc.constantFrom('E1001', 'TC1A000001', '1', '__proto__', 'constructor', '%00', '..', '%ZZ'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const query = fc
  .dictionary(
    fc.constantFrom('q', 'limit', 'offset', 'state', 'from', 'to', 'after', 'sn', 'pin', 'employeeId', 'x'),
    fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constant('2026-13-45 99:99:99')),
  )
  .map((q) => new URLSearchParams(q).toString());
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        employeeId: fc.string({ maxLength: 40 }),
        lastName: fc.string({ maxLength: 80 }),
        badge: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('1001')),
        role: fc.oneof(fc.constantFrom('user', 'manager', 'administrator'), fc.string()),
        nonSecure: fc.anything(),
        clocks: fc.oneof(fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }), fc.anything()),
        templates: fc.array(fc.record({ fid: fc.integer({ min: -2, max: 12 }), template: fc.string() }), {
          maxLength: 3,
        }),
        text: fc.string({ maxLength: 80 }),
        command: fc.anything(),
        forMs: fc.integer(),
        status500: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
);
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  route: fc.constantFrom(...ROUTES),
  id: segment,
  query,
  body: fc.option(body, { nil: undefined }),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    '',
  ),
});

describe('the API under fuzzing', () => {
  it('answers every request with a 2xx or a 4xx carrying a message, never a 5xx', async () => {
    const { cloud } = await startCloud({ autoRegister: true });
    cloud.registerClock('TC1A000001');
    cloud.portal.createEmployee({
      employeeId: 'E1001',
      firstName: 'Ana',
      lastName: 'Lopez',
      badge: '1001',
      clocks: ['TC1A000001'],
    });
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        // go-away would close the cloud under the fuzzer: it has its own test.
        const path = r.route.replace(':id', r.id).replace('/api/faults/go-away', '/api/faults');
        const answer = await cloud.handle({
          method: r.method as 'GET',
          path: `${path}${r.query === '' ? '' : `?${r.query}`}`,
          headers: {
            authorization: `Bearer ${TEST_TOKEN}`,
            ...(r.contentType === '' ? {} : { 'content-type': r.contentType }),
          },
          ...(r.body === undefined || r.method === 'GET' ? {} : { body: r.body }),
        });
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${r.method} ${path} → ${answer.body}`).toBeLessThan(500);
        if (answer.status >= 400) expect(JSON.parse(answer.body)).toHaveProperty('error');
        cloud.faults.clear();
      }),
      { numRuns: 1_500 },
    );
    // The fuzzer reached the routes, not only the refusals: successes and each kind of 4xx were seen.
    for (const status of [200, 400, 404, 405, 415]) expect(seen.get(status), `status ${status}`).toBeGreaterThan(0);
    expect((await cloud.handle({ method: 'GET', path: '/iclock/ping?SN=TC1A000001' })).body).toBe('OK');
  }, 120_000);

  it('answers an employee with any list of fingerprints with a 201 or a 400, never a 5xx', async () => {
    const { cloud } = await startCloud();
    const template = fc.record({
      fid: fc.integer({ min: -1, max: 10 }),
      template: fc.oneof(fc.base64String({ minLength: 4, maxLength: 24 }), fc.string({ maxLength: 8 })),
      valid: fc.boolean(),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(template, { maxLength: 4 }), async (templates) => {
        n++;
        const body = JSON.stringify({ employeeId: `F${n}`, lastName: 'Finger', badge: String(5000 + n), templates });
        const answer = await cloud.handle({
          method: 'POST',
          path: '/api/employees',
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
          body,
        });
        expect([201, 400], `${body} → ${answer.body}`).toContain(answer.status);
      }),
      { numRuns: 300 },
    );
  });
});
