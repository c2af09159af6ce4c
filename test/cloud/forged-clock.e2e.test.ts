// The forged clock and the cross-site page of issue 19, as an attacker plays them: the cloud started as
// users start it (`timeclock cloud`, its own process), the attacker in a process of its own, real HTTP.
// Before device keys, the forged USER and FP lines changed the employee's card and added a finger, and
// the cloud sent both to every clock the employee uses.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '../../src/protocol/index.js';
import { cloudProcess, type CloudProcess } from '../fixtures/cloud-process.js';
import { WireClock } from './harness.js';

const TOKEN = 'forged-clock-test-token';
const [A, B, C] = ['TC1A000101', 'TC1A000102', 'TC1A000103'];
const ANA_CARD = '3809012973';
const ATTACKER_CARD = '666000666';

/** What the attacker's process sends: a clock's OPERLOG, or a page's text/plain form post. */
const ATTACKER = `
const [url, sn, table, browser] = process.argv.slice(1);
const body = table === 'OPERLOG'
  ? 'USER PIN=1001\\tName=Ana Lopez\\tPri=14\\tPasswd=\\tCard=${ATTACKER_CARD}\\tGrp=1\\tTZ=0000000000000000\\tVerify=0\\n' +
    'FP PIN=1001\\tFID=9\\tSize=16\\tValid=1\\tTMP=YXR0YWNrZXJmaW5nZXI=\\n'
  : '1001\\t2026-11-25 08:02:11\\t0\\t1\\t0\\t0\\t0\\n';
const headers = browser === 'browser'
  ? { 'content-type': 'text/plain', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }
  : {};
const res = await fetch(url + '/iclock/cdata?SN=' + sn + '&table=' + table + '&Stamp=9999', { method: 'POST', headers, body });
process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
`;

async function attack(url: string, sn: string, table: 'OPERLOG' | 'ATTLOG', browser = false) {
  const args = ['--input-type=module', '-e', ATTACKER, url, sn, table, browser ? 'browser' : 'clock'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(stdout) as { status: number; body: string };
}

let cloud: CloudProcess | undefined;
let url: string;

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, read by the assertions
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  cloud = await cloudProcess(['--token', TOKEN]);
  url = cloud.url;
  for (const sn of [A, B]) expect((await api('/api/clocks', { method: 'POST', body: { sn } })).status).toBe(201);
  // C: a plain PUSH clock the admin lets in by its serial number alone.
  expect((await api('/api/clocks', { method: 'POST', body: { sn: C, auth: 'serial' } })).status).toBe(201);
  const ana = { employeeId: 'E1001', firstName: 'Ana', lastName: 'Lopez', badge: '1001', card: ANA_CARD };
  const created = await api('/api/employees', { method: 'POST', body: { ...ana, clocks: [A, B, C] } });
  expect(created.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('a forged clock', () => {
  it('is refused for a keyed clock, while the real clock with its key is answered', async () => {
    const real = new WireClock(A, httpTransport(url, { keepAlive: false }));
    const handshake = await real.handshake();
    const punch = await real.post('/iclock/cdata', '1002\t2026-11-25 08:00:00\t0\t1\t0\t0\t0\n', { table: 'ATTLOG' });

    const forged = await attack(url, A, 'OPERLOG');

    expect(handshake.body).toMatch(/^RegistryCode=dk_\S+$/m);
    expect(punch.body).toBe('OK: 1');
    expect(forged.status).toBe(401);
    expect(forged.body).toBe(
      `Error: device ${A} must send its device key (Authorization: Bearer); a new one is issued in the portal`,
    );
  });

  it('rewrites nobody: the card and finger it reports stay off the profile and off every other clock', async () => {
    // C is let in by serial number: the forged lines are read, and changes nothing.
    const forged = await attack(url, C, 'OPERLOG');

    const ana = await api('/api/employees/E1001');
    const queued = await Promise.all([A, B].map((sn) => api(`/api/clocks/${sn}/commands`)));

    expect(forged).toEqual({ status: 200, body: 'OK: 2' });
    expect(ana.json).toMatchObject({ card: ANA_CARD, role: 'user', templates: [] });
    for (const { json } of queued) {
      expect(JSON.stringify(json)).not.toContain(ATTACKER_CARD);
      expect(JSON.stringify(json)).not.toContain('FINGERTMP');
    }
  });
});

describe('a web page posting to PUSH', () => {
  it('is refused for a serial-only clock and an unknown serial number: no punch, no clock, nothing pending', async () => {
    const punchesBefore = (await api(`/api/punches?sn=${C}`)).json.length;

    const known = await attack(url, C, 'ATTLOG', true);
    const unknown = await attack(url, 'TC9EVIL01', 'ATTLOG', true);

    expect(known.status).toBe(403);
    expect(known.body).toBe("Error: a browser's request (Origin) is not a clock's");
    expect(unknown.status).toBe(403);
    expect((await api(`/api/punches?sn=${C}`)).json.length).toBe(punchesBefore);
    expect((await api('/api/clocks')).json.map((c: { sn: string }) => c.sn)).not.toContain('TC9EVIL01');
    expect((await api('/api/clocks/pending')).json).toMatchObject({ total: 0, clocks: [] });
  });
});
