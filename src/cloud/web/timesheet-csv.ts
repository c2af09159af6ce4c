// The timesheet CSV's rows: one per employee and day with a pair or a missing punch, written in one pass
// over the timesheet columns (domain/timesheet-columns.ts) as bytes (csv-bytes.ts) — the month of a
// thousand employees is 22,000 rows, so no object or string per pair or day, and each cell that repeats (a
// minute's HH:MM, a day's date, a number of minutes as hours) encoded once.
import { formatClock, weekday } from '../../../firmware/index.js';
import {
  DAY_MS,
  dayText,
  decimalHours,
  MARK_ADDED,
  MARK_CORRECTED,
  type SheetColumns,
  type TimesheetEmployee,
} from '../domain/index.js';
import { csvCell, csvRow } from './csv.js';
import { copyBytes, encoded, integerBytes, type CsvBytes } from './csv-bytes.js';

/** The header row. */
export const CSV_HEADER = csvRow([
  'employee id',
  'employee name',
  'date (clock local)',
  'weekday',
  'pairs (in-out)',
  'minutes',
  'hours',
  'missing punches',
]);

/** `08:05` for each minute of a day, made once: the CSV writes two for each of its tens of thousands of pairs. */
const CLOCK_TEXT = Array.from({ length: 1_440 }, (_, minute) => formatClock(minute * 60_000));
/** The same as bytes, five a minute from `minute * 5`: formatClock writes each as `HH:MM`, ASCII. */
const CLOCK_BYTES = encoded(CLOCK_TEXT.join(''));
/** The minute of the day of `t`, times before 1970 included; by floor, not `%`, which is a call on a double. */
const minuteOf = (t: number): number => {
  const minute = Math.floor(t / 60_000);
  return minute - Math.floor(minute / 1_440) * 1_440;
};
const clockText = (t: number): string => CLOCK_TEXT[minuteOf(t)]!;

/** `7.75` for each day's minutes up to two days' worth, encoded once; decimalHours beyond. */
const DECIMAL_HOURS = Array.from({ length: 2 * 1_440 }, (_, minutes) => encoded(decimalHours(minutes)));

const COMMA = 44;
const SPACE = 32;
const DASH = 45;
const CR = 13;
const LF = 10;

/** Each day's date and weekday cells, encoded once per export rather than once per employee and day. */
export function dayCells(period: { from: number; days: number }): Uint8Array[] {
  return Array.from({ length: period.days }, (_, i) => {
    const day = period.from + i * DAY_MS;
    return encoded(`${csvCell(dayText(day))},${csvCell(weekday(day))}`);
  });
}

/** `corrected`, `added`, or undefined for a clock's own punch: the mark of the punch at `at`. */
function markOf(columns: SheetColumns, at: number): string | undefined {
  const mark = columns.punches.mark[at];
  return mark === MARK_CORRECTED ? 'corrected' : mark === MARK_ADDED ? 'added' : undefined;
}

/**
 * `08:00-12:00 12:30-16:30 (in corrected)`: the pairs of one slot, each followed by which end an
 * administrator changed; quoted only when such a mark's comma asks for it.
 */
function pairsCell(columns: SheetColumns, slot: number): string {
  const time = columns.punches.time;
  let text = '';
  let marked = false;
  for (let p = columns.pairStart[slot]!; p < columns.pairStart[slot + 1]!; p++) {
    const inAt = columns.pairIn[p]!;
    const outAt = columns.pairOut[p]!;
    if (text !== '') text += ' ';
    text += `${clockText(time[inAt]!)}-${clockText(time[outAt]!)}`;
    const inMark = markOf(columns, inAt);
    const outMark = markOf(columns, outAt);
    if (inMark === undefined && outMark === undefined) continue;
    const changed = [inMark && `in ${inMark}`, outMark && `out ${outMark}`].filter(Boolean);
    text += ` (${changed.join(', ')})`;
    marked = true;
  }
  return marked ? csvCell(text) : text;
}

