// Hours worked from punches: which punch is an in and which an out, what pairs with what, the day and
// the week a pair counts to, and the rounding. Pure — punches in, days out — so that the page, the CSV,
// the benchmark and a scenario's `expect` all compute hours the one way stated in TIMESHEET_RULES.
import { formatDate, type LocalTime } from '../../../firmware/index.js';

export const DAY_MS = 86_400_000;
/** The longest time an in waits for its out: a night shift fits, a forgotten out does not. */
export const MAX_SHIFT_MS = 16 * 3_600_000;
/** How far before a period punches are read, so that pairing has started over (after a 16 h gap) before it. */
export const WARM_UP_MS = 7 * DAY_MS;

/** The rules as the timesheet page and the README state them, one sentence each. */
export const TIMESHEET_RULES: readonly string[] = [
  'Times are the clock’s own local time; a day runs from 00:00 to 24:00 and a week from Monday to Sunday.',
  'A punch the clock sent with a state counts as that state: check-in, break-in and overtime-in are ins; ' +
    'check-out, break-out and overtime-out are outs.',
  'A punch sent without a state (255, or a code the clock does not define) alternates: it is an out when an ' +
    'in is waiting for one, an in otherwise.',
  'An in pairs with the next out of the same employee, from any clock, if it comes within 16 hours; ' +
    'otherwise the in is flagged “missing out”. An out with no in waiting is flagged “missing in”. ' +
    'Flagged punches count no hours.',
  'A pair counts to the day and the week of its in, so a night shift counts to the day it began.',
  'Each pair counts whole minutes (seconds dropped); a day is the sum of its pairs, a week the sum of its days. ' +
    'Hours are shown as h:mm and, in the CSV, as decimal hours to two places.',
  'A punch an administrator corrected counts at its corrected time and state, a punch added counts as if the ' +
    'clock had sent it, and a voided punch does not count; each is marked “corrected” or “added” where it shows.',
  'Pairing starts over after 16 hours without a punch; the portal reads the 7 days before a period to find ' +
    'where, so a period’s hours do not depend on older punches.',
];

export type Direction = 'in' | 'out';

export interface TimesheetPunch {
  /** Where an administrator changed the punch: the clock punch's id, minus the addition's for one added. */
  id?: number;
  time: LocalTime;
  /** The ATTLOG status: 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 overtime-in, 5 overtime-out. */
  status: number;
  /** Absent as the clock sent it; `corrected` or `added` by an administrator (a voided punch is not here). */
  mark?: 'corrected' | 'added';
}

export interface WorkPair {
  in: TimesheetPunch;
  out: TimesheetPunch;
  minutes: number;
}

export interface MissingPunch {
  /** What is missing beside `punch`: the out after an in, or the in before an out. */
  missing: Direction;
  punch: TimesheetPunch;
}

export interface TimesheetDay {
  /** 00:00 of the day, clock local. */
  date: LocalTime;
  pairs: WorkPair[];
  missing: MissingPunch[];
  minutes: number;
}

export interface Timesheet {
  days: TimesheetDay[];
  minutes: number;
  /** How many punches are flagged across the period. */
  missing: number;
}

const INS = new Set([0, 3, 4]);
const OUTS = new Set([1, 2, 5]);

/** in or out by the clock's state; undefined when the clock sent none. */
export function directionOf(status: number): Direction | undefined {
  if (INS.has(status)) return 'in';
  if (OUTS.has(status)) return 'out';
  return undefined;
}

/** 00:00 of the day `t` falls on. */
export function dayOf(t: LocalTime): LocalTime {
  return t - (((t % DAY_MS) + DAY_MS) % DAY_MS);
}

/** 00:00 of the Monday of the week `t` falls on. */
export function weekOf(t: LocalTime): LocalTime {
  const day = dayOf(t);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY_MS;
}

/** What pairing tells as it walks: a pair of the punches at `inAt` and `outAt`, or a punch flagged. */
export interface PairSink {
  pair(inAt: number, outAt: number): void;
  flag(at: number, missing: Direction): void;
}

const IN = 1;
const OUT = 2;
/** in or out by the state, one entry per state the clock defines; 0 (none) for every other. */
const DIRECTIONS = Uint8Array.from({ length: 256 }, (_, s) => (INS.has(s) ? IN : OUTS.has(s) ? OUT : 0));

