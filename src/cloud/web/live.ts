// Live updates for open pages: the cloud's facts as server-sent events on GET /events. Each message is
// `event: facts` with `{"kinds":["clock","command","punch"…],"sns":[…]}`: what changed and on which
// clocks, never the data itself; the page fetches itself again to see it (LIVE_JS in assets-clocks.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { WebContext } from './context.js';
import { FactCoalescer, FactHub, type FactBatch } from './live-facts.js';
import { identify, sessionIdentity } from './web-guard.js';

/** At most this many messages a second per page, whatever the fleet does. */
const BATCH_INTERVAL_MS = 250;
/** A comment now and then keeps proxies from closing a quiet stream and notices a page that left. */
const HEARTBEAT_MS = 15_000;
/** How often an open stream looks whether its session still holds (sign-out, expiry, a password reset). */
const SESSION_CHECK_MS = 1_000;
/** How long a browser waits before it opens the stream again after it broke. */
const RETRY_MS = 2_000;

/** The answer's headers of an event stream (the portal's facts, the clock face's frames). */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  connection: 'keep-alive',
  // Proxies such as nginx would otherwise hold events back in their buffer.
  'x-accel-buffering': 'no',
} as const;

export async function liveEvents(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const hub = new FactHub(ctx);
  const open = new Set<() => void>();

  // Before the server closes its sockets: an open stream would otherwise hold close() up.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/events', async (request, reply) => {
    const identity = sessionIdentity(request, ctx.accounts);
    // No redirect to the sign-in page: EventSource cannot follow one to HTML; a 401 stops its retries.
    if (identity === undefined) {
      return reply.code(401).type('text/plain; charset=utf-8').send('sign in to the portal first\n');
    }
    // The security headers set so far (helmet's) go out with the stream.
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    reply.hijack();
    const out = reply.raw;
    // Subscribed before the first byte goes out: a page that has the answer's headers misses no fact.
    const send = (batch: FactBatch) => void out.write(`event: facts\ndata: ${JSON.stringify(batch)}\n\n`);
    const coalescer = new FactCoalescer(send, BATCH_INTERVAL_MS);
    const unsubscribe = hub.subscribe((kind, sn) => coalescer.add(kind, sn));
    out.writeHead(200, { ...headers, ...EVENT_STREAM_HEADERS });
    out.write(`retry: ${RETRY_MS}\n: live facts for ${identity.username}\n\n`);

    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
    // The stream lives as long as its session: signed out, expired, ended by a password reset (from the
    // command line too, another process) or an account removed, and it ends; the browser's retry gets a 401.
    const stopWatching = whileSessionHolds(ctx, request, end);
    let ended = false;
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      stopWatching();
      coalescer.close();
      unsubscribe();
      open.delete(end);
      out.end();
    }
    open.add(end);
    request.raw.on('close', end);
    out.on('close', end);
    out.on('error', end);
  });
}

/**
 * Calls `end` once the session that opened `request` no longer holds — signed out, expired, ended by a
 * password reset (from the command line too, another process) or its account removed — looked at every
 * SESSION_CHECK_MS, since a session can end in another process that tells this one nothing. For every
 * stream a signed-in page keeps open (the facts here, the clock face's frames). Returns the stop.
 */
export function whileSessionHolds(
  ctx: Pick<WebContext, 'records' | 'accounts'>,
  request: FastifyRequest,
  end: () => void,
): () => void {
  const sid = request.session.sessionId;
  const username = sessionIdentity(request, ctx.accounts)?.username;
  const check = setInterval(() => {
    const gone = username === undefined || ctx.accounts.identity(username) === undefined;
    if (gone || ctx.records.session(sid) === undefined) end();
  }, SESSION_CHECK_MS);
  return () => clearInterval(check);
}

/**
 * As whileSessionHolds, for a stream opened by a session or by an API token (Authorization: Bearer): a
 * token's stream ends once the token is revoked or its account removed, looked at just as often.
 */
export function whileSignedIn(
  ctx: Pick<WebContext, 'records' | 'accounts'>,
  request: FastifyRequest,
  end: () => void,
): () => void {
  if (request.headers.authorization === undefined) return whileSessionHolds(ctx, request, end);
  const check = setInterval(() => {
    if (identify(request, ctx.accounts, undefined) === undefined) end();
  }, SESSION_CHECK_MS);
  return () => clearInterval(check);
}
