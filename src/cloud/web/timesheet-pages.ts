// Timesheets: the week of every employee, one employee's printable week, and the CSV of any period (up
// to a year) with one row per employee and day.
import type { FastifyInstance } from 'fastify';
import { formatClock, parseTimestamp, weekday } from '../../../firmware/index.js';
import {
  DAY_MS,
  dayText,
  decimalHours,
  MAX_DAYS,
  MAX_EMPLOYEES,
  weekOf,
  type EmployeeTimesheet,
  type TimesheetPunch,
  type WorkPair,
} from '../domain/index.js';
import type { WebContext } from './context.js';
import { csvCell, csvRow } from './csv.js';
import { signedIn } from './guards.js';
import { sendPage } from './render.js';
import { TimesheetPage } from './timesheet-view.js';
import { TimesheetsPage } from './timesheets-view.js';
import { CloudBadRequest, CloudNotFound } from '../errors.js';

const PAGE_SIZE = 50;
/** The most employees one CSV carries: a site of ten thousand. */
const CSV_EMPLOYEES = 20_000;

const CSV_HEADER = [
  'employee id',
  'employee name',
  'date (clock local)',
  'weekday',
  'pairs (in-out)',
  'minutes',
  'hours',
  'missing punches',
];

type Query = Record<string, unknown>;
const text = (q: Query, key: string): string =>
  typeof q[key] === 'string' ? (q[key] as string).trim().slice(0, 100) : '';

