// What clocks upload about users, against a cloud on a real SQLite file over loopback: credentials
// enrolled on a clock are kept and never erased by Save or Add/Remove; rights changed on a clock are
// recorded as clock changes, not obeyed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { newUser } from '../../firmware/users.js';
import type { Cloud } from '../../src/cloud/index.js';
import { formatBiodata, formatOperlog } from '../../src/protocol/index.js';
import { START, WireClock, startCloud } from './harness.js';

const A = 'TC1A000001';
const B = 'TC1A000002';
const C = 'TC1A000003';
const TMP = simulatedTemplate({ person: '1001', fid: 6 });
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A cloud on a fresh database file, clocks A, B and C registered, Ana on A and B, both clocks in step. */
async function setUp(ana: { card?: string; password?: string } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-ingest-'));
  dirs.push(dir);
  const harness = await startCloud({ data: path.join(dir, 'cloud.db') });
  for (const sn of [A, B, C]) harness.cloud.registerClock(sn);
  const created = harness.cloud.portal.createEmployee({
    employeeId: 'E100',
    firstName: 'Ana',
    lastName: 'Lopez',
    badge: '1001',
    clocks: [A, B],
    ...ana,
  });
  if (!created.ok) throw new Error(created.problem.message);
  const a = new WireClock(A, harness.transport);
  const b = new WireClock(B, harness.transport);
  await a.drain();
  await b.drain();
  return {
    ...harness,
    a,
    b,
    upload: (clock: WireClock, body: string) => clock.post('/iclock/cdata', body, { table: 'OPERLOG' }),
  };
}

/** Ana as clock A holds her, with some fields changed at the clock. */
function anaOnClock(a: WireClock, fields: Parameters<typeof newUser>[1]) {
  return { user: { ...a.ports.users.findByPin('1001')!, ...fields } };
}

describe('rights changed on a clock', () => {
  it('a forged OPERLOG USER line with Pri=14 changes nothing in the profile, queues nothing for the other clocks, and is listed as a clock change', async () => {
    const { cloud, a, b, upload } = await setUp();
    const before = cloud.store.employees.get('E100');

    const answer = await upload(a, formatOperlog([anaOnClock(a, { privilege: 14 })]));

    expect(answer.body).toBe('OK: 1');
    expect(cloud.store.employees.get('E100')).toEqual(before);
    expect(cloud.store.commands.countPending(B)).toBe(0);
    expect(cloud.store.commands.countPending(A)).toBe(0);
    await b.drain();
    expect(b.ports.users.findByPin('1001')?.privilege).toBe(0);
    expect(cloud.portal.clockChanges(A)).toEqual({
      ok: true,
      value: [
        {
          id: expect.any(Number),
          sn: A,
          pin: '1001',
          field: 'role',
          clockValue: 'administrator',
          portalValue: 'user',
          receivedAt: START,
        },
      ],
    });
  });

  it('a verify mode changed on a clock is listed, and non-secure stays as the portal has it', async () => {
    const { cloud, a, upload } = await setUp();

    await upload(a, formatOperlog([anaOnClock(a, { verifyMode: 0 })]));

    expect(cloud.store.employees.get('E100')?.nonSecure).toBe(false);
    expect(cloud.store.commands.countPending(B)).toBe(0);
    const changes = cloud.portal.clockChanges(A);
    expect(changes.ok && changes.value).toMatchObject([{ field: 'verifyMode', clockValue: '0', portalValue: '6' }]);
  });

  it('a card and a password set on a clock are not taken, reach no other clock, and are listed for an admin', async () => {
    const { cloud, a, b, upload } = await setUp();

    await upload(
      a,
      formatOperlog([anaOnClock(a, { card: '3809012973', password: '4321', privilege: 14, verifyMode: 0 })]),
    );

    expect(cloud.store.employees.get('E100')).toMatchObject({ card: '', password: '', role: 'user', nonSecure: false });
    expect(cloud.store.commands.countPending(B)).toBe(0);
    await b.drain();
    expect(b.ports.users.findByPin('1001')).toMatchObject({ card: '', password: '', privilege: 0, verifyMode: 6 });
    expect(changesOf(cloud, A)).toEqual([
      ['password', '***', ''],
      ['card', '3809012973', ''],
      ['verifyMode', '0', '6'],
      ['role', 'administrator', 'user'],
    ]);
  });

  it('a user the portal does not know becomes a secure User, and what the clock said of their rights is listed', async () => {
    const { cloud, transport } = await setUp();
    const user = newUser('3003', { name: 'Cy Twombly', verifyMode: 0, privilege: 14, card: '3809012999' });

    await new WireClock(C, transport).post('/iclock/cdata', formatOperlog([{ user }]), { table: 'OPERLOG' });

    expect(cloud.store.employees.get('3003')).toMatchObject({
      lastName: 'Twombly',
      badge: '3003',
      nonSecure: false,
      role: 'user',
      clocks: [C],
      card: '3809012999',
    });
    expect(changesOf(cloud, C)).toEqual([
      ['verifyMode', '0', '6'],
      ['role', 'administrator', 'user'],
      ['newUser', 'Cy Twombly', '3003'],
    ]);
  });

  it('are listed for known clocks only', async () => {
    const { cloud } = await setUp();

    expect(cloud.portal.clockChanges('TC1A000099')).toEqual({
      ok: false,
      problem: { kind: 'not-found', message: 'no clock with serial number TC1A000099' },
    });
  });
});

