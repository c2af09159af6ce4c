// The face's routes for a fastify server that already has cookies and CSRF tokens (the portal's pages,
// or the face's own server): the page, its assets, the frame stream and the press. Who may look and who
// may press is the host's to say (FaceAccess); every press carries the page's CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FACE_CSS, FACE_JS } from './face-assets.js';
import { FacePage } from './face-page.js';
import { FrameStream, lineState } from './frame-stream.js';
import { faceView } from './frame-view.js';
import { applyPress, readPress, type FaceSource } from './hands.js';
import { renderToString } from 'preact-render-to-string';
import { enrolledFingers, knownCards, people } from './roster.js';

export interface Visitor {
  /** As the page's bar says it: `admin (SysAdmin)`. */
  name: string;
  canPress: boolean;
}

export interface FaceAccess {
  /** Who is asking; undefined for nobody, who is sent to `signIn` (a page) or answered 401. */
  who(request: FastifyRequest): Visitor | undefined;
  /** Where a page request from nobody goes; undefined: a 401. */
  signIn?: ((request: FastifyRequest) => string) | undefined;
  /** The portal's home, when the face is one of its pages. */
  portal?: string | undefined;
  /** Ends a frame stream once the sign-in that opened it no longer holds (the portal's sessions); returns the stop. */
  watch?: ((request: FastifyRequest, end: () => void) => () => void) | undefined;
}

export interface FaceRouteOptions {
  source: FaceSource;
  access: FaceAccess;
}

/** A press is a few dozen bytes of JSON. */
const PRESS_BODY_LIMIT = 1024;

function refuse(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

/** Whose finger, with the finger the clock knows them by first (their first enrolled one, else the right index). */
function handsOf(source: FaceSource) {
  const records = source.clock.records;
  const enrolled = enrolledFingers(records);
  const persons = people(records, []).map((p) => {
    const own = enrolled.find((f) => f.finger.person === p.person);
    return { ...p, fid: own?.finger.fid ?? 6 };
  });
  return { people: persons, cards: knownCards(records) };
}

export async function faceRoutes(app: FastifyInstance, { source, access }: FaceRouteOptions): Promise<void> {
  const stream = new FrameStream(source);
  app.addHook('preClose', async () => stream.close());
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    const csrf = error.code?.startsWith('FST_CSRF') === true;
    return refuse(reply, status, csrf ? 'the press carried no valid CSRF token: reload the page' : error.message);
  });

  app.get('/clock/face.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(FACE_CSS));
  app.get('/clock/face.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(FACE_JS));

  app.get('/clock', async (request, reply) => {
    const visitor = access.who(request);
    if (!visitor) {
      if (access.signIn) return reply.redirect(access.signIn(request));
      return reply.code(401).type('text/plain; charset=utf-8').send('sign in first\n');
    }
    const { clock } = source;
    const page = FacePage({
      model: clock.model,
      serialNumber: clock.serialNumber,
      macAddress: clock.macAddress,
      view: faceView(clock.frame(), clock.model.screen),
      canPress: visitor.canPress,
      who: visitor.name,
      csrf: reply.generateCsrf(),
      portal: access.portal,
      cloudReachable: lineState(source).cloud ?? undefined,
      ...handsOf(source),
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html>\n${renderToString(page)}`);
  });

  app.get('/clock/frames', async (request, reply) => {
    // No redirect: EventSource cannot follow one to a page; a 401 stops its retries.
    if (!access.who(request)) return refuse(reply, 401, 'sign in first');
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    reply.hijack();
    stream.add(reply.raw, headers);
    // Signed out or expired, and the page's stream ends as the portal's own does; its retry then gets a 401.
    const stop = access.watch?.(request, () => reply.raw.end());
    if (stop) reply.raw.on('close', stop);
  });

  const mayPress = async (request: FastifyRequest, reply: FastifyReply) => {
    const visitor = access.who(request);
    if (!visitor) return refuse(reply, 401, 'sign in first');
    if (!visitor.canPress) return refuse(reply, 403, 'your account is read-only: it may watch the clock, not press it');
  };
  app.post(
    '/clock/press',
    { bodyLimit: PRESS_BODY_LIMIT, preHandler: [mayPress, app.csrfProtection] },
    async (request, reply) => {
      const press = readPress(request.body, source.clock);
      if (typeof press === 'string') return refuse(reply, 400, press);
      const problem = applyPress(source, press);
      if (problem !== undefined) return refuse(reply, 409, problem);
      // A cut cloud shows on the screen only at the next failed request: the pages hear of the switch now.
      if (press.kind === 'cloud') stream.resend();
      return reply.header('cache-control', 'no-store').send({ ok: true, ...lineState(source) });
    },
  );
}
