// The day table's narrow packed text read into punch columns: a clock's punch as a letter and a second of
// the day, the rest written in full (an added punch's negative id, a state beyond 9, milliseconds), days
// before 1970, the period's edges, days handed over out of order put back in the rules' order, and a
// damaged row named rather than read as wrong hours.
import { describe, expect, it } from 'vitest';
import { parsePacked, PunchColumns } from '../../src/cloud/db/index.js';

const DAY = 86_400_000;
/** 2026-03-01, day 20513 since 1970. */
const MARCH = Date.UTC(2026, 2, 1);

const rows = (columns: PunchColumns): number[][] =>
  Array.from({ length: columns.length }, (_, i) => [
    columns.time[i]!,
    columns.status[i]!,
    columns.id[i]!,
    columns.mark[i]!,
  ]);

describe('the packed punches read into columns', () => {
  it('reads the letters, seconds and full punches of each day, signs included, and keeps only the period’s', () => {
    const columns = new PunchColumns();

    const ordered = parsePacked(
      '#-1a86390b86395|86399999,255,-12,2#20513b0a28800|28800001,0,4,1j86399',
      columns,
      -5_000,
      MARCH + 86_399_000,
      'E1',
    );

    expect(ordered).toBe(true);
    expect(rows(columns)).toEqual([
      [-5_000, 1, 0, 0],
      [-1, 255, -12, 2],
      [MARCH, 1, 0, 0],
      [MARCH + 28_800_000, 0, 0, 0],
      [MARCH + 28_800_001, 0, 4, 1],
    ]);
  });

  it('skips the days wholly outside the period', () => {
    const columns = new PunchColumns();

    parsePacked('#20512a100#20513a200#20514a300', columns, MARCH, MARCH + DAY, 'E1');

    expect(rows(columns)).toEqual([[MARCH + 200_000, 0, 0, 0]]);
  });

  it('grows past its first size without losing a punch', () => {
    const columns = new PunchColumns();
    const text = Array.from({ length: 1_000 }, (_, i) => `#${i}a${i}b${i + 60}`).join('');

    parsePacked(text, columns, 0, Number.MAX_SAFE_INTEGER, 'E1');

    expect(columns.length).toBe(2_000);
    expect(rows(columns)[1_999]).toEqual([999 * DAY + 1_059_000, 1, 0, 0]);
  });

  it('says when days came out of order, and sortRange puts them by time, state and id', () => {
    const columns = new PunchColumns();
    columns.push(1, 0, 1, 0);
    const first = columns.length;

    const ordered = parsePacked('#1b5|100,1,8,1#0a100|100,0,7,2|100,0,6,2', columns, 0, 2 * DAY, 'E1');
    columns.sortRange(first, columns.length);

    expect(ordered).toBe(false);
    expect(rows(columns).map(([, , id]) => id)).toEqual([1, 6, 7, 0, 8, 0]);
  });

  it('refuses a damaged row or a punch cut short, naming the employee and where', () => {
    expect(() => parsePacked('#0a100a1x0', new PunchColumns(), 0, DAY, 'E7')).toThrow(
      expect.objectContaining({ code: 'TC_ERR_CLOUD_PUNCH_DAYS_DAMAGED' }),
    );
    expect(() => parsePacked('#0a100a1x0', new PunchColumns(), 0, DAY, 'E7')).toThrow(
      /punch_days of employee E7: character 8 is out of place, near "#0a100a1x0"/,
    );
    // A punch before any day, a letter without its second, a second past the day's end, a full punch cut short.
    expect(() => parsePacked('a100', new PunchColumns(), 0, DAY, 'E7')).toThrow(/character 0/);
    expect(() => parsePacked('#0ab5', new PunchColumns(), 0, DAY, 'E7')).toThrow(/character 3/);
    expect(() => parsePacked('#0a86400', new PunchColumns(), 0, DAY, 'E7')).toThrow(/character 8/);
    expect(() => parsePacked('#0|100,0,7', new PunchColumns(), 0, DAY, 'E7')).toThrow(/character 10/);
    expect(() => parsePacked('#0|100,0,7,3', new PunchColumns(), 0, DAY, 'E7')).toThrow(/character 12/);
  });
});
