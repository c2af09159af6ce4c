// node-zklib@1.3.0 against a running clock: over TCP (what it tries first) and UDP, the SDK's own calls.
import { afterEach, describe, expect, it } from 'vitest';
import { LAN_DEFAULTS, type DeviceModel } from '../../firmware/index.js';
import { loadDeviceModel } from '../../src/devices/index.js';
import { CMD } from '../../src/lan/index.js';
import { ANA, BEN, lanRig, next, requireSdk, seedPunches, type LanRig } from './helpers.js';

interface NodeZkLib {
  createSocket(): Promise<void>;
  getInfo(): Promise<{ userCounts: number; logCounts: number; logCapacity: number }>;
  getUsers(): Promise<{ data: { uid: number; userId: string; name: string; cardno: number; role: number }[] }>;
  getAttendances(): Promise<{ data: { deviceUserId: string; recordTime: Date }[]; err: unknown }>;
  getRealTimeLogs(cb: (log: { userId: string; attTime: Date }) => void): Promise<void>;
  disableDevice(): Promise<Buffer>;
  enableDevice(): Promise<Buffer>;
  clearAttendanceLog(): Promise<Buffer>;
  executeCmd(command: number, data?: string | Buffer): Promise<Buffer>;
  disconnect(): Promise<void>;
  connectionType: 'tcp' | 'udp' | null;
  zklibUdp: { createSocket(): Promise<void>; connect(): Promise<boolean> };
}
const ZKLib = requireSdk('node-zklib') as new (ip: string, port: number, timeout: number, inport: number) => NodeZkLib;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function connected(rig: LanRig): Promise<NodeZkLib> {
  const zk = new ZKLib('127.0.0.1', rig.listener.port, 2000, 0);
  await zk.createSocket();
  cleanup.push(() => zk.disconnect().catch(() => undefined));
  return zk;
}

async function rigged(options: { device?: DeviceModel } = {}): Promise<LanRig> {
  const rig = await lanRig(options);
  cleanup.push(() => rig.close());
  return rig;
}

describe('node-zklib over TCP', () => {
  it('connects over TCP and reads the counts and the record capacity', async () => {
    const rig = await rigged();
    seedPunches(rig.clock, 5);

    const zk = await connected(rig);

    expect(zk.connectionType).toBe('tcp');
    expect(await zk.getInfo()).toEqual({ userCounts: 2, logCounts: 5, logCapacity: 100000 });
  });

  it('reads the users with their index, ID, name, card and privilege', async () => {
    const zk = await connected(await rigged());

    const { data } = await zk.getUsers();

    expect(data).toEqual([
      expect.objectContaining({ uid: 1, userId: ANA.pin, name: ANA.name, cardno: Number(ANA.card), role: 14 }),
      expect.objectContaining({ uid: 2, userId: BEN.pin, name: BEN.name, cardno: Number(BEN.card), role: 0 }),
    ]);
  });

  it('reads 10,000 attendance records through the buffered read, in order', async () => {
    const rig = await rigged();
    seedPunches(rig.clock, 10_000);
    const zk = await connected(rig);

    const { data, err } = await zk.getAttendances();

    // A table answered whole has no error field at all; a chunked one has null.
    expect(err ?? null).toBeNull();
    expect(data).toHaveLength(10_000);
    expect(data[0]!.deviceUserId).toBe(ANA.pin);
    expect(data[9_999]!.deviceUserId).toBe(BEN.pin);
    // The SDK builds local Dates from the clock's naive local time.
    expect(data[1]!.recordTime.getTime() - data[0]!.recordTime.getTime()).toBe(60_000);
  });

  it('receives a real-time event for a PIN, a finger and a card punch', async () => {
    const rig = await rigged();
    const zk = await connected(rig);
    const seen: string[] = [];
    const three = next<void>((resolve) => {
      void zk.getRealTimeLogs(({ userId }) => {
        seen.push(userId);
        if (seen.length === 3) resolve();
      });
    });
    // The REG_EVENT is on the wire once the clock has a registered client: wait for its ACK.
    await zk.executeCmd(CMD.GET_TIME);

    rig.clock.type(BEN.pin);
    rig.clock.press('OK');
    rig.clock.advance(61_000);
    rig.clock.placeFinger({ person: ANA.pin, fid: 6 });
    rig.clock.advance(61_000);
    rig.clock.tapCard(BEN.card);
    await three;

    expect(seen).toEqual([BEN.pin, ANA.pin, BEN.pin]);
  });

  it('disables the clock (the screen is busy and refuses a punch) and enables it again', async () => {
    const rig = await rigged();
    const zk = await connected(rig);

    await zk.disableDevice();
    rig.clock.tapCard(ANA.card);
    const busy = rig.clock.screenText();
    await zk.enableDevice();
    rig.clock.tapCard(ANA.card);

    expect(busy).toContain('Working...');
    expect(rig.clock.punches()).toHaveLength(1);
  });

  it('clears the attendance log', async () => {
    const rig = await rigged();
    seedPunches(rig.clock, 3);
    const zk = await connected(rig);

    await zk.clearAttendanceLog();

    expect((await zk.getInfo()).logCounts).toBe(0);
  });
});

describe('node-zklib over UDP', () => {
  it('reads the users in the 28-byte form over UDP from a model whose platform has it (lan.userRecordBytes 28)', async () => {
    const rig = await rigged({
      device: { ...loadDeviceModel('biometric'), lan: { ...LAN_DEFAULTS, userRecordBytes: 28 } },
    });
    const zk = new ZKLib('127.0.0.1', rig.listener.port, 2000, 0);
    await zk.zklibUdp.createSocket();
    await zk.zklibUdp.connect();
    zk.connectionType = 'udp';
    cleanup.push(() => zk.disconnect().catch(() => undefined));

    const { data } = await zk.getUsers();

    expect(data.map((u) => [u.uid, u.userId, u.name])).toEqual([
      [1, Number(ANA.pin), 'Ana Lope'],
      [2, Number(BEN.pin), 'Ben Okaf'],
    ]);
  });
});
