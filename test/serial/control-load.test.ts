// The control protocol against clients that misbehave, over real TCP on 127.0.0.1: clients that never
// read, a line of 60,000 keys, 10 MiB without a newline, a flood of requests, clients that half-close or
// vanish. The clock's queues stay bounded and a well-behaved client is still answered, after little of
// the others' work: these tests count that work (screens drawn, virtual minutes run, requests left), never
// milliseconds; how long the answer takes is measured by scripts/bench/control-load.ts.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import {
  ADVANCE_MS_PER_WORK,
  MAX_KEYS_PER_REQUEST,
  MAX_LINE_BYTES,
  WORK_PER_TURN,
  startBridge,
} from '../../src/serial/index.js';
import type { Bridge, ControlApi } from '../../src/serial/index.js';
import { serialClock, until } from './helpers.js';
import { LineClient, type Message } from './line-client.js';
import { closeAfterEach } from '../fixtures/after-each.js';

const MIB = 1024 * 1024;
const BACKLOG = 256 * 1024;

async function controlOverTcp(options = '') {
  const clock = serialClock();
  const bridge = startBridge(clock, `control:tcp:0${options}`) as Bridge<ControlApi>;
  closeAfterEach(
    () => clock.close(),
    () => bridge.stop(),
  );
  await bridge.ready();
  const port = Number(bridge.address()!.split(':').at(-1));
  const connect = async (reading = true) => {
    const client = await LineClient.connect(port);
    closeAfterEach(() => client.socket.destroy());
    await client.next((m) => m.type === 'hello', 'the hello');
    if (!reading) client.stopReading();
    return client;
  };
  return { clock, bridge, connect };
}

/** The clock over TCP with `idle` clients that never read, then two that do: the flooder and the rig. */
async function idleFlooderAndRig(idle: number) {
  const { clock, bridge, connect } = await controlOverTcp();
  for (let i = 0; i < idle; i++) await connect(false);
  const flooder = await connect();
  const rig = await connect();
  return { clock, bridge, flooder, rig };
}

/**
 * A few of the clock's turns: the rig's request is read in the poll after it is written and answered at
 * once, its reply read in the next, and another client's work runs between polls. A clock that ran one
 * client's whole flood (4,000 turns) or day (90 turns) before reading the rig is far beyond.
 */
const FEW_TURNS = 8;

/** What the clock did for anyone while `work` was pending: the screens it drew and the virtual time it ran. */
async function clockWorkDuring<T>(clock: Clock, work: () => Promise<T>) {
  let screens = 0;
  const off = clock.on('frame.changed', () => screens++);
  const from = clock.now();
  try {
    const result = await work();
    return { result, screens, minutes: (clock.now() - from) / ADVANCE_MS_PER_WORK };
  } finally {
    off();
  }
}

/** The most any connected client costs the clock right now. */
function worstClient(bridge: Bridge<ControlApi>) {
  const clients = bridge.api.clients();
  return {
    backlog: Math.max(0, ...clients.map((c) => c.backlog)),
    pendingBytes: Math.max(0, ...clients.map((c) => c.pendingBytes)),
  };
}

/** A thousand punches of Una's, loaded at once: enough for replies that fill a socket's buffers. */
function backlog(clock: Clock) {
  const punches = Array.from({ length: 1000 }, (_, i) => ({ pin: '1003', time: clock.now() + i, workCode: 0 }));
  return punches.map((p) => ({ ...p, state: 0 as const, verify: 0 as const }));
}

