// The API's routes for how clocks prove who they are: a clock's device key (issued, re-issued, dropped
// for a plain PUSH clock) and the clocks waiting for an admin (listed, accepted, rejected).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from './api.js';
import type { RouteSpec } from './api-replies.js';
import * as schemas from './api-schemas.js';
import { actorOf } from '../domain/index.js';

const keyBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deliver: {
      type: 'boolean',
      description: 'true (default): the clock’s next handshake takes the key; false: it is entered on the clock',
    },
  },
};

const acceptBody = {
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string', maxLength: 64 } },
};

export function clockKeyRoutes(ctx: ApiContext): Record<string, Record<string, RouteSpec>> {
  const sn = (request: FastifyRequest) => (request.params as Record<string, string>).sn ?? '';
  const noClock = (reply: FastifyReply, serial: string) =>
    reply.code(404).send({ error: `no clock with serial number ${serial}` });
  return {
    '/api/clocks/:sn/key': {
      POST: {
        schema: {
          summary: 'a new device key for the clock (shown once); the old one stops working',
          params: schemas.idParams('sn'),
          body: keyBody,
        },
        handler: (request, reply) => {
          const deliver = (request.body as { deliver?: boolean } | undefined)?.deliver ?? true;
          const key = ctx.registry.by(actorOf(request.identity!)).issueKey(sn(request), deliver);
          if (key === undefined) return noClock(reply, sn(request));
          ctx.log.info({ sn: sn(request), deliver }, 'device key issued');
          return reply.code(201).send({ sn: sn(request), key, deliver });
        },
      },
      DELETE: {
        schema: {
          summary: 'the clock proves itself by its serial number alone (a plain PUSH clock that cannot carry a key)',
          params: schemas.idParams('sn'),
        },
        handler: (request, reply) => {
          if (!ctx.registry.by(actorOf(request.identity!)).serialOnly(sn(request))) return noClock(reply, sn(request));
          ctx.log.warn({ sn: sn(request) }, 'clock set to serial number only: anyone who knows it may speak for it');
          return reply.code(204).send();
        },
      },
    },
    '/api/clocks/pending': {
      GET: {
        schema: {
          summary: 'unknown serial numbers that asked, waiting for an admin (most recent first)',
          querystring: schemas.limitOnlyQuery,
        },
        handler: (request) => ctx.registry.pending((request.query as { limit?: number }).limit ?? 100),
      },
    },
    '/api/clocks/pending/:sn': {
      POST: {
        schema: {
          summary: 'accept a pending clock: registered, with a key its next handshake takes',
          params: schemas.idParams('sn'),
          body: acceptBody,
        },
        handler: (request, reply) => {
          const name = (request.body as { name?: string } | undefined)?.name;
          const accepted = ctx.registry.by(actorOf(request.identity!)).accept(sn(request), name);
          if (accepted === undefined) return reply.code(404).send({ error: `no pending clock ${sn(request)}` });
          ctx.log.info({ sn: sn(request) }, 'pending clock accepted');
          const clock = ctx.records.clock(sn(request));
          return reply.code(201).send({ ...clock, ...(accepted.key === undefined ? {} : { key: accepted.key }) });
        },
      },
      DELETE: {
        schema: {
          summary: 'forget a pending clock (it is listed again if it asks again)',
          params: schemas.idParams('sn'),
        },
        handler: (request, reply) =>
          ctx.registry.by(actorOf(request.identity!)).reject(sn(request))
            ? reply.code(204).send()
            : reply.code(404).send({ error: `no pending clock ${sn(request)}` }),
      },
    },
  };
}
