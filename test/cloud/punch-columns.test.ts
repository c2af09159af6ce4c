// The day table's packed text read into punch columns: the numbers as written (an added punch's negative
// id, a time before 1970), the period's edges, days handed over out of order put back in the rules'
// order, and a damaged row named rather than read as wrong hours.
import { describe, expect, it } from 'vitest';
import { parsePacked, PunchColumns } from '../../src/cloud/db/index.js';

const rows = (columns: PunchColumns): number[][] =>
  Array.from({ length: columns.length }, (_, i) => [
    columns.time[i]!,
    columns.status[i]!,
    columns.id[i]!,
    columns.mark[i]!,
  ]);

describe('the packed punches read into columns', () => {
  it('reads each punch’s four numbers, signs included, and keeps only the period’s', () => {
    const columns = new PunchColumns();

    const ordered = parsePacked(
      '-9,0,1,0,-5,0,7,0,1000,255,-12,2,1772352000000,1,3,1,1772352000001,0,4,0',
      columns,
      -5,
      1772352000001,
      'E1',
    );

    expect(ordered).toBe(true);
    expect(rows(columns)).toEqual([
      [-5, 0, 7, 0],
      [1000, 255, -12, 2],
      [1772352000000, 1, 3, 1],
    ]);
  });

  it('grows past its first size without losing a punch', () => {
    const columns = new PunchColumns();
    const text = Array.from({ length: 1_000 }, (_, i) => `${i * 60_000},${i % 2},${i + 1},0`).join(',');

    parsePacked(text, columns, 0, Number.MAX_SAFE_INTEGER, 'E1');

    expect(columns.length).toBe(1_000);
    expect(rows(columns)[999]).toEqual([999 * 60_000, 1, 1_000, 0]);
  });

  it('says when days came out of order, and sortRange puts them by time, state and id', () => {
    const columns = new PunchColumns();
    columns.push(1, 0, 1, 0);
    const first = columns.length;

    const ordered = parsePacked('500,1,9,0,100,1,8,0,100,0,7,0,100,0,6,0', columns, 0, 1_000, 'E1');
    columns.sortRange(first, columns.length);

    expect(ordered).toBe(false);
    expect(rows(columns).map(([, , id]) => id)).toEqual([1, 6, 7, 8, 9]);
  });

  it('refuses a damaged row or a punch cut short, naming the employee and where', () => {
    expect(() => parsePacked('100,0,1,0,10x,1,2,0', new PunchColumns(), 0, 1_000, 'E7')).toThrow(
      expect.objectContaining({ code: 'TC_ERR_CLOUD_PUNCH_DAYS_DAMAGED' }),
    );
    expect(() => parsePacked('100,0,1,0,10x,1,2,0', new PunchColumns(), 0, 1_000, 'E7')).toThrow(
      /punch_days of employee E7: character 12 is not part of a number, near "100,0,1,0,10x,1,2,0"/,
    );
    expect(() => parsePacked('100,,1,0', new PunchColumns(), 0, 1_000, 'E7')).toThrow(/character 4/);
    expect(() => parsePacked('100,0,1,0,200,1', new PunchColumns(), 0, 1_000, 'E7')).toThrow(/character 15/);
  });
});
