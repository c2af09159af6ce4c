// Punches by date range, employee and clock, and their CSV export with the same filters; each punch as the
// clock sent it with an administrator's correction beside it, and the punches an administrator added.
import type { FastifyInstance } from 'fastify';
import { formatTimestamp } from '../../../firmware/index.js';
import type { CloudPunch, Employee } from '../types.js';
import type { WebContext } from './context.js';
import { csvRow } from './csv.js';
import { signedIn } from './guards.js';
import { punchStatusText, verifyMethodText } from './labels.js';
import { readFilter, resolveFilter, type PunchFilter } from './punch-filter.js';
import { PunchesPage, type LineCorrection, type PunchLine } from './punches-view.js';
import type { PunchCorrection } from '../domain/index.js';
import { sendPage } from './render.js';
import { CloudBadRequest } from '../errors.js';

const PAGE_SIZE = 50;
/** Punches read from the store at a time for the CSV, and the most one export carries. */
const CSV_BATCH = 1000;
const CSV_MAX = 200_000;

const CSV_HEADER = [
  'punch id',
  'time (clock local)',
  'employee id',
  'employee name',
  'pin',
  'clock serial number',
  'clock name',
  'status',
  'verified by',
  'received (UTC)',
  'correction',
  'time as the clock sent it',
  'status as the clock sent it',
  'reason',
  'corrected by',
  'corrected at (UTC)',
];

/** A punch's CSV row: its values as they stand (a correction's), and the clock's beside them when changed. */
function csvLine(line: PunchLine, receivedAt: string): string {
  const c = line.correction;
  const changed = c !== undefined && c.kind !== 'added';
  return csvRow([
    line.id,
    c?.time ?? line.time,
    line.employeeId,
    line.employeeName,
    line.pin,
    line.sn,
    line.clockName,
    c?.status ?? line.status,
    line.verify,
    receivedAt,
    c?.kind ?? '',
    changed ? line.time : '',
    changed ? line.status : '',
    c?.reason ?? '',
    c?.by ?? '',
    c?.at ?? '',
  ]);
}

export async function punchPages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);

  app.get('/punches', { preHandler: guard }, async (request, reply) => {
    const resolved = resolveFilter(ctx, readFilter(request.query));
    const afterText = String((request.query as { after?: unknown }).after ?? '');
    const after = /^\d{1,15}$/.test(afterText) ? Number(afterText) : undefined;
    const found =
      resolved.query === undefined
        ? []
        : ctx.portal.punches({
            ...resolved.query,
            limit: PAGE_SIZE + 1,
            ...(after === undefined ? {} : { afterId: after }),
          });
    const shown = found.slice(0, PAGE_SIZE);
    const lines = linesOf(ctx, shown);
    const employeeId = resolved.employee?.employeeId;
    // Punches added by an administrator are no clock's: listed apart, on the first page of one employee's.
    const added =
      employeeId === undefined || resolved.query === undefined || after !== undefined
        ? []
        : addedLines(ctx, resolved.query);
    const page = PunchesPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      filter: resolved.filter,
      clocks: ctx.records.clocks().map(({ sn, name }) => ({ sn, name })),
      punches: lines,
      choices: resolved.choices,
      problems: resolved.problems,
      after: after === undefined ? '' : String(after),
      ...(employeeId === undefined ? {} : { employeeId }),
      added,
      canCorrect: request.identity?.role === 'sysadmin',
      ...(found.length > PAGE_SIZE ? { next: shown.at(-1)!.id } : {}),
    });
    return sendPage(reply, page, resolved.problems.length > 0 ? 400 : 200);
  });

  app.get('/punches.csv', { preHandler: guard }, async (request, reply) => {
    const resolved = resolveFilter(ctx, readFilter(request.query));
    if (resolved.query === undefined) {
      const why = resolved.choices.length > 0 ? [`several employees match “${resolved.filter.employee}”`] : [];
      const message = [...resolved.problems, ...why].join(' ');
      throw new CloudBadRequest(`No CSV for these filters: ${message}`);
    }
    let csv = csvRow(CSV_HEADER);
    let afterId: number | undefined;
    for (let rows = 0; rows < CSV_MAX;) {
      const batch = ctx.portal.punches({
        ...resolved.query,
        limit: CSV_BATCH,
        ...(afterId === undefined ? {} : { afterId }),
      });
      const lines = linesOf(ctx, batch);
      lines.forEach((line, i) => (csv += csvLine(line, new Date(batch[i]!.receivedAt).toISOString())));
      rows += batch.length;
      if (batch.length < CSV_BATCH) break;
      afterId = batch.at(-1)!.id;
    }
    // Punches an administrator added (no clock's), for the employee or all, after the clocks'.
    if (resolved.query.sn === undefined) for (const line of addedLines(ctx, resolved.query)) csv += csvLine(line, '');
    ctx.log.info({ by: request.identity?.username, filter: resolved.filter }, 'punches exported as CSV');
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${csvFileName(resolved.filter)}"`)
      .send(csv);
  });
}

