// The timesheet CSV's rows: one per employee and day with a pair or a missing punch, written in one pass
// over the timesheet columns (domain/timesheet-columns.ts) — the month of a thousand employees is 22,000
// rows, so no object per pair or day, and each cell that repeats (a minute's HH:MM, a day's date, a
// number of minutes as hours) made once.
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
const clockText = (t: number): string => CLOCK_TEXT[Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / 60_000)]!;

/** `7.75` for each day's minutes up to two days' worth, made once; decimalHours beyond. */
const DECIMAL_HOURS = Array.from({ length: 2 * 1_440 }, (_, minutes) => decimalHours(minutes));
const hoursCell = (minutes: number): string => DECIMAL_HOURS[minutes] ?? decimalHours(minutes);

/** Each day's date and weekday cells, made once per export rather than once per employee and day. */
export function dayCells(period: { from: number; days: number }): string[] {
  return Array.from({ length: period.days }, (_, i) => {
    const day = period.from + i * DAY_MS;
    return `${csvCell(dayText(day))},${csvCell(weekday(day))}`;
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

/**
 * The rows of every employee of the columns, employee k's cells written once. Of a day's cells only the
 * pairs and the flags are text, and only a marked pair can hold a comma: the other cells are written as
 * they are, without csvCell's checks on each of the export's tens of thousands of rows.
 */
export function csvRowsOf(
  employees: readonly TimesheetEmployee[],
  columns: SheetColumns,
  days: readonly string[],
): string {
  let rows = '';
  employees.forEach((employee, k) => {
    const who = `${csvCell(employee.employeeId)},${csvCell(`${employee.firstName} ${employee.lastName}`.trim())}`;
    for (let d = 0; d < columns.days; d++) {
      const slot = k * columns.days + d;
      if (
        columns.pairStart[slot] === columns.pairStart[slot + 1] &&
        columns.flagStart[slot] === columns.flagStart[slot + 1]
      )
        continue;
      const minutes = columns.minutes[slot]!;
      rows += `${who},${days[d]},${pairsCell(columns, slot)},${minutes},${hoursCell(minutes)},${missingCell(columns, slot)}\r\n`;
    }
  });
  return rows;
}
