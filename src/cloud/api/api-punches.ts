// The API's punch route: punches by time range, clock, PIN or employee, a page at a time, each as the
// clock sent it with its correction (when an administrator made one) beside it.
import { formatTimestamp, parseTimestamp } from '../../../firmware/index.js';
import type { ApiContext } from './api.js';
import { linkNext } from './api-paging.js';
import type { RouteTable } from './api-replies.js';
import * as schemas from './api-schemas.js';
import { punchView } from './api-views.js';

export function punchRoutes(ctx: ApiContext): RouteTable {
  return {
    '/api/punches': {
      GET: {
        schema: { summary: 'punches by time range, clock, PIN or employee', querystring: schemas.punchesQuery },
        handler: (request, reply) => {
          const q = request.query as Record<string, string | number | undefined>;
          const range: { from?: number; to?: number } = {};
          for (const key of ['from', 'to'] as const) {
            if (q[key] === undefined) continue;
            const time = parseTimestamp(String(q[key]));
            if (time === undefined) return reply.code(400).send({ error: `${key} must be a real date and time` });
            range[key] = time;
          }
          const punches = ctx.portal.punches({
            ...range,
            ...(q.sn === undefined ? {} : { sn: String(q.sn) }),
            ...(q.pin === undefined ? {} : { pin: String(q.pin) }),
            ...(q.employeeId === undefined ? {} : { employeeId: String(q.employeeId) }),
            ...(q.after === undefined ? {} : { afterId: Number(q.after) }),
            limit: Number(q.limit ?? 1000),
          });
          linkNext(request, reply, punches, Number(q.limit ?? 1000), { after: punches.at(-1)?.id ?? 0 });
          // As the clock sent each; a corrected or voided one also says what it is now, and why.
          const latest = ctx.corrections.latestOf(punches.map((p) => p.id));
          return punches.map((p) => {
            const c = latest.get(p.id);
            if (c === undefined) return punchView(p);
            const correction = { kind: c.kind, time: formatTimestamp(c.time), status: c.status, reason: c.reason };
            return {
              ...punchView(p),
              correction: { ...correction, by: c.actor, at: new Date(c.madeAt).toISOString() },
            };
          });
        },
      },
    },
  };
}
