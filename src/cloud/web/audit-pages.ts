// The audit log in the portal: /audit (filters, paging) and /audit.csv (the same filters, every match up to
// the log's size). Any signed-in account may read it; nothing here writes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditFilterOf } from '../domain/index.js';
import { AuditPage, auditQuery, changedFields, whenText, type AuditFilterForm } from './audit-view.js';
import type { WebContext } from './context.js';
import { csvRow } from './csv.js';
import { signedIn } from './guards.js';
import { sendPage } from './render.js';
import { CloudBadRequest } from '../errors.js';

const PAGE_SIZE = 50;
const CSV_BATCH = 1_000;

const CSV_HEADER = [
  'id',
  'when (UTC)',
  'actor kind',
  'actor',
  'kind',
  'subject',
  'action',
  'changes',
  'before',
  'after',
];

export async function auditPages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);

  app.get('/audit', { preHandler: guard }, async (request, reply) => {
    const form = formOf(request);
    const filter = auditFilterOf(form);
    const offsetText = String((request.query as { offset?: unknown }).offset ?? '0');
    const offset = /^\d{1,7}$/.test(offsetText) ? Number(offsetText) : 0;
    const entries = filter.ok ? ctx.audit.list({ ...filter.value, limit: PAGE_SIZE, offset }) : [];
    const page = AuditPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      filter: form,
      entries,
      total: filter.ok ? ctx.audit.count(filter.value) : 0,
      keep: ctx.audit.keep,
      offset,
      pageSize: PAGE_SIZE,
      problem: filter.ok ? undefined : filter.problem.message,
    });
    return sendPage(reply, page, filter.ok ? 200 : 400);
  });

  app.get('/audit.csv', { preHandler: guard }, async (request, reply) => {
    const form = formOf(request);
    const filter = auditFilterOf(form);
    if (!filter.ok) throw new CloudBadRequest(`No CSV for these filters: ${filter.problem.message}`);
    let csv = csvRow(CSV_HEADER);
    // The log holds at most `keep` rows: the export is bounded by it.
    for (let offset = 0; ; offset += CSV_BATCH) {
      const batch = ctx.audit.list({ ...filter.value, limit: CSV_BATCH, offset });
      for (const e of batch) {
        const changes = changedFields(e).join('; ');
        csv += csvRow([
          e.id,
          whenText(e.at),
          e.actorKind,
          e.actor,
          e.kind,
          e.subject,
          e.action,
          changes,
          e.before,
          e.after,
        ]);
      }
      if (batch.length < CSV_BATCH) break;
    }
    ctx.log.info({ by: request.identity?.username, filter: auditQuery(form) }, 'audit log exported as CSV');
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .send(csv);
  });
}

function formOf(request: FastifyRequest): AuditFilterForm {
  const q = request.query as Record<string, unknown>;
  const text = (key: string) => (typeof q[key] === 'string' ? (q[key] as string).slice(0, 100) : '');
  return { actor: text('actor'), kind: text('kind'), from: text('from'), to: text('to'), q: text('q') };
}