export async function timesheetPages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);

  app.get('/timesheets', { preHandler: guard }, async (request, reply) => {
    const q = request.query as Query;
    const problems: string[] = [];
    const week = weekParam(ctx, text(q, 'week'), problems);
    const employee = text(q, 'employee');
    const offset = Math.min(Number(/^\d{1,9}$/.exec(text(q, 'offset'))?.[0] ?? 0), 1e9);
    const found = ctx.timesheets.forEmployees(employee, { from: week, days: 7 }, PAGE_SIZE, offset);
    if (!found.ok) throw new CloudBadRequest(found.problem.message);
    const page = TimesheetsPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      ...weekNames(week),
      employee,
      sheets: found.value.sheets,
      offset,
      limit: PAGE_SIZE,
      total: found.value.total,
      problems,
    });
    return sendPage(reply, page, problems.length > 0 ? 400 : 200);
  });

  app.get('/timesheets/:employeeId', { preHandler: guard }, async (request, reply) => {
    const { employeeId } = request.params as { employeeId: string };
    const problems: string[] = [];
    const week = weekParam(ctx, text(request.query as Query, 'week'), problems);
    if (problems.length > 0) throw new CloudBadRequest(problems.join(' '));
    const found = ctx.timesheets.forEmployee(employeeId, { from: week, days: 7 });
    if (!found.ok) {
      if (found.problem.kind === 'not-found') throw new CloudNotFound(`There is no employee with ID ${employeeId}.`);
      throw new CloudBadRequest(found.problem.message);
    }
    const page = TimesheetPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      ...weekNames(week),
      timesheet: found.value,
    });
    return sendPage(reply, page);
  });

  app.get('/timesheets.csv', { preHandler: guard }, async (request, reply) => {
    const q = request.query as Query;
    const period = periodParam(text(q, 'from'), text(q, 'to'));
    if (typeof period === 'string') throw new CloudBadRequest(`No CSV for this period: ${period}`);
    const employee = text(q, 'employee');
    // limit and offset take a slice of the employees (by name), for payroll in parts and the benchmark.
    const limit = Math.min(Number(/^\d{1,6}$/.exec(text(q, 'limit'))?.[0] ?? CSV_EMPLOYEES), CSV_EMPLOYEES) || 1;
    const start = Number(/^\d{1,9}$/.exec(text(q, 'offset'))?.[0] ?? 0);
    let csv = csvRow(CSV_HEADER);
    const days = dayCells(period);
    for (let offset = start; offset < start + limit; offset += MAX_EMPLOYEES) {
      const batch = Math.min(MAX_EMPLOYEES, start + limit - offset);
      const found = ctx.timesheets.forEmployees(employee, period, batch, offset);
      if (!found.ok) throw new CloudBadRequest(found.problem.message);
      for (const sheet of found.value.sheets) csv += csvRowsOf(sheet, days);
      if (found.value.sheets.length < batch) break;
    }
    ctx.log.info(
      { by: request.identity?.username, from: text(q, 'from'), to: text(q, 'to') },
      'timesheets exported as CSV',
    );
    const name = `timesheets-${dayText(period.from)}-to-${dayText(period.from + (period.days - 1) * DAY_MS)}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(csv);
  });
}

/** `08:05` for each minute of a day, made once: the CSV writes two for each of its tens of thousands of pairs. */
const CLOCK_TEXT = Array.from({ length: 1_440 }, (_, minute) => formatClock(minute * 60_000));
const clockText = (t: number): string => CLOCK_TEXT[Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / 60_000)]!;

/** ` (corrected)` or ` (added)` after a punch an administrator changed; nothing after a clock's own. */
const mark = (punch: TimesheetPunch): string => (punch.mark === undefined ? '' : ` (${punch.mark})`);

/** ` (in corrected, out added)`: which end of a pair an administrator changed. */
function marks(pair: WorkPair): string {
  const changed = [pair.in.mark && `in ${pair.in.mark}`, pair.out.mark && `out ${pair.out.mark}`].filter(Boolean);
  return changed.length === 0 ? '' : ` (${changed.join(', ')})`;
}

/** Each day's date and weekday cells, made once per export rather than once per employee and day. */
function dayCells(period: { from: number; days: number }): string[] {
  return Array.from({ length: period.days }, (_, i) => {
    const day = period.from + i * DAY_MS;
    return `${csvCell(dayText(day))},${csvCell(weekday(day))}`;
  });
}

/** `7.75` for each day's minutes up to two days' worth, made once; decimalHours beyond. */
const DECIMAL_HOURS = Array.from({ length: 2 * 1_440 }, (_, minutes) => decimalHours(minutes));
const hoursCell = (minutes: number): string => DECIMAL_HOURS[minutes] ?? decimalHours(minutes);

/** `08:00-12:00 12:30-16:30`: a day's pairs, quoted only when a mark's comma asks for it. */
function pairsCell(pairs: readonly WorkPair[]): string {
  let text = '';
  let marked = false;
  for (const pair of pairs) {
    if (text !== '') text += ' ';
    text += `${clockText(pair.in.time)}-${clockText(pair.out.time)}`;
    if (pair.in.mark !== undefined || pair.out.mark !== undefined) {
      text += marks(pair);
      marked = true;
    }
  }
  return marked ? csvCell(text) : text;
}

/**
 * A row for each day with a pair or a missing punch; the employee's cells written once. Of the day's
 * cells only the pairs and the flags are text, and only a marked pair can hold a comma: the other cells
 * are written as they are, without csvCell's checks on each of the export's tens of thousands of rows.
 */
function csvRowsOf({ employee, sheet }: EmployeeTimesheet, days: readonly string[]): string {
  let rows = '';
  const who = `${csvCell(employee.employeeId)},${csvCell(`${employee.firstName} ${employee.lastName}`.trim())}`;
  sheet.days.forEach((day, i) => {
    if (day.pairs.length === 0 && day.missing.length === 0) return;
    const missing =
      day.missing.length === 0
        ? ''
        : csvCell(day.missing.map((m) => `${m.missing} beside ${clockText(m.punch.time)}${mark(m.punch)}`).join('; '));
    rows += `${who},${days[i]},${pairsCell(day.pairs)},${day.minutes},${hoursCell(day.minutes)},${missing}\r\n`;
  });
  return rows;
}

/** Monday of the week a `YYYY-MM-DD` falls in; this week when empty or not a date (with a problem said). */
function weekParam(ctx: WebContext, value: string, problems: string[]): number {
  const day = value === '' ? undefined : dateOf(value);
  if (value !== '' && day === undefined) problems.push(`Week of must be a date as YYYY-MM-DD, got “${value}”.`);
  // The portal's own clock stands in for the clocks' local time: the clocks keep the site's time.
  return weekOf(day ?? ctx.now());
}

/** from and to as dates (to included); a message when they are not a period of 1 to MAX_DAYS days. */
function periodParam(from: string, to: string): { from: number; days: number } | string {
  const start = dateOf(from);
  const end = dateOf(to);
  if (start === undefined || end === undefined) return 'from and to must be dates as YYYY-MM-DD.';
  const days = (end - start) / DAY_MS + 1;
  if (days < 1 || days > MAX_DAYS) return `from must be on or before to, and the period at most ${MAX_DAYS} days.`;
  return { from: start, days };
}

function dateOf(value: string): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseTimestamp(`${value} 00:00:00`) : undefined;
}

function weekNames(week: number) {
  return {
    week: dayText(week),
    previousWeek: dayText(week - 7 * DAY_MS),
    nextWeek: dayText(week + 7 * DAY_MS),
    dayNames: Array.from({ length: 7 }, (_, i) => {
      const day = week + i * DAY_MS;
      return `${weekday(day)} ${dayText(day).slice(5)}`;
    }),
  };
}