describe('the control protocol with clients that do not read', () => {
  it('refuses a line of 60,000 keys before pressing any and answers another client, with 20 idle clients', async () => {
    const { clock, bridge, flooder, rig } = await idleFlooderAndRig(20);
    const rssBefore = process.memoryUsage().rss;

    const { result: huge, screens } = await clockWorkDuring(clock, async () => {
      for (let i = 0; i < 2; i++) flooder.send({ id: `huge${i}`, cmd: 'keys', keys: '1*'.repeat(30_000) });
      await rig.request({ id: 'screen', cmd: 'screen' });
      return flooder.next((m) => m.id === 'huge1', 'the second refusal');
    });

    expect(huge).toMatchObject({ ok: false, error: { field: 'keys' } });
    expect((huge.error as Message).message).toContain(`at most ${MAX_KEYS_PER_REQUEST} keys per request`);
    expect(screens).toBe(0);
    expect(worstClient(bridge).backlog).toBeLessThanOrEqual(BACKLOG);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * MIB);
  });

  it('answers 10 MiB without a newline with one "line too long", holding at most 64 KiB, while others are served', async () => {
    const { clock, bridge, flooder, rig } = await idleFlooderAndRig(5);

    let held = 0;
    const chunk = Buffer.alloc(MIB, 0x31);
    let screens = 0;
    for (let i = 0; i < 10; i++) {
      flooder.send(chunk.toString('latin1'));
      screens += (await clockWorkDuring(clock, () => rig.request({ id: i, cmd: 'screen' }))).screens;
      held = Math.max(held, worstClient(bridge).pendingBytes);
    }
    flooder.send('\n{"id":"after","cmd":"screen"}\n');
    await flooder.next((m) => m.id === 'after', 'the reply after the long line');

    const tooLong = flooder.received.filter((m) => m.type === 'reply' && m.id === null);
    expect(tooLong).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ field: 'line' }) }),
    ]);
    expect(held).toBeLessThanOrEqual(MAX_LINE_BYTES);
    // Not one of the megabytes of '1' was taken for a key.
    expect(screens).toBe(0);
  });

  it('stops reading a client that does not read its replies, drops its events, and tells it how many', async () => {
    const { clock, bridge, connect } = await controlOverTcp();
    clock.load({ punches: backlog(clock) });
    const stuck = await connect(false);
    const rig = await connect();

    // Each reply is ~150 KB: enough to fill the kernel's buffers, then the clock's outbox.
    for (let i = 0; i < 60; i++) stuck.send({ id: `p${i}`, cmd: 'punches', limit: 1000 });
    await until(() => bridge.api.clients()[0]!.backlog > BACKLOG, 'the stuck client to fall behind');
    const stuckLeft: number[] = [];
    for (let i = 0; i < 10; i++) {
      await rig.request({ id: i, cmd: 'keys', keys: '1003#' });
      stuckLeft.push(bridge.api.clients()[0]!.pendingLines);
    }
    // The rig was answered while the stuck client's requests still waited, not after them.
    expect(Math.min(...stuckLeft)).toBeGreaterThan(0);
    const [state] = bridge.api.clients();
    expect(state!.dropped).toBeGreaterThan(0);
    expect(state!.backlog).toBeLessThan(BACKLOG + 2 * 160 * 1024);

    stuck.readAgain();
    await stuck.next((m) => m.id === 'p59', 'the last reply', 10_000);
    const dropped = stuck.received.filter((m) => m.event === 'events.dropped');
    expect(dropped.reduce((n, m) => n + Number(m.count), 0)).toBe(state!.dropped);
  });

  /**
   * A client that asks for 60 pages of punches and reads none of them, while a rig keeps the clock busy:
   * the stuck client falls behind by more than the bridge keeps (`options` set how far and how long).
   */
  async function leftBehind(options: string) {
    const { clock, bridge, connect } = await controlOverTcp(options);
    clock.load({ punches: backlog(clock) });
    const stuck = await connect(false);
    const rig = await connect();
    for (let i = 0; i < 60; i++) stuck.send({ id: `p${i}`, cmd: 'punches', limit: 1000 });
    await until(() => bridge.api.clients()[0]!.backlog > BACKLOG, 'the stuck client to fall behind');
    for (let i = 0; i < 10; i++) await rig.request({ id: i, cmd: 'keys', keys: '1*' });
    return { bridge, stuck };
  }

  it('hangs up on a client that stays behind, with a bye line saying why', async () => {
    const { bridge, stuck } = await leftBehind(',behind=20');
    stuck.readAgain();
    await stuck.closed;
    await until(() => bridge.api.clients().length === 1, 'the clock to forget the stuck client');

    expect(stuck.received.at(-1)).toMatchObject({
      type: 'bye',
      reason: expect.stringContaining('fell behind: 20 events dropped'),
    });
  });
  it('cuts a client that was hung up on and then reads nothing for `grace` seconds', async () => {
    // grace=1 instead of the default 30 s: the clock lets the socket go while the client still reads nothing.
    const { bridge, stuck } = await leftBehind(',behind=20,grace=1');

    // A hang guard well under the default grace: with 30 s the stuck client would still be held here.
    await until(() => bridge.api.clients().length === 1, 'the clock to cut the client that read nothing', 10_000);
    expect(stuck.received.some((m) => m.type === 'bye')).toBe(false);
  });
});

