// Device time: the protocol's timestamp form both ways, and only real calendar times accepted.
import { describe, expect, it } from 'vitest';

import {
  formatClock,
  formatDate,
  formatTimestamp,
  minuteOfDay,
  parseTimestamp,
  startOfDay,
  weekday,
} from '../../firmware/time.js';

const PUNCH_TIME = Date.UTC(2026, 10, 25, 8, 2, 11);

describe('formatting', () => {
  it('writes the protocol timestamp form', () => {
    expect(formatTimestamp(PUNCH_TIME)).toBe('2026-11-25 08:02:11');
  });

  it('writes the date alone', () => {
    expect(formatDate(PUNCH_TIME)).toBe('2026-11-25');
  });

  it('writes the clock face hours and minutes', () => {
    expect(formatClock(PUNCH_TIME)).toBe('08:02');
  });

  it('names the weekday', () => {
    expect(weekday(PUNCH_TIME)).toBe('Wed');
  });

  it('pads single digits with zeros', () => {
    expect(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05');
  });
});

describe('parseTimestamp', () => {
  it('reads the protocol timestamp form', () => {
    expect(parseTimestamp('2026-11-25 08:02:11')).toBe(PUNCH_TIME);
  });

  it('reads the ISO form with a T', () => {
    expect(parseTimestamp('2026-11-25T08:02:11')).toBe(PUNCH_TIME);
  });

  it('reads a time without seconds as the start of the minute', () => {
    expect(parseTimestamp('2026-11-25 08:02')).toBe(Date.UTC(2026, 10, 25, 8, 2, 0));
  });

  it('ignores spaces around the text', () => {
    expect(parseTimestamp('  2026-11-25 08:02:11\n')).toBe(PUNCH_TIME);
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseTimestamp('2028-02-29 12:00:00')).toBe(Date.UTC(2028, 1, 29, 12));
  });

  it('accepts 29 February 2000, a leap year though a century', () => {
    expect(parseTimestamp('2000-02-29 00:00:00')).toBe(Date.UTC(2000, 1, 29));
  });

  it('round-trips through formatTimestamp', () => {
    expect(formatTimestamp(parseTimestamp('2026-12-31 23:59:59')!)).toBe('2026-12-31 23:59:59');
  });

  it.each([
    ['30 February', '2026-02-30 08:00:00'],
    ['29 February of a common year', '2026-02-29 08:00:00'],
    ['29 February 1900, a century that is not a leap year', '1900-02-29 08:00:00'],
    ['31 April', '2026-04-31 08:00:00'],
    ['month 13', '2026-13-01 08:00:00'],
    ['month 0', '2026-00-10 08:00:00'],
    ['day 0', '2026-11-00 08:00:00'],
    ['hour 24', '2026-11-25 24:00:00'],
    ['minute 60', '2026-11-25 23:60:00'],
    ['second 60', '2026-11-25 23:59:60'],
    ['a date without a time', '2026-11-25'],
    ['single-digit fields', '2026-1-2 3:04:05'],
    ['a time zone suffix', '2026-11-25T08:02:11Z'],
    ['an empty text', ''],
    ['words', 'tomorrow at eight'],
  ])('is undefined for %s', (_what, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe('day arithmetic', () => {
  it('counts minutes since local midnight', () => {
    expect(minuteOfDay(PUNCH_TIME)).toBe(8 * 60 + 2);
  });

  it('finds the local midnight of a time', () => {
    expect(startOfDay(PUNCH_TIME)).toBe(Date.UTC(2026, 10, 25));
  });

  it('keeps midnight itself as the start of its day', () => {
    expect(startOfDay(Date.UTC(2026, 10, 25))).toBe(Date.UTC(2026, 10, 25));
  });
});
