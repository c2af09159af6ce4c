// The timesheet rules on a scripted week: the hours each day and the week come to what the rules say.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../firmware/index.js';
import {
  dayOf,
  decimalHours,
  hoursText,
  pairPunches,
  timesheetOf,
  weekOf,
  type TimesheetPunch,
} from '../../src/cloud/domain/index.js';
import { SCRIPTED_DAYS, SCRIPTED_MONDAY, SCRIPTED_TOTAL, SCRIPTED_WEEK } from '../fixtures/timesheet-week.js';

const at = (text: string): number => {
  const t = parseTimestamp(text);
  if (t === undefined) throw new Error(`not a timestamp: ${text}`);
  return t;
};

let nextId = 1;
/** A punch at `time` with the ATTLOG status (255: no state chosen). */
const punch = (time: string, status: number): TimesheetPunch => ({ id: nextId++, time: at(time), status });

const MONDAY = at(`${SCRIPTED_MONDAY} 00:00:00`);
const WEEK: TimesheetPunch[] = SCRIPTED_WEEK.map(([time, status]) => punch(time, status));

describe('timesheets', () => {
  it('gives the stated hours for a scripted week', () => {
    const sheet = timesheetOf(WEEK, MONDAY, 7);

    expect(sheet.days.map((day) => hoursText(day.minutes))).toEqual(SCRIPTED_DAYS);
    expect(hoursText(sheet.minutes)).toBe(SCRIPTED_TOTAL);
    expect(decimalHours(sheet.minutes)).toBe('33.83');
  });

  it('flags the forgotten out and the stray out on their days, counting them no hours', () => {
    const sheet = timesheetOf(WEEK, MONDAY, 7);

    const flags = sheet.days.map((day) => day.missing.map((m) => `${m.missing} beside ${m.punch.id}`));
    expect(flags[5]).toEqual([`out beside ${WEEK[14]!.id}`]);
    expect(flags[6]).toEqual([`in beside ${WEEK[15]!.id}`]);
    expect(sheet.missing).toBe(2);
  });

  it('counts a night shift to the day it began, not the day it ended', () => {
    const sheet = timesheetOf(WEEK, MONDAY, 7);

    expect(sheet.days[0]!.pairs.map((p) => p.in.id)).toEqual([WEEK[2]!.id]);
    expect(sheet.days[2]!.pairs.map((p) => [p.in.id, p.out.id, p.minutes])).toEqual([[WEEK[8]!.id, WEEK[9]!.id, 495]]);
  });

  it('takes the clock’s state over alternation: two ins in a row flag the first', () => {
    const { pairs, missing } = pairPunches([
      punch('2026-11-23 08:00:00', 0),
      punch('2026-11-23 08:05:00', 0),
      punch('2026-11-23 16:05:00', 1),
    ]);

    expect(pairs.map((p) => p.minutes)).toEqual([480]);
    expect(missing.map((m) => m.missing)).toEqual(['out']);
  });

  it('puts days on 00:00 and weeks on Monday', () => {
    expect(dayOf(at('2026-11-25 13:14:15'))).toBe(at('2026-11-25 00:00:00'));
    expect(weekOf(at('2026-11-29 23:59:59'))).toBe(MONDAY);
    expect(weekOf(MONDAY)).toBe(MONDAY);
  });
});
