// The SDKs as integrators run them: a separately started `timeclock run --headless --lan` on a store of
// 100,000 punches, read by node-zklib, zklib-js and zkteco-js over TCP and by node-zklib and zklib-js
// over UDP — every record, in order. (zkteco-js 1.7.2 cannot read a chunked table over UDP at all: its
// handleChunkedData returns before the data arrives; docs/wire-formats.md says so.)
import { describe, expect, it } from 'vitest';
import { encodeTime } from '../../src/lan/index.js';
import { seededPunch, sharedLanProcess } from './lan-process.js';
import { connectSdk, quiet, SDK_TRANSPORTS } from './sdk-connect.js';

const PUNCHES = 100_000;

/** node-zklib and zklib-js name the fields deviceUserId / recordTime, zkteco-js user_id / record_time. */
interface Record40 {
  deviceUserId?: string | number;
  recordTime?: Date | string;
  user_id?: string;
  record_time?: string;
}
interface Reader {
  getAttendances(): Promise<{ data: Record40[]; err: unknown }>;
  disconnect(): Promise<void>;
}

const running = sharedLanProcess({ punches: PUNCHES });

/** The seeded punches' user ids and times, as the records must carry them, in log order. */
function expectedRecords(): { user: string; time: number }[] {
  return Array.from({ length: PUNCHES }, (_, i) => {
    const punch = seededPunch(i);
    return { user: punch.pin, time: encodeTime(punch.time) };
  });
}

/** The SDKs turn the record's time into a local Date; the device's time field is what they decoded. */
function asDeviceTime(value: Date | string): number {
  const d = new Date(value);
  return encodeTime(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()));
}

describe.each(SDK_TRANSPORTS)('%s over %s from another process', (sdk, transport) => {
  it('reads all 100,000 attendance records in order, twice in a row', async () => {
    const expected = expectedRecords();
    for (let round = 0; round < 2; round++) {
      const zk = await connectSdk<Reader>(sdk, transport, running().port, 10_000);
      const { data, err } = await quiet(() => zk.getAttendances());
      await quiet(() => zk.disconnect().catch(() => undefined));

      expect(err ?? null).toBeNull();
      expect(data).toHaveLength(PUNCHES);
      const got = data.map((r) => ({
        user: String(r.deviceUserId ?? r.user_id),
        time: asDeviceTime(r.recordTime ?? r.record_time ?? ''),
      }));
      const first = got.findIndex((r, i) => r.user !== expected[i]!.user || r.time !== expected[i]!.time);
      // The first record out of place, not a diff of 100,000.
      expect(first === -1 ? 'all in order' : { at: first, got: got[first], expected: expected[first] }).toBe(
        'all in order',
      );
    }
  }, 120_000);
});
