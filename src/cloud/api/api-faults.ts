// The API's fault routes: the faults injected into the PUSH side (read, set, cleared) and the cloud going
// away for a while. The API itself is never faulted, so a test can always turn them off again.
import { checkFaults } from '../domain/index.js';
import type { ApiContext } from './api.js';
import type { RouteTable } from './api-replies.js';
import * as schemas from './api-schemas.js';

export function faultRoutes(ctx: ApiContext): RouteTable {
  return {
    '/api/faults': {
      GET: { schema: { summary: 'the faults injected' }, handler: () => ctx.faults.get() },
      PUT: {
        schema: { summary: 'inject faults', body: { type: 'object' } },
        handler: (request, reply) => {
          try {
            const settings = ctx.faults.set(checkFaults(request.body));
            ctx.log.info({ faults: settings }, 'faults set');
            return settings;
          } catch (error) {
            const { message, code } = error as Error & { code?: string };
            return reply.code(400).send({ error: message, ...(code === undefined ? {} : { code }) });
          }
        },
      },
      DELETE: { schema: { summary: 'clear the faults' }, handler: () => ctx.faults.clear() },
    },
    '/api/faults/go-away': {
      POST: {
        schema: { summary: 'the cloud goes away for forMs (the API too)', body: schemas.goAwayBody },
        handler: (request, reply) => {
          const { forMs } = request.body as { forMs: number };
          ctx.goAway(forMs);
          return reply.code(202).send({ goneForMs: forMs });
        },
      },
    },
  };
}
