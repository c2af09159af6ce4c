// Comm-key guessing against a separate `timeclock run` whose key was set at its menu: five wrong keys
// lock the guessing address as the keypad locks, the lock holds even for the right key, other addresses
// are not locked until many addresses together guess too much, and the log stays short.
import { afterEach, describe, expect, it } from 'vitest';
import { CMD, REPLY, commKeyBytes, encodePacket } from '../../src/lan/index.js';
import { RawTcp, rawUdp, setCommKey, startLanClock, type LanClock } from './raw-clients.js';

const KEY = 123456;
const GUESSES = 1_000;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function keyedClock(): Promise<LanClock> {
  const lan = await startLanClock(['--no-demo']);
  cleanup.push(() => lan.stop());
  await setCommKey(lan, KEY);
  return lan;
}

async function client(lan: LanClock, address = '127.0.0.1'): Promise<RawTcp> {
  const c = await RawTcp.open(lan.port, address);
  cleanup.push(() => c.destroy());
  expect((await c.request(CMD.CONNECT)).command).toBe(REPLY.UNAUTH);
  return c;
}

const auth = async (c: RawTcp, key: number) => (await c.request(CMD.AUTH, commKeyBytes(key, c.session))).command;

describe('comm-key guessing', () => {
  it(`answers ${GUESSES} guesses from one address, looks at five of them, then refuses even the right key`, async () => {
    const lan = await keyedClock();
    const from = lan.clock.mark();
    const guesser = await client(lan);

    const answers: number[] = [];
    for (let guess = 0; guess < GUESSES; guess++) answers.push(await auth(guesser, guess));
    const right = await auth(guesser, KEY);

    expect(answers.filter((a) => a !== REPLY.UNAUTH)).toEqual([]);
    expect(right).toBe(REPLY.UNAUTH);
    const lines = lan.lanLines(from);
    // The session looked at five keys; the rest were refused before it, their refusals counted, not written.
    expect(lines.filter((line) => line.includes('wrong comm key')).length).toBe(5);
    expect(lines.length).toBeLessThan(30);
  }, 60_000);

  it('lets the right key in from another address while one address is locked', async () => {
    const lan = await keyedClock();
    const guesser = await client(lan, '127.0.0.2');
    for (let guess = 1; guess <= 10; guess++) await auth(guesser, guess);

    const other = await client(lan, '127.0.0.3');
    const answer = await auth(other, KEY);
    const after = await other.request(CMD.GET_FREE_SIZES);

    expect(answer).toBe(REPLY.OK);
    expect(after.command).toBe(REPLY.OK);
  }, 60_000);

  it('locks every address once many addresses together have guessed thirty wrong keys', async () => {
    const lan = await keyedClock();
    for (let host = 10; host < 16; host++) {
      const guesser = await client(lan, `127.0.0.${host}`);
      for (let guess = 1; guess <= 5; guess++) await auth(guesser, guess);
    }

    const newcomer = await client(lan, '127.0.0.99');
    const answer = await auth(newcomer, KEY);

    expect(answer).toBe(REPLY.UNAUTH);
  }, 60_000);

  it('accepts the right key at once from an address that has not guessed', async () => {
    const lan = await keyedClock();
    const c = await client(lan, '127.0.0.4');

    expect(await auth(c, KEY)).toBe(REPLY.OK);
  }, 60_000);

  it('lets a UDP client with the key in while another host holds 80 UDP sessions that never authenticate', async () => {
    const lan = await keyedClock();
    const flood = await Promise.all(Array.from({ length: 80 }, () => rawUdp(lan.port, '127.0.0.2')));
    cleanup.push(() => Promise.all(flood.map((p) => p.close())).then(() => undefined));
    let answered = 0;
    for (const p of flood) p.socket.on('message', () => answered++);
    for (const p of flood) p.send(encodePacket(CMD.CONNECT, 0, 65534));

    const client = await rawUdp(lan.port);
    cleanup.push(() => client.close());
    const connect = await client.ask(encodePacket(CMD.CONNECT, 0, 65534));
    const session = connect.readUInt16LE(4);
    const auth = await client.ask(encodePacket(CMD.AUTH, session, 1, commKeyBytes(KEY, session)));
    const sizes = await client.ask(encodePacket(CMD.GET_FREE_SIZES, session, 2));

    expect(connect.readUInt16LE(0)).toBe(REPLY.UNAUTH);
    expect(auth.readUInt16LE(0)).toBe(REPLY.OK);
    expect(sizes.readUInt16LE(0)).toBe(REPLY.OK);
    // The flooding host got sessions for 64 ports at most: beyond 16 waiting ones with every slot taken, none.
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(64);
  }, 60_000);
});