describe('the control protocol with clients that send a lot or leave half-way', () => {
  it('serves another client between the turns of one that sends 2,000 requests at once', async () => {
    const { clock, bridge, flooder, rig } = await idleFlooderAndRig(5);
    const line = `${JSON.stringify({ cmd: 'keys', keys: '1*'.repeat(MAX_KEYS_PER_REQUEST / 2) })}\n`;

    flooder.send(line.repeat(2000));
    await flooder.next((m) => m.event === 'screen.changed', 'the flood to start');
    flooder.discardIncoming();
    const screens: number[] = [];
    const flooderLeft: number[] = [];
    for (let i = 0; i < 5; i++) {
      screens.push((await clockWorkDuring(clock, () => rig.request({ id: i, cmd: 'screen' }))).screens);
      flooderLeft.push(bridge.api.clients().at(-2)!.pendingLines);
    }

    // Each key of the flood draws a screen: the rig waited for a few of the flooder's turns, not its 64,000 keys.
    expect(Math.max(...screens)).toBeLessThanOrEqual(FEW_TURNS * WORK_PER_TURN);
    expect(Math.min(...flooderLeft)).toBeGreaterThan(0);
  });

  it('answers another client after a few turns of a day that one advances virtual time by, not after the day', async () => {
    const { clock, connect } = await controlOverTcp();
    const traveller = await connect();
    const rig = await connect();

    traveller.send({ id: 'day', cmd: 'advance', ms: 86_400_000 });
    const minutes: number[] = [];
    const dayDone: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      minutes.push((await clockWorkDuring(clock, () => rig.request({ id: i, cmd: 'screen' }))).minutes);
      dayDone.push(traveller.received.some((m) => m.id === 'day'));
    }
    const day = await traveller.next((m) => m.id === 'day', 'the end of the day');

    // A turn of the day is 16 virtual minutes; the day is 1,440.
    expect(Math.max(...minutes)).toBeLessThanOrEqual(FEW_TURNS * WORK_PER_TURN);
    expect(dayDone).toEqual([false, false, false, false, false]);
    expect(day).toMatchObject({ ok: true, nowText: '2026-11-26 07:58:00' });
  });

  it('answers a client that closes its side right after a request, then forgets it', async () => {
    const { bridge, connect } = await controlOverTcp();
    const client = await connect();

    client.send({ id: 'last', cmd: 'card', card: '3003' });
    client.socket.end();
    await client.closed;

    expect(client.received.at(-1)).toMatchObject({ id: 'last', ok: true });
    await until(() => bridge.connections === 0, 'the clock to forget the client');
    expect(bridge.api.clients()).toEqual([]);
  });

  it('is not held up by a client that sent half a line and went quiet, nor by one that vanished', async () => {
    const { bridge, connect } = await controlOverTcp();
    const quiet = await connect();
    const vanished = await connect(false);
    const rig = await connect();

    quiet.send('{"id":1,"cmd":"scr');
    vanished.send('{"id":1,"cmd":"keys","keys":"1003');
    vanished.socket.destroy();
    const { reply } = await rig.request({ id: 'ok', cmd: 'keys', keys: '1003#' });

    expect(reply).toMatchObject({ ok: true });
    await until(() => bridge.connections === 2, 'the clock to forget the vanished client');
    expect(bridge.api.clients().map((c) => c.pendingBytes)).toContain('{"id":1,"cmd":"scr'.length);
  });
});
