// Every write route leaves one audit row with the right actor: the server's route table is walked (every
// method but GET and HEAD of the PUSH, API and portal faces), each route is called with valid input over
// loopback HTTP, and the new rows are counted. A route without an entry here fails the first test: a new
// write route must either write its audit row or be listed with the reason it changes nothing audited.
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { BACK, FRONT, withMuller } from '../portal/employee-fixtures.js';
import { SYSADMIN } from '../portal/portal-harness.js';
import { onlineClock } from '../portal/wire-clock.js';

type World = Awaited<ReturnType<typeof withMuller>> & { token: string };
type Actor = { kind: string; name: string };

interface Write {
  /** What the route is called with; each call must leave exactly one row. */
  calls: { name: string; run: (w: World) => Promise<unknown>; kind: string; setup?: (w: World) => Promise<unknown> }[];
  actor: (w: World) => Actor;
}

const TOKEN_NAME = 'payroll script';
const asToken = (): Actor => ({ kind: 'token', name: `${TOKEN_NAME} (${SYSADMIN.username})` });
const asAccount = (): Actor => ({ kind: 'account', name: SYSADMIN.username });
const asClock = (): Actor => ({ kind: 'clock', name: FRONT });

/** Routes that cannot write an audit row, with why. */
const NO_AUDIT: Record<string, string> = {
  'POST /iclock/getrequest': 'a poll: it hands out commands (their states live in the queue) and changes no record',
  'POST /iclock/devicecmd': 'the clock’s answers: each command’s state and Return code, kept in its queue',
  'POST /iclock/ping': 'a keep-alive: it moves only the clock’s last-seen time',
  'PUT /api/faults': 'fault injection for tests: in memory, not kept, no employee, clock, account or punch',
  'DELETE /api/faults': 'fault injection for tests: in memory, not kept, no employee, clock, account or punch',
  'POST /api/faults/go-away': 'fault injection for tests: the server closes for a while; nothing is kept',
  'POST /signin': 'a sign-in changes nothing a person set (failures and lock-outs go to the log)',
  'POST /signout': 'a sign-out ends a session; it changes no employee, clock, account or punch',
  'POST /employees/import': 'the import’s preview: it writes nothing (the confirm route does)',
  'POST /employees/assign': 'the assignment’s confirmation page: it writes nothing (the confirm route does)',
};

