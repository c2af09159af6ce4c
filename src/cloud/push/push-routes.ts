// The PUSH endpoints on fastify: every body read as text (clocks send any content type, or none); the
// answer is handlePush's.
// The "reset" and "hang" faults are played on the socket itself.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import {
  PUSH_CONTENT_TYPE,
  PUSH_PATHS,
  splitUrl,
  type HandledResponse,
  type PushEndpoint,
} from '../../protocol/index.js';
import { PushAddressBusy } from '../errors.js';
import { noteRefusedBytes, type BodyGate, type ByteBudget, type RefusalLimiter } from '../limits.js';
import { bytesReadBeforeRefusal, readPushBody, wasCutShort } from './push-body.js';
import { handlePush, type PushContext } from './push-server.js';

/** A batch of 1,000 records is ~40 KB of ATTLOG, ~2 MB of OPERLOG with templates; 4 MiB is not a PUSH upload. */
export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024;

export interface PushRoutesOptions {
  ctx: PushContext;
  /** While the cloud has "gone away" (a fault), connections are dropped. */
  gone: () => boolean;
  /** Bytes of bodies being read at once, shared by all clocks. */
  budget: ByteBudget;
  /** Large bodies being read at once, per address. */
  gate: BodyGate;
  /** Addresses cut off: a body of theirs still arriving is cut too. */
  limiter: RefusalLimiter;
}

export async function pushRoutes(app: FastifyInstance, options: PushRoutesOptions): Promise<void> {
  const { ctx, gone } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { bodyLimit: MAX_PUSH_BODY_BYTES },
    (request: FastifyRequest, payload: IncomingMessage) => readBody(options, request.ip, payload),
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
    app.route({ method: ['GET', 'POST'], url, handler, childLoggerFactory: sharedLogger });
    app.route({
      method: ['PUT', 'DELETE', 'PATCH'],
      url,
      config: { methodNotAllowed: true },
      handler: async (request, reply) =>
        reply
          .code(405)
          .header('allow', 'GET, POST')
          .type(PUSH_CONTENT_TYPE)
          .send(`Error: method ${request.method} not allowed`),
    });
  }
}

/**
 * The server's logger itself, not a child per request: a child binding the request's id costs a poll more
 * than the rest of its answer (pino copies the redaction paths into each child), and a poll's log lines
 * name the clock, not the request.
 */
const sharedLogger = (logger: FastifyBaseLogger): FastifyBaseLogger => logger;

/** A body of a known length up to this is not gated: an ATTLOG batch of 1,000 punches is ~40 KB. */
const UNGATED_BODY_BYTES = 64 * 1024;

/**
 * The body. A large one (or one of no stated length) is read when its address has room for one more: past
 * it, 503 before a byte of it is read. 503, not a 4xx: a few clocks behind one router may upload together,
 * and the clock sends it again; it does not count towards cutting the address off.
 */
async function readBody({ budget, gate, limiter }: PushRoutesOptions, address: string, payload: IncomingMessage) {
  const length = payload.headers['content-length'];
  const gated = length === undefined || Number(length) > UNGATED_BODY_BYTES;
  if (gated && !gate.enter(address)) {
    payload.pause();
    throw new PushAddressBusy();
  }
  try {
    return await readPushBody(payload, MAX_PUSH_BODY_BYTES, budget, () => limiter.isBlocked(address));
  } catch (error) {
    noteRefusedBytes(payload, bytesReadBeforeRefusal(payload));
    throw error;
  } finally {
    if (gated) gate.leave(address);
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
  // A body stopped at an overlong line is answered now; the rest of it is not read, so the connection
  // cannot carry another request: node closes it once the answer is written.
  if (wasCutShort(request.raw)) reply.header('connection', 'close');
  await reply.code(handled.status).headers(handled.headers).send(handled.body);
}

function drop(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.socket?.destroy();
}
