// uids as an integrator sees them, against a separately started `timeclock run --lan`: a user written
// with uid 50 keeps it, nobody else's uid moves, and a delete by uid deletes that user and no other.
import { afterEach, describe, expect, it } from 'vitest';
import { requireSdk } from './helpers.js';
import { ANA, BEN, startLanProcess, type LanProcess } from './lan-process.js';

interface ZktecoJs {
  createSocket(): Promise<boolean>;
  getUsers(): Promise<{ data: { uid: number; userId: string; name: string }[] }>;
  setUser(uid: number, userid: string, name: string, password: string, role?: number, cardno?: number): Promise<Buffer>;
  deleteUser(uid: number): Promise<Buffer>;
  disconnect(): Promise<void>;
}
const Zkteco = requireSdk('zkteco-js') as new (ip: string, port: number, timeout: number, inport: number) => ZktecoJs;

let clock: LanProcess | undefined;
afterEach(async () => {
  await clock?.stop();
  clock = undefined;
});

async function connected(port: number): Promise<ZktecoJs> {
  const zk = new Zkteco('127.0.0.1', port, 5_000, 0);
  await zk.createSocket();
  return zk;
}

describe('uids over the LAN, from another process', () => {
  it('keeps uid 50 for a user written with it, moves nobody, and deletes by uid the user who holds it', async () => {
    clock = await startLanProcess();
    const zk = await connected(clock.port);
    const before = (await zk.getUsers()).data.map((u) => [u.uid, u.userId]);

    await zk.setUser(50, '1005', 'Cleo Diaz', '');
    const after = (await zk.getUsers()).data.map((u) => [u.uid, u.userId]);
    await zk.deleteUser(50);
    const left = (await zk.getUsers()).data.map((u) => [u.uid, u.userId]);
    await zk.disconnect().catch(() => undefined);

    expect(before).toEqual([
      [1, ANA.pin],
      [2, BEN.pin],
    ]);
    expect(after).toEqual([...before, [50, '1005']]);
    expect(left).toEqual(before);
  });

  it('keeps the uids after the clock restarts on the same store', async () => {
    clock = await startLanProcess();
    const first = await connected(clock.port);
    await first.setUser(50, '1005', 'Cleo Diaz', '');
    await first.disconnect().catch(() => undefined);
    await clock.clock.stop();

    const again = await startLanProcess({ dir: clock.dir });
    clock = again;
    const zk = await connected(again.port);
    const users = (await zk.getUsers()).data.map((u) => [u.uid, u.userId]);
    await zk.disconnect().catch(() => undefined);

    expect(users).toEqual([
      [1, ANA.pin],
      [2, BEN.pin],
      [50, '1005'],
    ]);
  });
});