/**
 * Pairs one employee's punches from `first` to `end` of the columns, in the rules' order, by the rules
 * above; tells `sink` each pair and flag in the punches' order (so each day's come together). The one
 * pairing: the object reading below and the columns of the month's CSV both come here.
 */
export function pairRange(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  first: number,
  end: number,
  sink: PairSink,
): void {
  let open = -1;
  for (let at = first; at < end; at++) {
    if (open !== -1 && time[at]! - time[open]! > MAX_SHIFT_MS) {
      sink.flag(open, 'out');
      open = -1;
    }
    const state = status[at]!;
    const direction = (state >= 0 && state < 256 ? DIRECTIONS[state]! : 0) || (open === -1 ? IN : OUT);
    if (direction === IN) {
      if (open !== -1) sink.flag(open, 'out');
      open = at;
    } else if (open === -1) {
      sink.flag(at, 'in');
    } else {
      sink.pair(open, at);
      open = -1;
    }
  }
  if (open !== -1) sink.flag(open, 'out');
}

/**
 * Pairs one employee's punches, in time order, by the rules above. Punches of any period;
 * the caller keeps the pairs and flags of the days it shows.
 */
export function pairPunches(punches: readonly TimesheetPunch[]): { pairs: WorkPair[]; missing: MissingPunch[] } {
  const pairs: WorkPair[] = [];
  const missing: MissingPunch[] = [];
  const time = punches.map((p) => p.time);
  pairRange(
    time,
    punches.map((p) => p.status),
    0,
    punches.length,
    {
      pair: (inAt, outAt) =>
        pairs.push({ in: punches[inAt]!, out: punches[outAt]!, minutes: pairMinutes(time[inAt]!, time[outAt]!) }),
      flag: (at, direction) => missing.push({ missing: direction, punch: punches[at]! }),
    },
  );
  return { pairs, missing };
}

/**
 * The timesheet of `days` days from `from` (00:00 of the first) out of one employee's punches, which
 * should reach WARM_UP_MS before `from` and MAX_SHIFT_MS after the last day so pairs at the edges close.
 */
export function timesheetOf(punches: readonly TimesheetPunch[], from: LocalTime, days: number): Timesheet {
  const { pairs, missing } = pairPunches(punches);
  return sheetOf(pairs, missing, from, days);
}

/**
 * The days of a period from pairs and flags made by the rules (pairPunches), each pair to the day of its
 * in; those outside the period are left out.
 */
export function sheetOf(
  pairs: readonly WorkPair[],
  missing: readonly MissingPunch[],
  from: LocalTime,
  days: number,
): Timesheet {
  const sheet: TimesheetDay[] = Array.from({ length: days }, (_, i) => ({
    date: from + i * DAY_MS,
    pairs: [],
    missing: [],
    minutes: 0,
  }));
  for (const pair of pairs) {
    const day = sheet[dayIndex(pair.in.time, from, days)];
    if (day === undefined) continue;
    day.pairs.push(pair);
    day.minutes += pair.minutes;
  }
  let flagged = 0;
  for (const flag of missing) {
    const day = sheet[dayIndex(flag.punch.time, from, days)];
    if (day === undefined) continue;
    day.missing.push(flag);
    flagged += 1;
  }
  for (const day of sheet) day.missing.sort((a, b) => a.punch.time - b.punch.time);
  return { days: sheet, minutes: sheet.reduce((sum, day) => sum + day.minutes, 0), missing: flagged };
}

/** Which day of the period from `from` the time `t` falls on; -1 outside it. */
export function dayIndex(t: LocalTime, from: LocalTime, days: number): number {
  if (t < from) return -1;
  const day = Math.floor((t - from) / DAY_MS);
  return day < days ? day : -1;
}

/** The minutes a pair counts: whole minutes, seconds dropped. */
export function pairMinutes(inTime: LocalTime, outTime: LocalTime): number {
  return Math.floor((outTime - inTime) / 60_000);
}

/** `7:45` for 465 minutes. */
export function hoursText(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `7.75` for 465 minutes: decimal hours to two places, for spreadsheets. */
export function decimalHours(minutes: number): string {
  return (minutes / 60).toFixed(2);
}

/** `2026-11-23`, the day's date as the page and the CSV write it. */
export function dayText(day: LocalTime): string {
  return formatDate(day);
}
