// The clock's link against the real embedded cloud over loopback HTTP: the support article's story,
// enrollments travelling between clocks, a backlog uploaded whole, and the cloud's own fault injection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloud, inProcessTransport, type Cloud } from '../../src/cloud/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { addEmployees, punch, until, virtualClock } from './helpers.js';

const SN = 'TC1A000001';
const ERROR_DELAY = 30_000;

let cloud: Cloud;
let clock: Clock;
let link: SyncLink | undefined;
const others: { clock: Clock; link: SyncLink }[] = [];

beforeEach(async () => {
  clock = virtualClock({ serialNumber: SN });
  cloud = createCloud({ now: () => clock.source.now() });
  cloud.registerClock(SN, 'Front door');
  await cloud.listen();
});

afterEach(async () => {
  for (const other of others.splice(0)) {
    await other.link.stop();
    other.clock.close();
  }
  await link?.stop();
  link = undefined;
  clock.close();
  await cloud.close();
});

async function connect(): Promise<SyncLink> {
  link = startSync(clock, { url: cloud.url! });
  await link.whenIdle();
  return link;
}

function createEmployee(badge: string, nonSecure: boolean, clocks = [SN]): void {
  const result = cloud.portal.createEmployee({
    employeeId: `E${badge}`,
    firstName: 'Ana',
    lastName: `Lopez${badge}`,
    badge,
    nonSecure,
    clocks,
  });
  if (!result.ok) throw new Error(result.problem.message);
}

describe('against the embedded cloud', () => {
  it('the support article: a secure employee is an Unknown User, non-secure after Save punches, and the punch reaches the cloud', async () => {
    await connect();
    createEmployee('4242', false);
    await link!.whenIdle();
    expect(clock.records.users.findByPin('4242')).toMatchObject({ verifyMode: 6 });

    clock.type('4242');
    clock.press('OK');
    expect(clock.screenText()).toContain('Unknown User');
    clock.advance(4_000);

    const saved = cloud.portal.saveClocksSection('E4242', { nonSecure: true });
    expect(saved.ok).toBe(true);
    await link!.whenIdle();
    punch(clock, '4242');
    await link!.whenIdle();

    expect(cloud.store.punches.query({ sn: SN, pin: '4242', limit: 10 })).toHaveLength(1);
    const commands = cloud.store.commands.list({ sn: SN, limit: 10 });
    expect(commands.every((c) => c.state === 'done' && c.returnCode === 0)).toBe(true);
  });

  it('a clock that missed the update (command dropped) is repaired by Add/Remove', async () => {
    await connect();
    createEmployee('4343', false);
    await link!.whenIdle();
    cloud.faults.set({ dropCommands: 1, dropMode: 'lost' });
    cloud.portal.saveClocksSection('E4343', { nonSecure: true });
    await link!.whenIdle();
    expect(clock.records.users.findByPin('4343')?.verifyMode).toBe(6);

    cloud.portal.addRemove('E4343', []);
    cloud.portal.addRemove('E4343', [SN]);
    await link!.whenIdle();
    punch(clock, '4343');
    await link!.whenIdle();

    expect(clock.records.users.findByPin('4343')?.verifyMode).toBe(0);
    expect(cloud.store.punches.query({ sn: SN, pin: '4343', limit: 10 })).toHaveLength(1);
  });

  it('a finger enrolled on one clock reaches the cloud, and from there the employee’s other clock', async () => {
    const second = virtualClock({ serialNumber: 'TC1A000002' });
    cloud.registerClock('TC1A000002', 'Back door');
    createEmployee('1001', true, [SN, 'TC1A000002']);
    await connect();
    others.push({ clock: second, link: startSync(second, { url: cloud.url! }) });
    await others[0]!.link.whenIdle();

    clock.send({ type: 'enroll.requested', pin: '1001', fid: 6 });
    for (let scan = 0; scan < 3; scan++) clock.placeFinger('1001/right-index');
    await link!.whenIdle();
    await others[0]!.link.whenIdle();

    expect(cloud.portal.searchEmployees('E1001')[0]?.templates).toHaveLength(1);
    expect(second.records.templates.find('1001', 6)).toEqual(clock.records.templates.find('1001', 6));
  });

  it('uploads 10,000 punches made offline after reconnection: none lost, none twice, in order', async () => {
    const pins = addEmployees(clock, 20);
    await connect();
    clock.setLink(false);

    for (let i = 0; i < 10_000; i++) punch(clock, pins[i % pins.length]!);
    clock.setLink(true);
    await until(() => link!.status().state === 'online', 'the link back', 30_000);
    await link!.whenIdle();

    const atCloud = cloud.store.punches.query({ sn: SN, limit: 20_000 }).map((p) => `${p.pin}@${p.time}`);
    expect(atCloud).toEqual(clock.punches().map((p) => `${p.pin}@${p.time}`));
    expect(new Set(atCloud).size).toBe(10_000);
  }, 60_000);

  it.each([
    ['500', { status500: 1 }],
    ['garbage', { garbage: 1 }],
    ['a dropped connection', { reset: 1 }],
  ] as const)(
    'an answer of %s shows the red dot, and the retry after ErrorDelay brings the punch',
    async (_, fault) => {
      await connect();
      cloud.faults.set({ ...fault, endpoints: ['cdata'] });

      punch(clock, '1001');
      await until(() => link!.status().state === 'offline', 'the failed upload');
      expect(clock.frame().icons.cloud).toBe('red-dot');
      expect(cloud.store.punches.count(SN)).toBe(0);

      clock.advance(ERROR_DELAY);
      await until(() => cloud.store.punches.count(SN) === 1, 'the retried upload');
      await link!.whenIdle();
      expect(clock.frame().icons.cloud).toBe('none');
    },
  );

  it('a cloud that goes away and comes back gets everything punched meanwhile', async () => {
    await connect();
    await cloud.goAway();

    clock.advance(10_000);
    await until(() => link!.status().state === 'offline', 'the refused poll');
    punch(clock, '1001');
    punch(clock, '1002');
    await cloud.comeBack();
    clock.advance(ERROR_DELAY);
    await until(() => cloud.store.punches.count(SN) === 2, 'the punches after the comeback');

    expect(cloud.store.punches.query({ sn: SN, limit: 10 }).map((p) => p.pin)).toEqual(['1001', '1002']);
  });

  it('runs the same exchanges in-process, without a socket, for virtual-time runs', async () => {
    link = startSync(clock, { transport: inProcessTransport(cloud) });
    createEmployee('5151', true);

    await link.whenIdle();
    punch(clock, '5151');
    await link.whenIdle();

    expect(cloud.store.punches.query({ sn: SN, limit: 10 }).map((p) => p.pin)).toEqual(['5151']);
    expect(clock.frame().icons.cloud).toBe('none');
  });
});
