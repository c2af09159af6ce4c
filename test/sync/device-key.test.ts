// The clock's side of device keys, against the reference cloud over loopback HTTP: the key its first
// handshake takes is kept in its settings (its store) and sent with every request, after a restart too; a
// key given by the host is sent from the start; a key an admin replaced is exchanged at the next handshake.
import { afterEach, describe, expect, it } from 'vitest';
import { createCloud, type Cloud } from '../../src/cloud/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { makeTempDir } from '../fixtures/temp-dir.js';
import { punch, virtualClock } from './helpers.js';

const SN = 'TC1A000501';
const open: { close(): unknown }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function cloudFor(clock: Clock): Promise<Cloud> {
  const cloud = createCloud({ now: () => clock.source.now() });
  await cloud.listen();
  open.push(cloud);
  return cloud;
}

function link(clock: Clock, cloud: Cloud, deviceKey?: string): SyncLink {
  const started = startSync(clock, { url: cloud.url!, ...(deviceKey ? { deviceKey } : {}) });
  open.push({ close: () => started.stop() });
  return started;
}

describe('a device key', () => {
  it('taken by the first handshake is kept in the store and sent after a restart of the clock', async () => {
    const temp = makeTempDir('timeclock-device-key-');
    const file = temp.file('clock.db');
    const first = virtualClock({ serialNumber: SN, store: file });
    const cloud = await cloudFor(first);
    const { key } = cloud.addClock({ sn: SN });
    const before = link(first, cloud);
    await before.whenIdle();
    const kept = first.settings().cloudKey;
    await before.stop();
    first.close();

    const again = virtualClock({ serialNumber: SN, store: file });
    open.push(again);
    const after = link(again, cloud);
    punch(again, '1003');
    await after.whenIdle();

    expect(kept).toBe(key);
    expect(again.settings().cloudKey).toBe(key);
    expect(cloud.store.punches.count(SN)).toBe(1);
    expect(cloud.store.clocks.get(SN, 0, 0)).toMatchObject({ auth: 'key', keyState: 'taken' });
  });

  it('given by the host is sent from the first request, and never offered on the wire', async () => {
    const clock = virtualClock({ serialNumber: SN });
    open.push(clock);
    const cloud = await cloudFor(clock);
    const { key } = cloud.addClock({ sn: SN, deliver: false });
    const sync = link(clock, cloud, key);

    punch(clock, '1003');
    await sync.whenIdle();

    expect(sync.status().state).toBe('online');
    expect(cloud.store.punches.count(SN)).toBe(1);
    expect(clock.settings().cloudKey).toBe('');
  });

  it('replaced by an admin is exchanged for the new one at the next handshake', async () => {
    const clock = virtualClock({ serialNumber: SN });
    open.push(clock);
    const cloud = await cloudFor(clock);
    cloud.addClock({ sn: SN });
    const sync = link(clock, cloud);
    await sync.whenIdle();
    const old = clock.settings().cloudKey;

    const fresh = cloud.registry.issueKey(SN, true);
    clock.restart();
    punch(clock, '1003');
    await sync.whenIdle();

    expect(fresh).not.toBe(old);
    expect(clock.settings().cloudKey).toBe(fresh);
    expect(cloud.store.punches.count(SN)).toBe(1);
  });

  it('missing makes the link say why the cloud refuses it', async () => {
    const clock = virtualClock({ serialNumber: SN });
    open.push(clock);
    const cloud = await cloudFor(clock);
    cloud.addClock({ sn: SN, deliver: false });
    const sync = link(clock, cloud);

    await expect(sync.whenIdle()).rejects.toThrow(/HTTP 401 .*must send its device key/);
    expect(sync.status().state).not.toBe('online');
  });
});
