// The portal as a JSON API on fastify: employees (search, create, the Clocks section, Add/Remove),
// clocks and their command queues, punches, and the faults. Inputs are checked by the schemas of
// api-schemas.ts; every answer is JSON and every refusal a 4xx naming what is wrong.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { parseTimestamp } from '../../firmware/index.js';
import type { Logger } from '../log.js';
import type { Accounts, Identity } from './accounts.js';
import { OWN_ACCOUNT_WRITES, meRoutes } from './api-me.js';
import { PAGE_SIZE, clocksPageQuery, linkNext } from './api-paging.js';
import { commandFromJson, commandView, employeeView, punchView } from './api-views.js';
import { clockKeyRoutes } from './api-clock-keys.js';
import { employeeLifeApi } from './api/index.js';
import * as schemas from './api-schemas.js';
import { checkFaults, type Faults } from './faults.js';
import type { Portal } from './portal.js';
import type { ClockRegistry } from './registration.js';
import type { CloudStore } from './store.js';
import type { CommandState } from './types.js';
import { checkClockList, checkClocksSection, checkNewEmployee, type Result } from './validate.js';
import { identify } from './web-guard.js';

export interface ApiContext {
  store: CloudStore;
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

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;
type Params = Record<string, string>;
type Body = Record<string, unknown>;

/** A JSON body is all the API reads: a form or text/plain post from another site never reaches a route. */
export const API_BODY_LIMIT = 1024 * 1024;

export async function apiRoutes(app: FastifyInstance, { ctx }: { ctx: ApiContext }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: API_BODY_LIMIT }, (_req, text, done) => {
    try {
      done(null, (text as string).trim() === '' ? undefined : JSON.parse(text as string));
    } catch (error) {
      done(
        Object.assign(new Error(`the body is not JSON: ${(error as Error).message}`), { statusCode: 400 }),
        undefined,
      );
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
  app.setSchemaErrorFormatter((errors, dataVar) => new Error(schemaMessage(errors[0], dataVar)));
  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) ctx.log.error({ err: error, url: request.url }, 'API request failed');
    const message = status === 500 ? 'the server failed on this request' : error.message;
    return reply.code(status).send({ error: message });
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
      handler: async (request, reply) =>
        reply
          .code(405)
          .header('allow', allowed.join(', '))
          .send({ error: `${request.method} not allowed on ${url}; use ${allowed.join(', ')}` }),
    } as RouteOptions);
  }
}

export interface RouteSpec {
  schema?: Record<string, unknown>;
  handler: Handler;
}

