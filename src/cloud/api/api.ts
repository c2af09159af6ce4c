// The portal as a JSON API on fastify: employees (search, create, the Clocks section, Add/Remove),
// clocks and their command queues, punches, and the faults. Inputs are checked by the schemas of
// api-schemas.ts; every answer is JSON and every refusal a 4xx naming what is wrong.
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Logger } from '../../log.js';
import type {
  Accounts,
  Audit,
  ClockRegistry,
  EmployeeLife,
  Faults,
  Identity,
  Portal,
  Records,
} from '../domain/index.js';
import { CloudBadRequest, CloudNotJson } from '../errors.js';
import { identify } from '../web/index.js';
import { auditRoutes } from './api-audit.js';
import { clockRoutes } from './api-clocks.js';
import { employeeRoutes } from './api-employees.js';
import { employeeLifeApi } from './employee-life-routes.js';
import { faultRoutes } from './api-faults.js';
import { OWN_ACCOUNT_WRITES, meRoutes } from './api-me.js';
import { punchRoutes } from './api-punches.js';
import type { RouteTable } from './api-replies.js';

export interface ApiContext {
  records: Records;
  /** The audit log, read by GET /api/audit (the domain writes it). */
  audit: Audit;
  employeeLife: EmployeeLife;
  portal: Portal;
  accounts: Accounts;
  registry: ClockRegistry;
  faults: Faults;
  now: () => number;
  log: Logger;
  /** Milliseconds within which a clock counts as online (3 × Delay). */
  onlineWithinMs: number;
  /** A bearer token configured for the cloud (`--token`): a SysAdmin for scripts. */
  token: string | undefined;
  goAway(forMs: number): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
}

/** A JSON body is all the API reads: a form or text/plain post from another site never reaches a route. */
export const API_BODY_LIMIT = 1024 * 1024;

export async function apiRoutes(app: FastifyInstance, { ctx }: { ctx: ApiContext }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: API_BODY_LIMIT }, (_req, text, done) => {
    try {
      done(null, (text as string).trim() === '' ? undefined : JSON.parse(text as string));
    } catch (error) {
      done(new CloudNotJson((error as Error).message), undefined);
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    request.identity = identify(request, ctx.accounts, ctx.token);
    if (request.url.startsWith('/api/openapi.json') || request.url === '/api/health') return;
    if (request.identity === undefined) {
      return reply.code(401).send({ error: 'sign in to the portal, or send Authorization: Bearer <API token>' });
    }
    const write = request.method !== 'GET' && request.method !== 'HEAD' && !OWN_ACCOUNT_WRITES.has(request.url);
    if (write && request.identity.role !== 'sysadmin') {
      return reply.code(403).send({ error: `${request.identity.username} is read-only: a SysAdmin may change this` });
    }
  });
  app.setSchemaErrorFormatter((errors, dataVar) => new CloudBadRequest(schemaMessage(errors[0], dataVar)));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) ctx.log.error({ err: error, url: request.url }, 'API request failed');
    const message = status === 500 ? 'the server failed on this request' : error.message;
    // The code (TC_ERR_… or fastify's FST_ERR_…) is what a script tells errors apart by.
    const code = status === 500 ? undefined : error.code;
    return reply.code(status).send({ error: message, ...(code === undefined ? {} : { code }) });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no API route ${request.method} ${request.url.split('?')[0]}` }),
  );
  for (const [url, methods] of Object.entries(routeTable(ctx))) {
    // Registered under the /api prefix; the table keeps whole paths for the messages.
    const relative = url.slice('/api'.length);
    for (const [method, route] of Object.entries(methods))
      app.route({ ...route, method, url: relative } as RouteOptions);
    const allowed = Object.keys(methods);
    const others = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !allowed.includes(m));
    app.route({
      method: others,
      url: relative,
      schema: { hide: true },
      config: { methodNotAllowed: true },
      handler: async (request, reply) =>
        reply
          .code(405)
          .header('allow', allowed.join(', '))
          .send({ error: `${request.method} not allowed on ${url}; use ${allowed.join(', ')}` }),
    } as RouteOptions);
  }
}

export type { RouteSpec } from './api-replies.js';

function routeTable(ctx: ApiContext): RouteTable {
  return {
    '/api/health': { GET: { schema: { summary: 'liveness' }, handler: () => ({ ok: true }) } },
    '/api/me': {
      GET: {
        schema: { summary: 'who is calling' },
        handler: (request) => ({ username: request.identity!.username, role: request.identity!.role }),
      },
    },
    ...meRoutes(ctx.accounts),
    ...employeeRoutes(ctx),
    ...employeeLifeApi(ctx.employeeLife),
    ...clockRoutes(ctx),
    ...punchRoutes(ctx),
    ...faultRoutes(ctx),
    ...auditRoutes(ctx),
  };
}

/**
 * `badge must be 1–24 letters or digits`: the field and, where its schema has one, the description of what
 * it must be; ajv's own wording otherwise (`body must have required property 'lastName'`).
 */
function schemaMessage(
  error:
    { instancePath: string; message?: string; parentSchema?: { description?: string }; keyword: string } | undefined,
  dataVar: string,
): string {
  if (error === undefined) return `the ${dataVar} is not valid`;
  const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const described = error.parentSchema?.description;
  const simple = ['type', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'format'].includes(error.keyword);
  if (field !== '' && described && simple) return `${field} must be ${described}`;
  return `${field === '' ? dataVar : field} ${error.message ?? 'is not valid'}`;
}