describe('credentials that must not be lost', () => {
  it('a fingerprint enrolled on clock A reaches the portal and clock B, and survives Add/Remove on both', async () => {
    const { cloud, a, b, upload } = await setUp();
    const template = { pin: '1001', fid: 6, valid: true, template: TMP };

    await upload(a, formatOperlog([{ op: 6, admin: '0', time: 0, values: ['1001', 6, 0] }, { template }]));
    await b.drain();
    const removed = cloud.portal.addRemove('E100', []);
    await a.drain();
    await b.drain();
    const goneFromBoth = [a, b].every((clock) => clock.ports.users.findByPin('1001') === undefined);
    const added = cloud.portal.addRemove('E100', [A, B]);
    await a.drain();
    await b.drain();

    expect(removed.ok && added.ok).toBe(true);
    expect(goneFromBoth).toBe(true);
    expect(cloud.store.employees.get('E100')?.templates).toEqual([template]);
    expect(a.ports.templates.find('1001', 6)?.template).toBe(TMP);
    expect(b.ports.templates.find('1001', 6)?.template).toBe(TMP);
  });

  it('a fingerprint uploaded as table=BIODATA is the same finger; a face line is refused and named', async () => {
    const { cloud, a, b } = await setUp();
    const template = { pin: '1001', fid: 6, valid: true, template: TMP };
    const face =
      'BIODATA Pin=1001\tNo=0\tIndex=0\tValid=1\tDuress=0\tType=9\tMajorVer=58\tMinorVer=0\tFormat=0\tTmp=AAAA';

    const res = await a.post('/iclock/cdata', `${formatBiodata([template])}${face}\n`, { table: 'BIODATA' });
    await b.drain();

    expect([res.body, res.headers['x-push-refused']]).toEqual(['OK: 1', '2']);
    expect(cloud.store.employees.get('E100')?.templates).toEqual([template]);
    expect(b.ports.templates.find('1001', 6)?.template).toBe(TMP);
  });

  it('a card set on a clock gives way to the portal’s profile at the next Save and Add/Remove', async () => {
    const { cloud, a, b, upload } = await setUp();

    await upload(a, formatOperlog([anaOnClock(a, { card: '3809012973' })]));
    const saved = cloud.portal.saveClocksSection('E100', { nonSecure: true, role: 'manager' });
    cloud.portal.addRemove('E100', [A, B]);
    await a.drain();
    await b.drain();

    expect(saved.ok).toBe(true);
    expect(a.ports.users.findByPin('1001')).toMatchObject({ card: '', verifyMode: 0, privilege: 2 });
    expect(b.ports.users.findByPin('1001')).toMatchObject({ card: '', verifyMode: 0, privilege: 2 });
  });

  it('a clock without the card or password the portal has does not erase them, and is listed', async () => {
    const { cloud, a, upload } = await setUp({ card: '3809012973', password: '4321' });

    await upload(a, formatOperlog([anaOnClock(a, { card: '', password: '' })]));

    expect(cloud.store.employees.get('E100')).toMatchObject({ card: '3809012973', password: '4321' });
    expect(cloud.store.commands.countPending(B)).toBe(0);
    expect(changesOf(cloud, A)).toEqual([
      ['password', '', '***'],
      ['card', '', '3809012973'],
    ]);
  });

  it('a fingerprint record with damaged template data does not replace the portal’s finger', async () => {
    const { cloud, a, upload } = await setUp();
    const template = { pin: '1001', fid: 6, valid: true, template: TMP };
    await upload(a, formatOperlog([{ template }]));

    await upload(a, formatOperlog([{ template: { ...template, template: '#damaged#' } }]));

    expect(cloud.store.employees.get('E100')?.templates).toEqual([template]);
    expect(cloud.store.commands.countPending(B)).toBe(2);
  });
});

/** What a clock reported that the portal did not take: field, the clock's value, the portal's. */
function changesOf(cloud: Cloud, sn: string): string[][] | false {
  const changes = cloud.portal.clockChanges(sn);
  return changes.ok && changes.value.map(({ field, clockValue, portalValue }) => [field, clockValue, portalValue]);
}
