// zklib-js (TCP, node-zklib's fork) and zklib (the old callback SDK, UDP by default) against the clock.
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { ANA, BEN, lanRig, next, requireSdk, seedPunches, type LanRig } from './helpers.js';

interface ZklibJs {
  createSocket(): Promise<void>;
  getInfo(): Promise<{ userCounts: number; logCounts: number }>;
  getUsers(): Promise<{ data: { userId: string }[] }>;
  getAttendances(): Promise<{ data: { deviceUserId: string }[] }>;
  getTime(): Promise<Date>;
  getSerialNumber(): Promise<string>;
  disconnect(): Promise<void>;
}
const ZklibJs = requireSdk('zklib-js') as new (ip: string, port: number, timeout: number, inport: number) => ZklibJs;

type Callback<T> = (err: Error | null | undefined, value: T) => void;
interface OldZklib {
  connect(cb: (err?: Error) => void): void;
  disconnect(): void;
  serialNumber(cb: Callback<string>): void;
  getTime(cb: Callback<Date>): void;
  getUser(cb: Callback<{ userid: string; name: string }[]>): void;
  getAttendance(cb: Callback<{ uid: number; timestamp: Date }[]>): void;
}
const OldZklib = requireSdk('zklib') as new (options: Record<string, unknown>) => OldZklib;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function rigged(): Promise<LanRig> {
  const rig = await lanRig();
  cleanup.push(() => rig.close());
  return rig;
}

/** A callback call as a promise; the SDK calls some callbacks again on a later socket error: ignored. */
function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

describe('zklib-js', () => {
  it('reads sizes, users, 10,000 records, the serial number and the time over TCP', async () => {
    const rig = await rigged();
    seedPunches(rig.clock, 10_000);
    const zk = new ZklibJs('127.0.0.1', rig.listener.port, 2000, 0);
    await zk.createSocket();
    cleanup.push(() => zk.disconnect().catch(() => undefined));

    const info = await zk.getInfo();
    const users = await zk.getUsers();
    const records = await zk.getAttendances();
    const serial = await zk.getSerialNumber();
    const time = await zk.getTime();

    expect(info).toMatchObject({ userCounts: 2, logCounts: 10_000 });
    expect(users.data.map((u) => u.userId)).toEqual([ANA.pin, BEN.pin]);
    expect(records.data).toHaveLength(10_000);
    expect(serial).toContain(rig.clock.serialNumber);
    expect(time.getHours()).toBe(8);
  });
});

describe('zklib (the old SDK)', () => {
  async function oldZklib(rig: LanRig, connectionType: 'udp' | 'tcp'): Promise<OldZklib> {
    const zk = new OldZklib({
      ip: '127.0.0.1',
      port: rig.listener.port,
      inport: await freeUdpPort(),
      timeout: 2000,
      connectionType,
      attendanceParser: 'v6.60',
    });
    await call<void>((cb) => zk.connect((err) => cb(err, undefined)));
    cleanup.push(() => zk.disconnect());
    return zk;
  }

  it('connects over UDP, reads the serial number, time, users and records', async () => {
    const rig = await rigged();
    seedPunches(rig.clock, 50);
    const zk = await oldZklib(rig, 'udp');

    const serial = await call<string>((cb) => zk.serialNumber(cb));
    const time = await call<Date>((cb) => zk.getTime(cb));
    const users = await call<{ userid: string; name: string }[]>((cb) => zk.getUser(cb));
    const records = await call<{ uid: number; timestamp: Date }[]>((cb) => zk.getAttendance(cb));

    expect(serial.replace(/\0/g, '')).toBe(rig.clock.serialNumber);
    expect(time.getHours()).toBe(8);
    expect(users.map((u) => [u.userid, u.name])).toEqual([
      [ANA.pin, ANA.name],
      [BEN.pin, BEN.name],
    ]);
    expect(records).toHaveLength(50);
    expect(records[0]!.uid).toBe(Number(ANA.pin));
  });

  // zklib's TCP frames always announce 8 bytes, so only its commands without a payload work over TCP
  // (its README: "only getAttendance was tested with TCP").
  it('reads the time and the records over TCP', async () => {
    const rig = await rigged();
    seedPunches(rig.clock, 50);
    const zk = await oldZklib(rig, 'tcp');

    const time = await call<Date>((cb) => zk.getTime(cb));
    const records = await call<{ uid: number }[]>((cb) => zk.getAttendance(cb));

    expect(time.getHours()).toBe(8);
    expect(records.map((r) => r.uid).slice(0, 2)).toEqual([Number(ANA.pin), Number(BEN.pin)]);
  });
});

/** zklib binds its own UDP port and insists on being given one. */
function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  return next<number>((resolve) =>
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    }),
  );
}
