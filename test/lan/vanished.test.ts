// A client that disabled the clock (DISABLEDEVICE, "Working...") and vanished without ENABLEDEVICE: the
// clock ends the disabling with the session, as real clocks do — over TCP when the connection goes, over
// UDP when the silent peer is forgotten. A clock another client still keeps disabled stays disabled.
import { afterEach, describe, expect, it } from 'vitest';
import { CMD, encodePacket, startLanListener, type LanLimits } from '../../src/lan/index.js';
import { createLogger } from '../../src/log.js';
import { createClock } from '../../src/runtime/index.js';
import { requireSdk } from './helpers.js';
import { RawTcp, rawUdp, startLanClock } from './raw-clients.js';

interface NodeZkLib {
  createSocket(): Promise<void>;
  disableDevice(): Promise<Buffer>;
  zklibTcp: { socket: { destroy(): void } | null };
}
const ZKLib = requireSdk('node-zklib') as new (ip: string, port: number, timeout: number, inport: number) => NodeZkLib;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('a disabling client that vanished', () => {
  it('over TCP: the clock in its own process is enabled again when the connection is gone', async () => {
    const lan = await startLanClock();
    cleanup.push(() => lan.stop());
    const zk = new ZKLib('127.0.0.1', lan.port, 5_000, 0);
    await zk.createSocket();

    const disabled = lan.clock.mark();
    await zk.disableDevice();
    await lan.clock.waitFor(/Working\.\.\./, disabled);
    const vanished = lan.clock.mark();
    zk.zklibTcp.socket?.destroy();

    await lan.clock.waitFor(/disabled the clock is gone: enabled again/, vanished);
    await lan.clock.waitFor(/Enter ID/, vanished);
  }, 60_000);

  it('stays disabled while another client that disabled it is still there', async () => {
    const rig = await inProcess({});
    const stays = await RawTcp.open(rig.listener.port);
    const leaves = await RawTcp.open(rig.listener.port);
    cleanup.push(() => stays.destroy());
    await stays.request(CMD.CONNECT);
    await leaves.request(CMD.CONNECT);
    await stays.request(CMD.DISABLEDEVICE);
    await leaves.request(CMD.DISABLEDEVICE);

    leaves.destroy();
    await until(() => rig.listener.clients() === 1);
    const whileOneStays = rig.clock.screenText();
    stays.destroy();
    await until(() => rig.listener.clients() === 0);

    expect(whileOneStays).toContain('Working...');
    expect(rig.clock.screenText()).not.toContain('Working...');
  }, 60_000);

  it('over UDP: a silent peer that disabled the clock is forgotten and the clock enabled again', async () => {
    const { clock, listener } = await inProcess({ udpIdleMs: 200, evictIdleMs: 200 });
    const peer = await rawUdp(listener.port);
    const session = (await peer.ask(encodePacket(CMD.CONNECT, 0, 65534))).readUInt16LE(4);
    await peer.ask(encodePacket(CMD.DISABLEDEVICE, session, 1));
    const busy = clock.screenText();
    await peer.close();

    await until(() => listener.clients() === 0);

    expect(busy).toContain('Working...');
    expect(clock.screenText()).not.toContain('Working...');
  }, 60_000);
});

/** The listener in this process, where the test can see its client count and the clock's screen. */
async function inProcess(limits: Partial<LanLimits>) {
  const clock = createClock({ time: { virtual: '2026-11-25T08:00:00' } });
  const listener = await startLanListener({ clock, log: createLogger({ level: 'silent' }), port: 0, limits });
  cleanup.push(async () => {
    await listener.close();
    clock.close();
  });
  return { clock, listener };
}

/** Resolves once `done()` holds, looked at on every turn of the event loop (no sleeping). */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = () => (done() ? resolve() : setImmediate(look));
    look();
  });
}
