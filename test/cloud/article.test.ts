// The support article end to end, against a clock running the firmware: a secure employee typing the
// badge number gets "Unknown User"; Save with non-secure on fixes it; a clock that missed the update is
// repaired with Add/Remove; the punch reaches the cloud.
import { describe, expect, it } from 'vitest';
import { formatAttlog } from '../../src/protocol/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { WireClock, startCloud } from './harness.js';

const SN = 'TC1A000001';

function punchWithBadge(clock: Clock, badge: string): string {
  clock.type(badge);
  clock.press('OK');
  const screen = clock.screenText();
  clock.advance(10_000);
  return screen;
}

async function setUp() {
  const harness = await startCloud();
  harness.cloud.registerClock(SN, 'Front door');
  const clock = createClock({ serialNumber: SN, time: { virtual: '2026-11-25T07:58:00' } });
  const wire = new WireClock(SN, harness.transport, clock);
  await harness.api('POST', '/api/employees', {
    employeeId: 'E100',
    firstName: 'Ana',
    lastName: 'Lopez',
    badge: '1001',
    clocks: [SN],
  });
  await wire.drain();
  return { ...harness, clock, wire };
}

describe('the support article: employees cannot punch with their badge number', () => {
  it('a secure employee typing the badge number gets Unknown User', async () => {
    const { clock } = await setUp();
    expect(clock.records.users.findByPin('1001')?.verifyMode).toBe(6);
    expect(punchWithBadge(clock, '1001')).toContain('Unknown User');
    clock.close();
  });

  it('set non-secure and Save: the clock gets the update, the badge punches, the punch reaches the cloud', async () => {
    const { clock, wire, api, cloud } = await setUp();
    const saved = await api('PUT', '/api/employees/E100/clocks', { nonSecure: true });
    expect(saved.status).toBe(200);
    await wire.drain();
    expect(punchWithBadge(clock, '1001')).not.toContain('Unknown User');
    expect(clock.punches()).toHaveLength(1);
    const res = await wire.post('/iclock/cdata', formatAttlog(clock.punches()), { table: 'ATTLOG', Stamp: '1' });
    expect(res.body).toBe('OK: 1');
    expect((await api('GET', '/api/punches?pin=1001')).json).toMatchObject([{ sn: SN, pin: '1001', verify: 0 }]);
    expect(cloud.store.commands.list({ sn: SN, limit: 10 }).every((c) => c.state === 'done')).toBe(true);
    clock.close();
  });

  it('a clock that missed the update is repaired by Add/Remove', async () => {
    const { clock, wire, api } = await setUp();
    await api('PUT', '/api/faults', { dropCommands: 1, dropMode: 'lost' });
    await api('PUT', '/api/employees/E100/clocks', { nonSecure: true });
    await wire.drain();
    // The portal shows the Save as done, yet the clock never got it.
    expect(punchWithBadge(clock, '1001')).toContain('Unknown User');
    await api('POST', '/api/employees/E100/add-remove', { clocks: [] });
    await wire.drain();
    expect(clock.records.users.findByPin('1001')).toBeUndefined();
    await api('POST', '/api/employees/E100/add-remove', { clocks: [SN] });
    await wire.drain();
    expect(clock.records.users.findByPin('1001')?.verifyMode).toBe(0);
    expect(punchWithBadge(clock, '1001')).not.toContain('Unknown User');
    expect(clock.punches()).toHaveLength(1);
    clock.close();
  });
});
