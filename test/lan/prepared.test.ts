// A prepared attendance table costs one buffer however many clients read it, is built again only after
// a change, and leaves the event loop a turn between slices (counted in turns, not timed).
import { afterEach, describe, expect, it } from 'vitest';
import { PreparedTables, SLICE_PUNCHES } from '../../src/lan/prepared.js';
import { ATT_16, ATT_40 } from '../../src/lan/records.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { ANA, seedPunches } from './helpers.js';
import { newUser } from '../../firmware/index.js';

let clock: Clock | undefined;
afterEach(() => clock?.close());

function seeded(count: number): Clock {
  clock = createClock({ time: { virtual: '2026-11-25T08:00:00' } });
  clock.load({ users: [newUser(ANA.pin)] });
  seedPunches(clock, count);
  return clock;
}

describe('prepared attendance tables', () => {
  it('gives every reader of an unchanged table the same buffer', async () => {
    const tables = new PreparedTables(seeded(5_000));

    const [a, b] = await Promise.all([tables.attendance(ATT_40), tables.attendance(ATT_40)]);
    const c = await tables.attendance(ATT_40);

    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.readUInt32LE(0)).toBe(5_000 * 40);
  });

  it('builds the table again after a change', async () => {
    const clock = seeded(10);
    const tables = new PreparedTables(clock);
    const before = await tables.attendance(ATT_16);

    seedPunches(clock, 1);
    const after = await tables.attendance(ATT_16);

    expect(after).not.toBe(before);
    expect(after.readUInt32LE(0)).toBe(11 * 16);
  });

  it('lets the event loop turn between slices while it builds a large table', async () => {
    const tables = new PreparedTables(seeded(10 * SLICE_PUNCHES));
    let turns = 0;
    let building = true;
    const count = (): void => {
      turns++;
      if (building) setImmediate(count);
    };
    setImmediate(count);

    const table = await tables.attendance(ATT_40);
    building = false;

    expect(table.length).toBe(4 + 10 * SLICE_PUNCHES * 40);
    expect(turns).toBeGreaterThanOrEqual(9);
  });
});
