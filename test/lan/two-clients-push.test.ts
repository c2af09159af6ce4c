// Two SDK clients on the LAN at once while the clock talks PUSH to the reference cloud over loopback HTTP:
// what either client does, and what is done at the clock, reaches the other client and the cloud.
import { afterEach, describe, expect, it } from 'vitest';
import { connectCloud, type CloudLink } from '../../src/cli/cloud-link.js';
import { seedDemoCompany } from '../../src/cli/demo.js';
import { CMD, startLanListener, type LanListener } from '../../src/lan/index.js';
import { createLogger } from '../../src/log.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { next, requireSdk } from './helpers.js';

interface SdkUser {
  uid: number;
  userId: string;
  name: string;
}
/** What node-zklib and zkteco-js (its fork) both offer, and the little more zkteco-js has. */
interface Sdk {
  createSocket(): Promise<unknown>;
  getUsers(): Promise<{ data: SdkUser[] }>;
  getRealTimeLogs(cb: (log: { userId: string }) => void): Promise<void>;
  executeCmd(command: number, data?: string | Buffer): Promise<Buffer>;
  disconnect(): Promise<void>;
}
interface ZktecoJs extends Sdk {
  setUser(uid: number, userid: string, name: string, password: string, role?: number, cardno?: number): Promise<Buffer>;
}
type SdkClass<T> = new (ip: string, port: number, timeout: number, inport: number) => T;
const NodeZkLib = requireSdk('node-zklib') as SdkClass<Sdk>;
const Zkteco = requireSdk('zkteco-js') as SdkClass<ZktecoJs>;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Rig {
  clock: Clock;
  link: CloudLink;
  lan: LanListener;
}

/** The demo company on a clock linked to the embedded cloud over HTTP, its LAN listener on a free port. */
async function linkedClock(): Promise<Rig> {
  const logger = createLogger({ level: 'silent' });
  const clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
  cleanup.push(() => clock.close());
  seedDemoCompany(clock);
  const link = await connectCloud(clock, {
    target: 'embedded',
    dataDir: '',
    memory: true,
    demo: true,
    logger,
    port: 0,
  });
  cleanup.push(() => link.stop());
  const lan = await startLanListener({ clock, log: logger, port: 0 });
  cleanup.push(() => lan.close());
  await link.whenIdle();
  return { clock, link, lan };
}

async function connected<T extends Sdk>(Sdk: SdkClass<T>, lan: LanListener): Promise<T> {
  const zk = new Sdk('127.0.0.1', lan.port, 2000, 0);
  await zk.createSocket();
  cleanup.push(() => zk.disconnect().catch(() => undefined));
  return zk;
}

/** The cloud's REST API, as the portal's users reach it. */
async function cloudApi<T>(link: CloudLink, path: string): Promise<T> {
  const issued = link.cloud!.accounts.issueToken(link.firstAccount!.username, 'test');
  if (!issued.ok) throw new Error(issued.problem.message);
  const answer = await fetch(`${link.url}${path}`, { headers: { authorization: `Bearer ${issued.value.token}` } });
  return (await answer.json()) as T;
}

async function cloudPunchPins(link: CloudLink, sn: string): Promise<string[]> {
  const body = await cloudApi<{ punches?: { pin: string }[] } | { pin: string }[]>(link, `/api/punches?sn=${sn}`);
  return (Array.isArray(body) ? body : (body.punches ?? [])).map((p) => p.pin);
}

/** Registers for real-time events; resolves once the REG_EVENT was answered, with the first event to come. */
async function registered(zk: Sdk): Promise<{ first: Promise<string> }> {
  const first = next<string>((resolve) => void zk.getRealTimeLogs(({ userId }) => resolve(userId)));
  // The clock answers in order: the answer to this command comes after the REG_EVENT's.
  await zk.executeCmd(CMD.GET_TIME);
  // Wrapped: an async function returning the bare promise would wait for the event itself.
  return { first };
}

describe('two SDK clients on the LAN while PUSH runs', () => {
  it('lets node-zklib and zkteco-js read the same users at once', async () => {
    const { clock, lan } = await linkedClock();
    const a = await connected(NodeZkLib, lan);
    const b = await connected(Zkteco, lan);

    const [fromA, fromB] = await Promise.all([a.getUsers(), b.getUsers()]);

    expect(lan.clients()).toBe(2);
    const pins = clock.records.users.search('', 0, 1000).map((u) => u.pin);
    expect(fromA.data.map((u) => u.userId).sort()).toEqual(pins.sort());
    expect(fromB.data.map((u) => u.userId)).toEqual(fromA.data.map((u) => u.userId));
  });

  it('sends a punch at the clock to both clients as a real-time event and to the cloud by PUSH', async () => {
    const { clock, link, lan } = await linkedClock();
    const a = await connected(NodeZkLib, lan);
    const b = await connected(Zkteco, lan);
    const seenByA = await registered(a);
    const seenByB = await registered(b);

    clock.type('1002');
    clock.press('OK');
    await link.whenIdle();

    expect(clock.punches().map((p) => p.pin)).toEqual(['1002']);
    expect(await seenByA.first).toBe('1002');
    expect(await seenByB.first).toBe('1002');
    expect(await cloudPunchPins(link, clock.serialNumber)).toEqual(['1002']);
  });

  it("reports a user zkteco-js creates to the cloud in OPERLOG, and node-zklib's next read has it", async () => {
    const { clock, link, lan } = await linkedClock();
    const a = await connected(NodeZkLib, lan);
    const b = await connected(Zkteco, lan);
    const before = await a.getUsers();
    const uid = Math.max(...before.data.map((u) => u.uid)) + 1;

    await b.setUser(uid, '2001', 'Lan Made', '', 0, 0);
    await link.whenIdle();
    const after = await a.getUsers();
    const operations = await cloudApi<{ op: number; values: unknown[] }[]>(
      link,
      `/api/clocks/${clock.serialNumber}/operations`,
    );

    expect(after.data.map((u) => u.userId)).toContain('2001');
    // The cloud reads the OPERLOG line's fields as numbers.
    expect(operations).toContainEqual(expect.objectContaining({ op: 30, values: [2001, 0, 0] }));
    expect(link.cloud!.store.employees.findByBadge('2001')).toBeDefined();
  });
});
