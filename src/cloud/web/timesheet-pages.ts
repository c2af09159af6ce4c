// Timesheets: the week of every employee, one employee's printable week, and the CSV of any period (up
// to a year) with one row per employee and day.
import type { FastifyInstance } from 'fastify';
import { parseTimestamp, weekday } from '../../../firmware/index.js';
import { DAY_MS, dayText, MAX_DAYS, MAX_EMPLOYEES, weekOf } from '../domain/index.js';
import type { WebContext } from './context.js';
import { signedIn } from './guards.js';
import { sendPage } from './render.js';
import { TimesheetPage } from './timesheet-view.js';
import { TimesheetsPage } from './timesheets-view.js';
import { CSV_HEADER, csvRowsOf, dayCells } from './timesheet-csv.js';
import { CsvBytes } from './csv-bytes.js';
import { CloudBadRequest, CloudNotFound } from '../errors.js';

const PAGE_SIZE = 50;
/** The most employees one CSV carries: a site of ten thousand. */
const CSV_EMPLOYEES = 20_000;

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
    const csv = new CsvBytes();
    csv.text(CSV_HEADER);
    const days = dayCells(period);
    for (let offset = start; offset < start + limit; offset += MAX_EMPLOYEES) {
      const batch = Math.min(MAX_EMPLOYEES, start + limit - offset);
      const found = ctx.timesheets.columnsFor(employee, period, batch, offset);
      if (!found.ok) throw new CloudBadRequest(found.problem.message);
      csvRowsOf(found.value.employees, found.value.columns, days, csv);
      if (found.value.employees.length < batch) break;
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
      .send(csv.done());
  });
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
