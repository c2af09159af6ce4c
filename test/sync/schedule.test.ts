// When a clock without Realtime uploads by itself: TransInterval and TransTimes against device time.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../firmware/time.js';
import { minuteOf, nextTransferIn } from '../../src/sync/schedule.js';

const at = (text: string): number => parseTimestamp(text)!;
const MINUTE = 60_000;

describe('nextTransferIn', () => {
  it('waits TransInterval minutes when there are no TransTimes', () => {
    const wait = nextTransferIn(at('2026-11-25 08:00:00'), {
      realtime: false,
      transIntervalMinutes: 5,
      transTimes: [],
    });

    expect(wait).toBe(5 * MINUTE);
  });

  it('takes the nearest of the interval and the next TransTime of the day', () => {
    const schedule = { realtime: false, transIntervalMinutes: 60, transTimes: ['00:00', '14:05'] };

    expect(nextTransferIn(at('2026-11-25 14:00:00'), schedule)).toBe(5 * MINUTE);
    expect(nextTransferIn(at('2026-11-25 12:00:00'), schedule)).toBe(60 * MINUTE);
  });

  it('rolls a TransTime already passed, or due now, over to the next day', () => {
    const schedule = { realtime: false, transIntervalMinutes: 0, transTimes: ['08:30'] };

    expect(nextTransferIn(at('2026-11-25 08:30:00'), schedule)).toBe(24 * 60 * MINUTE);
    expect(nextTransferIn(at('2026-11-25 23:30:00'), schedule)).toBe(9 * 60 * MINUTE);
  });

  it('schedules nothing with no interval and no usable time', () => {
    expect(
      nextTransferIn(at('2026-11-25 08:00:00'), { realtime: false, transIntervalMinutes: 0, transTimes: ['25:00'] }),
    ).toBeUndefined();
  });
});

describe('minuteOf', () => {
  it('reads HH:MM and H:MM, and nothing else', () => {
    expect(minuteOf('14:05')).toBe(845);
    expect(minuteOf('7:30')).toBe(450);
    expect(minuteOf('24:00')).toBeUndefined();
    expect(minuteOf('noon')).toBeUndefined();
  });
});
