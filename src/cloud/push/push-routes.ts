// The PUSH endpoints on fastify: every body read as text (clocks send any content type, or none); the
// answer is handlePush's.
// The "reset" and "hang" faults are played on the socket itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import {
  PUSH_CONTENT_TYPE,
  PUSH_PATHS,
  splitUrl,
  type HandledResponse,
  type PushEndpoint,
} from '../../protocol/index.js';
import type { ByteBudget } from '../limits.js';
import { readPushBody } from './push-body.js';
import { handlePush, type PushContext } from './push-server.js';

/** A batch of 1,000 records is ~40 KB of ATTLOG, ~2 MB of OPERLOG with templates; 4 MiB is not a PUSH upload. */
export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024;

export interface PushRoutesOptions {
  ctx: PushContext;
  /** While the cloud has "gone away" (a fault), connections are dropped. */
  gone: () => boolean;
  /** Bytes of bodies being read at once, shared by all clocks. */
  budget: ByteBudget;
}

export async function pushRoutes(app: FastifyInstance, { ctx, gone, budget }: PushRoutesOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { bodyLimit: MAX_PUSH_BODY_BYTES },
    (_request: FastifyRequest, payload: IncomingMessage) => readPushBody(payload, MAX_PUSH_BODY_BYTES, budget),
  );
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(PUSH_CONTENT_TYPE)
      .send(`Error: no PUSH endpoint ${request.url.split('?')[0]}`),
  );
  for (const [endpoint, path] of Object.entries(PUSH_PATHS) as [PushEndpoint, string][]) {
    const handler = (request: FastifyRequest, reply: FastifyReply) => answer(ctx, gone, endpoint, request, reply);
    // Other spellings of the path (case, `.aspx`, a trailing slash) are rewritten to this one by the server.
    // Registered under the /iclock prefix.
    const url = path.slice('/iclock'.length);
    app.route({ method: ['GET', 'POST'], url, handler });
    app.route({
      method: ['PUT', 'DELETE', 'PATCH'],
      url,
      handler: async (request, reply) =>
        reply
          .code(405)
          .header('allow', 'GET, POST')
          .type(PUSH_CONTENT_TYPE)
          .send(`Error: method ${request.method} not allowed`),
    });
  }
}

async function answer(
  ctx: PushContext,
  gone: () => boolean,
  endpoint: PushEndpoint,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (gone()) return drop(reply);
  const handled: HandledResponse = await handlePush(ctx, {
    method: request.method,
    endpoint,
    // The protocol's own reading of the query (first of a repeated key, lenient decoding), as before fastify.
    query: splitUrl(request.url).query,
    body: typeof request.body === 'string' ? request.body : '',
    headers: request.headers,
  });
  if (handled.abort === 'reset') return drop(reply);
  // Held until the client gives up and closes, or the server closes.
  if (handled.abort === 'hang') return void reply.hijack();
  await reply.code(handled.status).headers(handled.headers).send(handled.body);
}

function drop(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.socket?.destroy();
}
