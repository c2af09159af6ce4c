// The LAN port against what a network sends it, with the clock in its own process (`timeclock run`):
// silent TCP connections and junk UDP datagrams hold no slot an SDK client needs, and the log stays short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CMD, REPLY, encodePacket } from '../../src/lan/index.js';
import { requireSdk } from './helpers.js';
import { RawTcp, rawUdp, startLanClock, type LanClock } from './raw-clients.js';

interface NodeZkLib {
  createSocket(): Promise<void>;
  getInfo(): Promise<{ userCounts: number; logCounts: number }>;
  getUsers(): Promise<{ data: { userId: string; name: string }[] }>;
  disconnect(): Promise<void>;
  connectionType: 'tcp' | 'udp' | null;
  zklibUdp: { createSocket(): Promise<void>; connect(): Promise<boolean> };
}
const ZKLib = requireSdk('node-zklib') as new (ip: string, port: number, timeout: number, inport: number) => NodeZkLib;

/** More than the clock's 64 slots. */
const ATTACKERS = 80;

let lan: LanClock;
beforeAll(async () => {
  lan = await startLanClock();
}, 60_000);
afterAll(async () => {
  await lan.stop();
});

describe('silent TCP connections', () => {
  it(`lets an SDK client in and read while another host holds ${ATTACKERS} connections that never speak`, async () => {
    const silent = await Promise.all(Array.from({ length: ATTACKERS }, () => RawTcp.open(lan.port, '127.0.0.2')));
    // The clock has seen each of them once it has refused the ones over its 64 slots.
    await until(() => silent.filter((s) => s.closed).length >= ATTACKERS - 64);

    const zk = new ZKLib('127.0.0.1', lan.port, 5_000, 0);
    await zk.createSocket();
    const { data } = await zk.getUsers();
    await zk.disconnect();

    expect(zk.connectionType).toBe('tcp');
    expect(data.map((u) => u.name)).toContain('Ana Lopez');
    expect(silent.filter((s) => s.closed).length).toBeGreaterThan(ATTACKERS - 64);
    for (const s of silent) s.destroy();
  }, 60_000);

  it('drops a connection that sends no CONNECT by its deadline, and logs the drops at a bounded rate', async () => {
    const silent = await Promise.all(Array.from({ length: 40 }, () => RawTcp.open(lan.port)));

    await Promise.all(silent.map((s) => s.whenClosed()));

    // This minute the clock dropped more than 50 connections (these, and the test before's over their
    // deadline or evicted): ten lines at most of each kind say so.
    const lines = lan.lanLines();
    const overdue = lines.filter((line) => line.includes('no CONNECT within'));
    const evicted = lines.filter((line) => line.includes('its slot went to'));
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThanOrEqual(10);
    expect(evicted.length).toBeLessThanOrEqual(10);
  }, 60_000);
});

describe('one connection repeating CONNECT', () => {
  it('gets four sessions and then refusals, and the log four lines and a few refusals', async () => {
    const from = lan.clock.mark();
    const client = await RawTcp.open(lan.port);
    const label = `127.0.0.1:${client.socket.localPort}"`;

    const answers: number[] = [];
    for (let i = 0; i < 1_000; i++) answers.push((await client.request(CMD.CONNECT)).command);
    client.destroy();

    expect(answers.slice(0, 4)).toEqual([REPLY.OK, REPLY.OK, REPLY.OK, REPLY.OK]);
    expect(answers.slice(4).every((a) => a === REPLY.ERROR)).toBe(true);
    // Its own lines (other tests' drops share this clock's log and minute).
    const lines = lan.lanLines(from).filter((line) => line.includes(label));
    expect(lines.filter((line) => line.includes('LAN client connected')).length).toBe(4);
    expect(lines.length).toBeLessThanOrEqual(4 + 10);
  }, 60_000);
});

describe('junk UDP datagrams', () => {
  it(`lets a UDP SDK client in and read after junk from ${ATTACKERS} ports`, async () => {
    const from = lan.clock.mark();
    const ports = await Promise.all(Array.from({ length: ATTACKERS }, () => rawUdp(lan.port)));
    // One byte, then a well-formed request without a session: its ACK_UNAUTH says the junk before it was read.
    const answers = await Promise.all(
      ports.map((p) => {
        p.send(Buffer.from([0x41]));
        return p.ask(encodePacket(CMD.GET_TIME, 0, 1));
      }),
    );

    const zk = new ZKLib('127.0.0.1', lan.port, 5_000, 0);
    await zk.zklibUdp.createSocket();
    await zk.zklibUdp.connect();
    zk.connectionType = 'udp';
    // The sizes, not the user list: over UDP node-zklib decodes 28-byte users, and this model sends 72.
    const info = await zk.getInfo();
    await zk.disconnect();
    await Promise.all(ports.map((p) => p.close()));

    expect(answers.every((a) => a.readUInt16LE(0) === REPLY.UNAUTH)).toBe(true);
    expect(info.userCounts).toBe(6);
    // 160 refused datagrams: ten lines at most, the rest counted.
    expect(lan.lanLines(from).filter((line) => line.includes('without a session')).length).toBeLessThanOrEqual(10);
  }, 60_000);
});

/** Resolves once `done()` holds, looked at on every turn of the event loop (no sleeping). */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = () => (done() ? resolve() : setImmediate(look));
    look();
  });
}
