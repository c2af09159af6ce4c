// zkteco-js against a running clock over TCP: info and options, users, a user created over the LAN who
// then punches, delete, clear, time, voice and 10,000 records read one chunk at a time.
import { afterEach, describe, expect, it } from 'vitest';
import { ANA, BEN, lanRig, requireSdk, seedPunches, type LanRig } from './helpers.js';

interface ZktecoJs {
  createSocket(): Promise<boolean>;
  getInfo(): Promise<{ userCounts: number; logCounts: number; logCapacity: number }>;
  getSerialNumber(): Promise<string>;
  getDeviceName(): Promise<string>;
  getMacAddress(): Promise<string>;
  getFirmware(): Promise<string>;
  getUsers(): Promise<{ data: { uid: number; userId: string; name: string }[] }>;
  getAttendances(): Promise<{ data: { deviceUserId: string }[]; err: unknown }>;
  setUser(uid: number, userid: string, name: string, password: string, role?: number, cardno?: number): Promise<Buffer>;
  deleteUser(uid: number): Promise<Buffer>;
  getTime(): Promise<Date>;
  setTime(t: Date): Promise<Buffer>;
  voiceTest(): Promise<Buffer>;
  clearData(): Promise<Buffer>;
  disconnect(): Promise<void>;
}
const Zkteco = requireSdk('zkteco-js') as new (ip: string, port: number, timeout: number, inport: number) => ZktecoJs;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function session(): Promise<{ rig: LanRig; zk: ZktecoJs }> {
  const rig = await lanRig();
  cleanup.push(() => rig.close());
  const zk = new Zkteco('127.0.0.1', rig.listener.port, 2000, 0);
  await zk.createSocket();
  cleanup.push(() => zk.disconnect().catch(() => undefined));
  return { rig, zk };
}

const ACK_OK = 2000;

describe('zkteco-js', () => {
  it("reads the serial number, device name, MAC and firmware from the model and the clock's identity", async () => {
    const { rig, zk } = await session();

    expect(await zk.getSerialNumber()).toBe(rig.clock.serialNumber);
    expect(await zk.getDeviceName()).toBe(rig.clock.model.displayName);
    expect(await zk.getMacAddress()).toBe(rig.clock.macAddress);
    expect((await zk.getFirmware()).replace(/\0/g, '')).toBe(rig.clock.model.firmwareVersion);
  });

  it('creates a user who can then punch with their PIN, and reports it in OPERLOG', async () => {
    const { rig, zk } = await session();

    const reply = await zk.setUser(3, '1003', 'Cleo Diaz', '', 0, 4321);
    rig.clock.type('1003');
    rig.clock.press('OK');

    expect(reply.readUInt16LE(0)).toBe(ACK_OK);
    expect(rig.clock.records.users.findByPin('1003')).toMatchObject({ name: 'Cleo Diaz', card: '4321' });
    expect(rig.clock.punches()).toMatchObject([{ pin: '1003' }]);
    expect(rig.clock.records.operations.after(0, 10)).toContainEqual(
      expect.objectContaining({ op: 30, values: ['1003', 0, 0] }),
    );
  });

  it('deletes a user by the index the user list gave', async () => {
    const { rig, zk } = await session();
    const { data } = await zk.getUsers();
    const ben = data.find((u) => u.userId === BEN.pin)!;

    await zk.deleteUser(ben.uid);

    expect(rig.clock.records.users.findByPin(BEN.pin)).toBeUndefined();
    expect((await zk.getUsers()).data.map((u) => u.userId)).toEqual([ANA.pin]);
  });

  it('sets the time, and the clock keeps it as virtual time moves on', async () => {
    const { rig, zk } = await session();

    await zk.setTime(new Date(2027, 0, 2, 3, 4, 5));
    rig.clock.advance(60_000);
    const time = await zk.getTime();

    expect([time.getFullYear(), time.getMonth(), time.getDate(), time.getHours(), time.getMinutes()]).toEqual([
      2027, 0, 2, 3, 5,
    ]);
    expect(rig.clock.screenText()).toContain('03:05');
  });

  it('plays the test voice', async () => {
    const { rig, zk } = await session();
    const played: number[] = [];
    rig.clock.on('voice.played', ({ index }) => played.push(index));

    await zk.voiceTest();

    expect(played).toEqual([0]);
  });

  it('clears all data: users, templates and punches', async () => {
    const { rig, zk } = await session();
    seedPunches(rig.clock, 3);

    await zk.clearData();

    expect(await zk.getInfo()).toMatchObject({ userCounts: 0, logCounts: 0 });
    expect(rig.clock.records.templates.count()).toBe(0);
  });

  it('reads 10,000 records asking for one chunk after the other', async () => {
    const { rig, zk } = await session();
    seedPunches(rig.clock, 10_000);

    const { data, err } = await zk.getAttendances();

    expect(err ?? null).toBeNull();
    expect(data).toHaveLength(10_000);
  });
});
