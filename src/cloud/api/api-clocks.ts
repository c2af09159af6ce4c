// The API's clock routes: the clocks a page at a time, registering one, one clock, its commands (listed,
// queued), a re-upload of everything, its operation records; a command by id. Device keys: api-clock-keys.ts.
import type { FastifyReply } from 'fastify';
import type { CommandState } from '../types.js';
import type { ApiContext } from './api.js';
import { clockKeyRoutes } from './api-clock-keys.js';
import { PAGE_SIZE, clocksPageQuery, linkNext } from './api-paging.js';
import { failure, param, type RouteTable } from './api-replies.js';
import * as schemas from './api-schemas.js';
import { commandFromJson, commandView } from './api-views.js';
import { actorOf } from '../domain/index.js';

export function clockRoutes(ctx: ApiContext): RouteTable {
  const clockOr404 = (sn: string, reply: FastifyReply) => {
    const clock = ctx.records.clock(sn);
    return clock ?? reply.code(404).send({ error: `no clock with serial number ${sn}` });
  };
  return {
    '/api/clocks': {
      GET: {
        schema: { summary: 'the clocks, a page at a time (Link: rel="next")', querystring: clocksPageQuery },
        handler: (request, reply) => {
          const { limit = PAGE_SIZE.default, after = '' } = request.query as { limit?: number; after?: string };
          const page = ctx.records.clockPage(after, limit);
          linkNext(request, reply, page, limit, { after: page.at(-1)?.sn ?? '' });
          return page;
        },
      },
      POST: {
        schema: { summary: 'register a clock by serial number', body: schemas.newClockBody },
        handler: (request, reply) => {
          const { sn, name, auth, deliverKey } = request.body as schemas.NewClockBody;
          const { created, key } = ctx.registry
            .by(actorOf(request.identity!))
            .registerNamed({ sn, name, auth, deliver: deliverKey });
          // The key is in this answer only: the cloud keeps its hash.
          const clock = ctx.records.clock(sn);
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
    '/api/clocks/:sn/reupload': {
      POST: {
        schema: { summary: 'ask the clock for all its punches again', params: schemas.idParams('sn') },
        handler: (request, reply) => {
          const queued = ctx.portal.by(actorOf(request.identity!)).reuploadAll(param(request, 'sn'));
          return queued.ok ? reply.code(201).send(commandView(queued.value)) : failure(reply, queued);
        },
      },
    },
    '/api/clocks/:sn/operations': {
      GET: {
        schema: {
          summary: 'operation records the clock uploaded',
          params: schemas.idParams('sn'),
          querystring: schemas.limitOnlyQuery,
        },
        handler: (request) =>
          ctx.records.operations(param(request, 'sn'), (request.query as { limit?: number }).limit ?? 100),
      },
    },
    ...commandRoutes(ctx),
  };
}

/** A clock's command queue (listed, a command queued) and one command by id. */
function commandRoutes(ctx: ApiContext): RouteTable {
  return {
    '/api/clocks/:sn/commands': {
      GET: {
        schema: {
          summary: 'the commands of a clock and their lives',
          params: schemas.idParams('sn'),
          querystring: schemas.commandsQuery,
        },
        handler: (request) => {
          const { state, limit = 1000 } = request.query as { state?: CommandState; limit?: number };
          return ctx.records.commands({ sn: param(request, 'sn'), state, limit }).map(commandView);
        },
      },
      POST: {
        schema: { summary: 'queue any command', params: schemas.idParams('sn'), body: schemas.commandBody },
        handler: (request, reply) => {
          const command = commandFromJson(request.body);
          if (!command.ok) return failure(reply, command);
          const queued = ctx.portal.by(actorOf(request.identity!)).queueCommand(param(request, 'sn'), command.value);
          return queued.ok ? reply.code(201).send(commandView(queued.value)) : failure(reply, queued);
        },
      },
    },
    '/api/commands/:id': {
      GET: {
        schema: { summary: 'one command', params: schemas.idParams('id') },
        handler: (request, reply) => {
          const command = ctx.records.command(param(request, 'id'));
          return command
            ? commandView(command)
            : reply.code(404).send({ error: `no command with id ${param(request, 'id')}` });
        },
      },
    },
  };
}