/** `out beside 08:00; in beside 17:00 (added)`: the missing punches of one slot, or nothing. */
function missingCell(columns: SheetColumns, slot: number): string {
  const first = columns.flagStart[slot]!;
  const end = columns.flagStart[slot + 1]!;
  if (first === end) return '';
  const flags: string[] = [];
  for (let f = first; f < end; f++) {
    const at = columns.flagAt[f]!;
    const mark = markOf(columns, at);
    const missing = columns.flagMissingIn[f] === 1 ? 'in' : 'out';
    flags.push(`${missing} beside ${clockText(columns.punches.time[at]!)}${mark === undefined ? '' : ` (${mark})`}`);
  }
  return csvCell(flags.join('; '));
}

/** Whether a pair of the slot has an end an administrator changed: its cell then says which, as text. */
function marked(columns: SheetColumns, slot: number): boolean {
  const mark = columns.punches.mark;
  for (let p = columns.pairStart[slot]!; p < columns.pairStart[slot + 1]!; p++) {
    if (mark[columns.pairIn[p]!] !== 0 || mark[columns.pairOut[p]!] !== 0) return true;
  }
  return false;
}

/**
 * `08:00-12:00 12:30-16:30`: the pairs of a slot where no end is marked, copied from the minutes' bytes
 * into `into` at `at` (room made before, 12 bytes a pair); where they end.
 */
function plainPairs(columns: SheetColumns, slot: number, into: Uint8Array, at: number): number {
  const time = columns.punches.time;
  const first = columns.pairStart[slot]!;
  for (let p = first; p < columns.pairStart[slot + 1]!; p++) {
    if (p !== first) into[at++] = SPACE;
    const inAt = minuteOf(time[columns.pairIn[p]!]!) * 5;
    const outAt = minuteOf(time[columns.pairOut[p]!]!) * 5;
    for (let i = 0; i < 5; i++) into[at + i] = CLOCK_BYTES[inAt + i]!;
    into[at + 5] = DASH;
    for (let i = 0; i < 5; i++) into[at + 6 + i] = CLOCK_BYTES[outAt + i]!;
    at += 11;
  }
  return at;
}

/**
 * The rows of every employee of the columns, employee k's cells encoded once. Of a day's cells only the
 * pairs and the flags are text, and only a marked pair can hold a comma: the other cells are written as
 * they are, without csvCell's checks on each of the export's tens of thousands of rows.
 */
export function csvRowsOf(
  employees: readonly TimesheetEmployee[],
  columns: SheetColumns,
  days: readonly Uint8Array[],
  into: CsvBytes,
): void {
  employees.forEach((employee, k) => {
    const who = encoded(
      `${csvCell(employee.employeeId)},${csvCell(`${employee.firstName} ${employee.lastName}`.trim())},`,
    );
    for (let d = 0; d < columns.days; d++) {
      const slot = k * columns.days + d;
      const pairs = columns.pairStart[slot + 1]! - columns.pairStart[slot]!;
      const flagged = columns.flagStart[slot] !== columns.flagStart[slot + 1];
      if (pairs === 0 && !flagged) continue;
      const minutes = columns.minutes[slot]!;
      const hours = DECIMAL_HOURS[minutes];
      // The row up to its pairs, the pairs when plain, minutes, hours: room for all of it at once.
      let buffer = into.reserve(who.length + days[d]!.length + 12 * pairs + 40);
      let at = copyBytes(days[d]!, buffer, copyBytes(who, buffer, into.at));
      buffer[at++] = COMMA;
      if (marked(columns, slot)) {
        into.at = at;
        into.text(pairsCell(columns, slot));
        buffer = into.reserve(40);
        at = into.at;
      } else at = plainPairs(columns, slot, buffer, at);
      buffer[at++] = COMMA;
      into.at = at;
      if (hours === undefined || !Number.isSafeInteger(minutes) || minutes < 0) {
        into.text(`${minutes},${decimalHours(minutes)}`);
        buffer = into.reserve(4);
        at = into.at;
      } else {
        at = integerBytes(minutes, buffer, at);
        buffer[at++] = COMMA;
        at = copyBytes(hours, buffer, at);
      }
      buffer[at++] = COMMA;
      into.at = at;
      if (flagged) into.text(missingCell(columns, slot));
      buffer = into.reserve(2);
      buffer[into.at++] = CR;
      buffer[into.at++] = LF;
    }
  });
}
