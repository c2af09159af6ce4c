// Real-time events as integrators receive them: a punch at a separately started `timeclock run --lan`
// arrives in node-zklib's and zklib-js's real-time API over TCP (the 52-byte frame) and over UDP (the
// 18-byte datagram, the only form they parse there).
import { describe, expect, it } from 'vitest';
import { ANA, BEN, sharedLanProcess } from './lan-process.js';
import { connectSdk, SDK_TRANSPORTS } from './sdk-connect.js';

interface ZkLib {
  getInfo(): Promise<unknown>;
  getRealTimeLogs(cb: (log: { userId: string | number; attTime: Date }) => void): Promise<void>;
  disconnect(): Promise<void>;
}

const running = sharedLanProcess();

let punches = 0;
// The two SDKs whose real-time API this file is about (the header): zkteco-js is left out.
describe.each(SDK_TRANSPORTS.filter(([sdk]) => sdk !== 'zkteco-js'))('%s over %s', (sdk, transport) => {
  it('receives a punch typed at the clock as a real-time event with its user id and time', async () => {
    const zk = await connectSdk<ZkLib>(sdk, transport, running().port, 5_000);
    const events: { userId: string; attTime: Date }[] = [];
    const arrived = new Promise<void>((resolve) => {
      void zk.getRealTimeLogs((log) => {
        events.push({ userId: String(log.userId), attTime: log.attTime });
        resolve();
      });
    });
    // A reply to a later request on the same connection: the clock has taken the REG_EVENT before it.
    await zk.getInfo().catch(() => undefined);
    // Two minutes between punches (virtual time), so the duplicate window never refuses one.
    const pin = ++punches % 2 === 0 ? ANA.pin : BEN.pin;
    await running().clock.send(['wait 120000', pin, 'ok'], /Thank|Already|Unknown/);

    await arrived;
    await zk.disconnect().catch(() => undefined);

    expect(events).toHaveLength(1);
    // Over UDP these SDKs read one byte of the 10-byte form's u16 user id (their decodeRecordRealTimeLog18).
    expect(events[0]!.userId).toBe(transport === 'tcp' ? pin : String(Number(pin) & 0xff));
    expect(events[0]!.attTime.getFullYear()).toBe(2026);
  }, 60_000);
});