async function api(w: World, method: string, path: string, body?: unknown) {
  const res = await fetch(`${w.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${w.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function form(w: World, path: string, fields: Record<string, string | string[]>, from: string) {
  const res = await w.browser.post(path, fields, from);
  if (res.status !== 303) throw new Error(`POST ${path}: ${res.status} ${res.html.slice(0, 400)}`);
  return res;
}

async function clockPost(table: string, lines: string[]) {
  return async (w: World) => {
    const clock = await onlineClock(w, FRONT);
    const res = await clock.post('/iclock/cdata', `${lines.join('\n')}\n`, { table, Stamp: '9' });
    if (!res.body.startsWith('OK')) throw new Error(`${table}: ${res.body}`);
  };
}

const finger = simulatedTemplate({ person: '1001', fid: 3 });
const deactivated = (w: World) => api(w, 'POST', '/api/employees/E1001/deactivate');
const pending = (w: World, sn: string) => w.cloud.store.pendingClocks.note(sn, w.time.now, 100);

const WRITES: Record<string, Write> = {
  'POST /iclock/cdata': {
    actor: asClock,
    calls: [
      { name: 'ATTLOG', kind: 'punch', run: await clockPost('ATTLOG', ['1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0']) },
      {
        name: 'OPERLOG user of a new PIN',
        kind: 'employee',
        run: await clockPost('OPERLOG', ['USER PIN=4004\tName=Kim Park\tPri=0\tPasswd=\tCard=\tGrp=1\tTZ=0\tVerify=0']),
      },
      {
        name: 'OPERLOG fingerprint',
        kind: 'employee',
        run: await clockPost('OPERLOG', [`FP PIN=1001\tFID=3\tSize=${finger.length}\tValid=1\tTMP=${finger}`]),
      },
    ],
  },
  'POST /api/me/password': {
    actor: asToken,
    calls: [
      {
        name: 'own password',
        kind: 'account',
        run: (w) => api(w, 'POST', '/api/me/password', { current: SYSADMIN.password, password: 'a-new-password-22' }),
      },
    ],
  },
  'POST /api/employees': {
    actor: asToken,
    calls: [
      {
        name: 'create',
        kind: 'employee',
        run: (w) => api(w, 'POST', '/api/employees', { employeeId: 'E5', lastName: 'Five', badge: '5005' }),
      },
    ],
  },
  'DELETE /api/employees/:employeeId': {
    actor: asToken,
    calls: [{ name: 'delete', kind: 'employee', run: (w) => api(w, 'DELETE', '/api/employees/E2002') }],
  },
  'PUT /api/employees/:employeeId/clocks': {
    actor: asToken,
    calls: [
      { name: 'save', kind: 'employee', run: (w) => api(w, 'PUT', '/api/employees/E2002/clocks', { role: 'manager' }) },
    ],
  },
  'POST /api/employees/:employeeId/add-remove': {
    actor: asToken,
    calls: [
      {
        name: 'add',
        kind: 'employee',
        run: (w) => api(w, 'POST', '/api/employees/E2002/add-remove', { clocks: [BACK] }),
      },
    ],
  },
  'POST /api/employees/import': {
    actor: asToken,
    calls: [
      {
        name: 'one row',
        kind: 'employee',
        run: (w) =>
          api(w, 'POST', '/api/employees/import', { csv: 'employee id,first name,last name,badge\nE7,Sam,Seven,7007' }),
      },
    ],
  },
  'PUT /api/employees/:employeeId/name': {
    actor: asToken,
    calls: [
      {
        name: 'rename',
        kind: 'employee',
        run: (w) => api(w, 'PUT', '/api/employees/E2002/name', { firstName: 'Ana', lastName: 'López' }),
      },
    ],
  },
  'POST /api/employees/:employeeId/deactivate': {
    actor: asToken,
    calls: [{ name: 'deactivate', kind: 'employee', run: (w) => api(w, 'POST', '/api/employees/E1001/deactivate') }],
  },
  'POST /api/employees/:employeeId/reactivate': {
    actor: asToken,
    calls: [
      {
        name: 'reactivate',
        kind: 'employee',
        setup: deactivated,
        run: (w) => api(w, 'POST', '/api/employees/E1001/reactivate'),
      },
    ],
  },
  'POST /employees/:employeeId/deactivate': {
    actor: asAccount,
    calls: [
      {
        name: 'deactivate',
        kind: 'employee',
        run: (w) => form(w, '/employees/E1001/deactivate', {}, '/employees/E1001/deactivate'),
      },
    ],
  },
  'POST /employees/:employeeId/reactivate': {
    actor: asAccount,
    calls: [
      {
        name: 'reactivate',
        kind: 'employee',
        setup: deactivated,
        run: (w) => form(w, '/employees/E1001/reactivate', {}, '/employees/E1001/reactivate'),
      },
    ],
  },
  'POST /api/employees/assign': {
    actor: asToken,
    calls: [
      {
        name: 'one employee to a clock',
        kind: 'employee',
        run: (w) => api(w, 'POST', '/api/employees/assign', { employeeIds: ['E2002'], add: [BACK] }),
      },
    ],
  },
  'POST /employees/assign/confirm': {
    actor: asAccount,
    calls: [
      {
        name: 'one employee to a clock',
        kind: 'employee',
        run: (w) =>
          form(w, '/employees/assign/confirm', { ids: 'E2002', clocks: [BACK], action: 'add' }, '/employees/assign'),
      },
    ],
  },
  'POST /api/clocks': {
    actor: asToken,
    calls: [{ name: 'register', kind: 'clock', run: (w) => api(w, 'POST', '/api/clocks', { sn: 'TC1A000009' }) }],
  },
  'POST /api/clocks/:sn/key': {
    actor: asToken,
    calls: [{ name: 'new key', kind: 'clock', run: (w) => api(w, 'POST', `/api/clocks/${BACK}/key`, {}) }],
  },
  'DELETE /api/clocks/:sn/key': {
    actor: asToken,
    calls: [{ name: 'serial only', kind: 'clock', run: (w) => api(w, 'DELETE', `/api/clocks/${BACK}/key`) }],
  },
  'POST /api/clocks/pending/:sn': {
    actor: asToken,
    calls: [
      {
        name: 'accept',
        kind: 'clock',
        run: (w) => (pending(w, 'TC1A000008'), api(w, 'POST', '/api/clocks/pending/TC1A000008', {})),
      },
    ],
  },
  'DELETE /api/clocks/pending/:sn': {
    actor: asToken,
    calls: [
      {
        name: 'forget',
        kind: 'clock',
        run: (w) => (pending(w, 'TC1A000008'), api(w, 'DELETE', '/api/clocks/pending/TC1A000008')),
      },
    ],
  },
  'POST /api/clocks/:sn/reupload': {
    actor: asToken,
    calls: [{ name: 'reupload', kind: 'clock', run: (w) => api(w, 'POST', `/api/clocks/${BACK}/reupload`) }],
  },
  'POST /api/clocks/:sn/commands': {
    actor: asToken,
    calls: [
      { name: 'reboot', kind: 'clock', run: (w) => api(w, 'POST', `/api/clocks/${BACK}/commands`, { text: 'REBOOT' }) },
    ],
  },
  'POST /employees/import/confirm': {
    actor: asAccount,
    calls: [
      {
        name: 'one row',
        kind: 'employee',
        run: (w) =>
          form(
            w,
            '/employees/import/confirm',
            { csv: 'employee id,first name,last name,badge\nE8,Eve,Eight,8008' },
            '/employees/import',
          ),
      },
    ],
  },
  'POST /employees/:employeeId/delete': {
    actor: asAccount,
    calls: [
      {
        name: 'delete',
        kind: 'employee',
        run: (w) => form(w, '/employees/E3003/delete', {}, '/employees/E3003/delete'),
      },
    ],
  },
  'POST /employees/:employeeId/rename': {
    actor: asAccount,
    calls: [
      {
        name: 'rename',
        kind: 'employee',
        run: (w) =>
          form(w, '/employees/E3003/rename', { firstName: 'Rob', lastName: 'Anderson' }, '/employees/E3003/rename'),
      },
    ],
  },
  'POST /employees/new': {
    actor: asAccount,
    calls: [
      {
        name: 'new',
        kind: 'employee',
        run: (w) => form(w, '/employees/new', { employeeId: 'E9', lastName: 'Nine', badge: '9009' }, '/employees/new'),
      },
    ],
  },
  'POST /employees/:employeeId': {
    actor: asAccount,
    calls: [
      {
        name: 'Clocks section',
        kind: 'employee',
        run: (w) =>
          form(
            w,
            '/employees/E3003',
            { badge: '3003', card: '', role: 'manager', nonSecure: 'on' },
            '/employees/E3003',
          ),
      },
    ],
  },
  'POST /employees/:employeeId/clocks': {
    actor: asAccount,
    calls: [
      {
        name: 'Add/Remove',
        kind: 'employee',
        run: (w) => form(w, '/employees/E3003/clocks', { clocks: [FRONT] }, '/employees/E3003/clocks'),
      },
    ],
  },
  'POST /employees/:employeeId/fingerprints/:fid/remove': {
    actor: asAccount,
    calls: [
      {
        name: 'remove a finger',
        kind: 'employee',
        run: (w) => form(w, '/employees/E1001/fingerprints/6/remove', {}, '/employees/E1001/fingerprints/6/remove'),
      },
    ],
  },
  'POST /employees/:employeeId/enroll': {
    actor: asAccount,
    calls: [
      {
        name: 'enroll',
        kind: 'employee',
        run: (w) => form(w, '/employees/E1001/enroll', { fid: '2', sn: FRONT }, '/employees/E1001'),
      },
    ],
  },
  'POST /clocks/pending/:sn/:verdict': {
    actor: asAccount,
    calls: [
      {
        name: 'accept',
        kind: 'clock',
        run: (w) => (pending(w, 'TC1A000007'), form(w, '/clocks/pending/TC1A000007/accept', {}, '/clocks')),
      },
      {
        name: 'reject',
        kind: 'clock',
        run: (w) => (pending(w, 'TC1A000006'), form(w, '/clocks/pending/TC1A000006/reject', {}, '/clocks')),
      },
    ],
  },
  'POST /clocks/:sn/reboot': {
    actor: asAccount,
    calls: [{ name: 'reboot', kind: 'clock', run: (w) => form(w, `/clocks/${BACK}/reboot`, {}, `/clocks/${BACK}`) }],
  },
  'POST /clocks/:sn/reupload': {
    actor: asAccount,
    calls: [
      { name: 'reupload', kind: 'clock', run: (w) => form(w, `/clocks/${BACK}/reupload`, {}, `/clocks/${BACK}`) },
    ],
  },
  'POST /clocks/:sn/resend': {
    actor: asAccount,
    calls: [{ name: 'resend', kind: 'clock', run: (w) => form(w, `/clocks/${FRONT}/resend`, {}, `/clocks/${FRONT}`) }],
  },
  'POST /account/password': {
    actor: asAccount,
    calls: [
      {
        name: 'own password',
        kind: 'account',
        run: (w) =>
          w.browser
            .post(
              '/account/password',
              { current: SYSADMIN.password, password: 'another-password-3', confirm: 'another-password-3' },
              '/account',
            )
            .then((r) => expect(r.status).toBeLessThan(400)),
      },
    ],
  },
  'POST /account/tokens': {
    actor: asAccount,
    calls: [
      {
        name: 'issue',
        kind: 'account',
        run: (w) =>
          w.browser.post('/account/tokens', { name: 'export' }, '/account').then((r) => expect(r.status).toBe(200)),
      },
    ],
  },
  'POST /account/tokens/:id/revoke': {
    actor: asAccount,
    calls: [
      {
        name: 'revoke',
        kind: 'account',
        run: async (w) => {
          const id = w.cloud.accounts.tokens(SYSADMIN.username)[0]!.id;
          await form(w, `/account/tokens/${id}/revoke`, {}, '/account');
        },
      },
    ],
  },
};

async function world(): Promise<World> {
  const w = await withMuller();
  const issued = w.cloud.accounts.issueToken(SYSADMIN.username, TOKEN_NAME);
  if (!issued.ok) throw new Error(issued.problem.message);
  return { ...w, token: issued.value.token };
}

const rows = (w: World) => w.cloud.store.audit.list({ limit: 1_000, offset: 0 });

describe('the audit log: every write route leaves one row', () => {
  it('knows every route that may write (all but GET and HEAD) of the PUSH, API and portal faces', async () => {
    const w = await world();
    const routes = (await w.cloud.routes())
      .filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && !r.methodNotAllowed)
      .map((r) => `${r.method} ${r.url}`);
    const unknown = routes.filter((r) => WRITES[r] === undefined && NO_AUDIT[r] === undefined);

    expect(routes.length).toBeGreaterThan(30);
    expect(unknown).toEqual([]);
    // No entry here names a route that no longer exists.
    expect([...Object.keys(WRITES), ...Object.keys(NO_AUDIT)].filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const [route, write] of Object.entries(WRITES)) {
    for (const call of write.calls) {
      it(`${route} (${call.name}): one row, by ${write.actor({} as World).kind}`, async () => {
        const w = await world();
        await onlineClock(w, FRONT);
        await call.setup?.(w);
        const before = rows(w).map((r) => r.id);

        await call.run(w);
        const added = rows(w).filter((r) => !before.includes(r.id));

        expect(added.map((r) => ({ kind: r.actorKind, name: r.actor }))).toEqual([write.actor(w)]);
        expect(added[0]!.kind).toBe(call.kind);
      });
    }
  }
});