function routeTable(ctx: ApiContext): Record<string, Record<string, RouteSpec>> {
  const clockOr404 = (sn: string, reply: FastifyReply) => {
    const clock = ctx.store.clocks.get(sn, ctx.now(), ctx.onlineWithinMs);
    return clock ?? reply.code(404).send({ error: `no clock with serial number ${sn}` });
  };
  return {
    '/api/health': { GET: { schema: { summary: 'liveness' }, handler: () => ({ ok: true }) } },
    '/api/me': {
      GET: { schema: { summary: 'who is calling' }, handler: (request) => request.identity },
    },
    ...meRoutes(ctx.accounts),
    ...employeeLifeApi(ctx.store, ctx.portal),
    '/api/employees': {
      GET: {
        schema: { summary: 'search employees by last or first name or employee ID', querystring: schemas.searchQuery },
        handler: (request, reply) => {
          const { q = '', limit = 100, offset = 0 } = request.query as { q?: string; limit?: number; offset?: number };
          const page = ctx.portal.searchEmployees(q, limit, offset);
          linkNext(request, reply, page, limit, { offset: offset + limit });
          return page.map(employeeView);
        },
      },
      POST: {
        schema: { summary: 'a new employee; the profile goes to their clocks', body: schemas.newEmployeeBody },
        handler: (request, reply) =>
          change(
            reply,
            201,
            checked(checkNewEmployee(request.body), (v) => ctx.portal.createEmployee(v)),
          ),
      },
    },
    '/api/employees/:employeeId': {
      GET: {
        schema: { summary: 'one employee', params: schemas.idParams('employeeId') },
        handler: (request, reply) => result(reply, ctx.portal.getEmployee(param(request, 'employeeId')), employeeView),
      },
      DELETE: {
        schema: {
          summary: 'remove an employee from the portal and every clock',
          params: schemas.idParams('employeeId'),
        },
        handler: (request, reply) => change(reply, 200, ctx.portal.deleteEmployee(param(request, 'employeeId'))),
      },
    },
    '/api/employees/:employeeId/clocks': {
      PUT: {
        schema: {
          summary: 'Save of the Clocks section',
          params: schemas.idParams('employeeId'),
          body: schemas.clocksSectionBody,
        },
        handler: (request, reply) =>
          change(
            reply,
            200,
            checked(checkClocksSection(request.body), (v) =>
              ctx.portal.saveClocksSection(param(request, 'employeeId'), v),
            ),
          ),
      },
    },
    '/api/employees/:employeeId/add-remove': {
      POST: {
        schema: {
          summary: 'Add/Remove with the clocks now checked',
          params: schemas.idParams('employeeId'),
          body: schemas.addRemoveBody,
        },
        handler: (request, reply) =>
          change(
            reply,
            200,
            checked(checkClockList((request.body as Body).clocks), (v) =>
              ctx.portal.addRemove(param(request, 'employeeId'), v),
            ),
          ),
      },
    },
    '/api/clocks': {
      GET: {
        schema: { summary: 'the clocks, a page at a time (Link: rel="next")', querystring: clocksPageQuery },
        handler: (request, reply) => {
          const { limit = PAGE_SIZE.default, after = '' } = request.query as { limit?: number; after?: string };
          const page = ctx.store.clocks.page(after, limit, ctx.now(), ctx.onlineWithinMs);
          linkNext(request, reply, page, limit, { after: page.at(-1)?.sn ?? '' });
          return page;
        },
      },
      POST: {
        schema: { summary: 'register a clock by serial number', body: schemas.newClockBody },
        handler: (request, reply) => {
          const { sn, name, auth, deliverKey } = request.body as schemas.NewClockBody;
          const { created, key } = ctx.registry.register({ sn, name, auth, deliver: deliverKey });
          if (!created && name !== undefined) ctx.store.clocks.rename(sn, name);
          // The key is in this answer only: the cloud keeps its hash.
          const clock = ctx.store.clocks.get(sn, ctx.now(), ctx.onlineWithinMs);
          return reply.code(created ? 201 : 200).send(key === undefined ? clock : { ...clock, key });
        },
      },
    },
    ...clockKeyRoutes(ctx),
    '/api/clocks/:sn': {
      GET: {
        schema: { summary: 'one clock', params: schemas.idParams('sn') },
        handler: (request, reply) => clockOr404(param(request, 'sn'), reply),
      },
    },
    '/api/clocks/:sn/commands': {
      GET: {
        schema: {
          summary: 'the commands of a clock and their lives',
          params: schemas.idParams('sn'),
          querystring: schemas.commandsQuery,
        },
        handler: (request) => {
          const { state, limit = 1000 } = request.query as { state?: CommandState; limit?: number };
          return ctx.store.commands.list({ sn: param(request, 'sn'), state, limit }).map(commandView);
        },
      },
      POST: {
        schema: { summary: 'queue any command', params: schemas.idParams('sn'), body: schemas.commandBody },
        handler: (request, reply) => {
          const command = commandFromJson(request.body);
          if (!command.ok) return failure(reply, command);
          const queued = ctx.portal.queueCommand(param(request, 'sn'), command.value);
          return queued.ok ? reply.code(201).send(commandView(queued.value)) : failure(reply, queued);
        },
      },
    },
    '/api/clocks/:sn/reupload': {
      POST: {
        schema: { summary: 'ask the clock for all its punches again', params: schemas.idParams('sn') },
        handler: (request, reply) => {
          const queued = ctx.portal.reuploadAll(param(request, 'sn'));
          return queued.ok ? reply.code(201).send(commandView(queued.value)) : failure(reply, queued);
        },
      },
    },
    '/api/clocks/:sn/operations': {
      GET: {
        schema: {
          summary: 'operation records the clock uploaded',
          params: schemas.idParams('sn'),
          querystring: { type: 'object', properties: schemas.limitQuery(10_000) },
        },
        handler: (request) =>
          ctx.store.operations.list(param(request, 'sn'), (request.query as { limit?: number }).limit ?? 100),
      },
    },
    '/api/commands/:id': {
      GET: {
        schema: { summary: 'one command', params: schemas.idParams('id') },
        handler: (request, reply) => {
          const command = ctx.store.commands.get(param(request, 'id'));
          return command
            ? commandView(command)
            : reply.code(404).send({ error: `no command with id ${param(request, 'id')}` });
        },
      },
    },
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
          return punches.map(punchView);
        },
      },
    },
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
            return reply.code(400).send({ error: (error as Error).message });
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

function param(request: FastifyRequest, name: string): string {
  return (request.params as Params)[name] ?? '';
}

function checked<T, U>(input: Result<T>, then: (value: T) => Result<U>): Result<U> {
  return input.ok ? then(input.value) : input;
}

const STATUS = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

function failure(reply: FastifyReply, r: { ok: false; problem: { kind: keyof typeof STATUS; message: string } }) {
  return reply.code(STATUS[r.problem.kind]).send({ error: r.problem.message });
}

function result<T>(reply: FastifyReply, r: Result<T>, view: (value: T) => unknown) {
  return r.ok ? view(r.value) : failure(reply, r);
}

function change(
  reply: FastifyReply,
  status: number,
  r: Result<{ employee: Parameters<typeof employeeView>[0]; queued: Parameters<typeof commandView>[0][] }>,
) {
  return r.ok
    ? reply.code(status).send({ employee: employeeView(r.value.employee), queued: r.value.queued.map(commandView) })
    : failure(reply, r);
}