/** Punches with their employee's and clock's names, each looked up once per page, and their corrections. */
function linesOf(ctx: WebContext, punches: readonly CloudPunch[]): PunchLine[] {
  const employees = new Map<string, Employee | undefined>();
  const clocks = new Map<string, string>();
  const latest = ctx.corrections.latestOf(punches.map((p) => p.id));
  return punches.map((p) => {
    if (p.employeeId !== undefined && !employees.has(p.employeeId)) {
      employees.set(p.employeeId, ctx.records.employee(p.employeeId));
    }
    if (!clocks.has(p.sn)) clocks.set(p.sn, ctx.records.clockName(p.sn) ?? p.sn);
    const employee = p.employeeId === undefined ? undefined : employees.get(p.employeeId);
    const line: PunchLine = {
      id: p.id,
      time: formatTimestamp(p.time),
      sn: p.sn,
      clockName: clocks.get(p.sn)!,
      pin: p.pin,
      status: punchStatusText(p.status),
      verify: verifyMethodText(p.verify),
    };
    if (p.employeeId !== undefined) line.employeeId = p.employeeId;
    if (employee !== undefined) line.employeeName = `${employee.firstName} ${employee.lastName}`.trim();
    const correction = latest.get(p.id);
    if (correction !== undefined) line.correction = correctionOf(correction);
    return line;
  });
}

/** The punches added by an administrator that the filter's employee and dates take, newest first. */
function addedLines(ctx: WebContext, query: { employeeId?: string; from?: number; to?: number }): PunchLine[] {
  const employees = new Map<string, Employee | undefined>();
  return ctx.corrections.added(query).map((c) => {
    if (!employees.has(c.employeeId)) employees.set(c.employeeId, ctx.records.employee(c.employeeId));
    const employee = employees.get(c.employeeId);
    const line: PunchLine = {
      id: c.target,
      time: formatTimestamp(c.time),
      sn: '',
      clockName: '',
      pin: employee?.badge ?? '',
      status: punchStatusText(c.status),
      verify: 'added by an administrator',
      employeeId: c.employeeId,
      correction: correctionOf(c),
    };
    if (employee !== undefined) line.employeeName = `${employee.firstName} ${employee.lastName}`.trim();
    return line;
  });
}

function correctionOf(c: PunchCorrection): LineCorrection {
  return {
    kind: c.kind,
    time: formatTimestamp(c.time),
    status: punchStatusText(c.status),
    reason: c.reason,
    by: c.actor,
    at: new Date(c.madeAt).toISOString().slice(0, 16).replace('T', ' '),
  };
}

/** `punches-2026-11-01-to-2026-11-30.csv`: only dates (checked digits) and fixed words, so no quoting is needed. */
export function csvFileName(filter: PunchFilter): string {
  const parts = ['punches'];
  if (filter.from !== '') parts.push(`from-${filter.from}`);
  if (filter.to !== '') parts.push(`to-${filter.to}`);
  return `${parts.join('-').replace(/[^\w.-]/g, '_')}.csv`;
}
