// The timesheets of a page of employees as columns: the pairs, flags and minutes of each employee's day
// kept as indexes into the read's punch columns, by the one pairing of timesheet.ts. The month's CSV walks
// these without an object per punch or pair; the pages and the API take the objects made from them.
import { MARK_ADDED, MARK_CORRECTED, type PunchBatch, type PunchColumns } from '../db/index.js';
import type { LocalTime } from '../../../firmware/index.js';
import {
  DAY_MS,
  dayIndex,
  pairMinutes,
  pairRange,
  type Direction,
  type PairSink,
  type Timesheet,
  type TimesheetDay,
  type TimesheetPunch,
} from './timesheet.js';

/**
 * Employee k's day d is slot `k * days + d`: its pairs are `pairStart[slot]` up to `pairStart[slot + 1]`
 * in the pair columns, its flags `flagStart[slot]` up to `flagStart[slot + 1]`, its minutes `minutes[slot]`.
 * Pairs and flags are indexes into `punches`.
 */
export interface SheetColumns {
  from: LocalTime;
  days: number;
  punches: PunchColumns;
  minutes: Int32Array;
  pairStart: Int32Array;
  pairIn: Int32Array;
  pairOut: Int32Array;
  pairMinutes: Int32Array;
  flagStart: Int32Array;
  flagAt: Int32Array;
  /** 1 when the in before the punch is missing, 0 when the out after it is. */
  flagMissingIn: Uint8Array;
}

/**
 * Gathers the pairs and flags of the period's days as pairRange tells them. They come employee by
 * employee and, within one, in the punches' order, so counting each slot's and summing gives the ranges.
 */
class PeriodSink implements PairSink {
  slot = 0;
  pairs = 0;
  flags = 0;
  readonly pairSlot: Int32Array;
  readonly flagSlot: Int32Array;

  constructor(
    readonly columns: SheetColumns,
    private readonly base: { slot: number },
  ) {
    const size = columns.punches.length;
    this.pairSlot = new Int32Array(size >> 1);
    this.flagSlot = new Int32Array(size);
  }

  pair(inAt: number, outAt: number): void {
    const { punches, from, days } = this.columns;
    const day = dayIndex(punches.time[inAt]!, from, days);
    if (day === -1) return;
    const minutes = pairMinutes(punches.time[inAt]!, punches.time[outAt]!);
    this.columns.pairIn[this.pairs] = inAt;
    this.columns.pairOut[this.pairs] = outAt;
    this.columns.pairMinutes[this.pairs] = minutes;
    this.pairSlot[this.pairs++] = this.base.slot + day;
    this.columns.minutes[this.base.slot + day]! += minutes;
  }

  flag(at: number, missing: Direction): void {
    const { punches, from, days } = this.columns;
    const day = dayIndex(punches.time[at]!, from, days);
    if (day === -1) return;
    this.columns.flagAt[this.flags] = at;
    this.columns.flagMissingIn[this.flags] = missing === 'in' ? 1 : 0;
    this.flagSlot[this.flags++] = this.base.slot + day;
  }
}

/** The days of `days` from `from` of each employee of the batch, by the rules. */
export function sheetColumns({ punches, first, end }: PunchBatch, from: LocalTime, days: number): SheetColumns {
  const slots = first.length * days;
  const size = punches.length;
  const columns: SheetColumns = {
    from,
    days,
    punches,
    minutes: new Int32Array(slots),
    pairStart: new Int32Array(slots + 1),
    pairIn: new Int32Array(size >> 1),
    pairOut: new Int32Array(size >> 1),
    pairMinutes: new Int32Array(size >> 1),
    flagStart: new Int32Array(slots + 1),
    flagAt: new Int32Array(size),
    flagMissingIn: new Uint8Array(size),
  };
  const base = { slot: 0 };
  const sink = new PeriodSink(columns, base);
  for (let k = 0; k < first.length; k++) {
    base.slot = k * days;
    pairRange(punches.time, punches.status, first[k]!, end[k]!, sink);
  }
  rangesOf(sink.pairSlot, sink.pairs, columns.pairStart);
  rangesOf(sink.flagSlot, sink.flags, columns.flagStart);
  return columns;
}

/** Each slot's start from the slots of `count` items in slot order: a count per slot, then running sums. */
function rangesOf(slotOf: Int32Array, count: number, start: Int32Array): void {
  for (let i = 0; i < count; i++) start[slotOf[i]! + 1]! += 1;
  for (let slot = 1; slot < start.length; slot++) start[slot]! += start[slot - 1]!;
}

/** Employee k's timesheet as objects, as the pages, the API and scenarios read it. */
export function timesheetAt(columns: SheetColumns, k: number): Timesheet {
  const { punches, from, days } = columns;
  const punch = (at: number): TimesheetPunch => {
    const mark = punches.mark[at];
    const made = { time: punches.time[at]!, status: punches.status[at]! };
    if (mark === MARK_CORRECTED) return { id: punches.id[at]!, ...made, mark: 'corrected' };
    return mark === MARK_ADDED ? { id: punches.id[at]!, ...made, mark: 'added' } : made;
  };
  let minutes = 0;
  let missing = 0;
  const sheet: TimesheetDay[] = Array.from({ length: days }, (_, d) => {
    const slot = k * days + d;
    const day: TimesheetDay = { date: from + d * DAY_MS, pairs: [], missing: [], minutes: columns.minutes[slot]! };
    for (let p = columns.pairStart[slot]!; p < columns.pairStart[slot + 1]!; p++) {
      day.pairs.push({
        in: punch(columns.pairIn[p]!),
        out: punch(columns.pairOut[p]!),
        minutes: columns.pairMinutes[p]!,
      });
    }
    for (let f = columns.flagStart[slot]!; f < columns.flagStart[slot + 1]!; f++) {
      day.missing.push({ missing: columns.flagMissingIn[f] === 1 ? 'in' : 'out', punch: punch(columns.flagAt[f]!) });
    }
    minutes += day.minutes;
    missing += day.missing.length;
    return day;
  });
  return { days: sheet, minutes, missing };
}
