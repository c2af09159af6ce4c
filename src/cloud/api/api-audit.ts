// The API's audit log: who changed what and when, newest first, filtered (actor, kind, days, text) and paged
// (Link: rel="next"), each entry's before and after as JSON.
import { auditFilterOf, type AuditEntry, type AuditFilterText } from '../domain/index.js';
import type { ApiContext } from './api.js';
import { linkNext } from './api-paging.js';
import type { RouteTable } from './api-replies.js';

const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    actor: { type: 'string', maxLength: 100, description: 'part of the actor’s name' },
    kind: { type: 'string', enum: ['employee', 'clock', 'account', 'punch'] },
    from: { type: 'string', maxLength: 10, description: 'a day as YYYY-MM-DD (UTC)' },
    to: { type: 'string', maxLength: 10, description: 'a day as YYYY-MM-DD (UTC), included' },
    q: { type: 'string', maxLength: 100, description: 'part of the thing, the action, before or after' },
    limit: { type: 'integer', minimum: 1, maximum: 1_000, description: '1–1000 (default 100)' },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
};

export function auditView(entry: AuditEntry) {
  const json = (text: string): unknown => (text === '' ? null : JSON.parse(text));
  return {
    id: entry.id,
    at: new Date(entry.at).toISOString(),
    actor: { kind: entry.actorKind, name: entry.actor },
    kind: entry.kind,
    subject: entry.subject,
    action: entry.action,
    before: json(entry.before),
    after: json(entry.after),
  };
}

export function auditRoutes(ctx: ApiContext): RouteTable {
  return {
    '/api/audit': {
      GET: {
        schema: { summary: 'the audit log: who changed what and when, newest first', querystring: auditQuery },
        handler: (request, reply) => {
          const q = request.query as AuditFilterText & { limit?: number; offset?: number };
          const filter = auditFilterOf(q);
          if (!filter.ok) return reply.code(400).send({ error: filter.problem.message });
          const { limit = 100, offset = 0 } = q;
          const page = ctx.audit.list({ ...filter.value, limit, offset });
          linkNext(request, reply, page, limit, { offset: offset + limit });
          reply.header('x-total-count', String(ctx.audit.count(filter.value)));
          reply.header('x-audit-keep', String(ctx.audit.keep));
          return page.map(auditView);
        },
      },
    },
  };
}
