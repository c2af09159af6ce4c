// The cloud's one HTTP server (fastify), three faces of one domain: the PUSH endpoints for clocks, the
// JSON API for scripts and the portal's pages for people. Only the web faces carry sessions, the Host
// and Origin checks and the security headers; the PUSH path stays as lean as the clocks need.
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.js';
import { apiRoutes, type ApiContext } from './api/index.js';
import { PUSH_PATHS } from '../protocol/index.js';
import { installFloodGuard, type BodyGate, type ByteBudget, type RefusalLimiter } from './limits.js';
import { generateToken } from './domain/index.js';
import { portalPages, type WebContext } from './web/index.js';
import { pushRoutes } from './push/index.js';
import type { PushContext } from './push/index.js';
import { sessionSecret, sqliteSessionStore, type CloudStore } from './db/index.js';
import { guardHook, type GuardOptions } from './web/index.js';
import { lazyValidators } from './lazy-validators.js';

declare module 'fastify' {
  interface Session {
    username?: string;
  }
}

export interface ServerParts {
  /** The cloud database, for the web sessions and their signing key (the faces get the domain only). */
  store: CloudStore;
  push: PushContext;
  api: ApiContext;
  web: WebContext;
  guard: GuardOptions;
  /** A signed-in session idle this long ends (the cloud's clock). */
  sessionTtlMs: number;
  /** Cookies marked Secure (served over HTTPS). */
  secureCookies: boolean;
  timeouts: HttpTimeouts;
  /** Serve HTTPS with this certificate and key (PEM) instead of plain HTTP. */
  tls: { cert: string | Buffer; key: string | Buffer } | undefined;
  gone: () => boolean;
  log: Logger;
  /** Addresses refused too often, cut off at the socket (limits.ts). */
  limiter: RefusalLimiter;
  /** Bytes of PUSH bodies being read at once. */
  bodyBudget: ByteBudget;
  /** PUSH bodies being read at once, per address. */
  bodyGate: BodyGate;
  /** Filled with every route the server registers (the audit test walks it); emptied when it is built again. */
  routes: RouteEntry[];
}

/** One route of the server: a method, its whole path, and whether it only answers 405 (a method not allowed). */
export interface RouteEntry {
  method: string;
  url: string;
  methodNotAllowed: boolean;
}

/** How long a client may take: a connection that sends half a request is closed, never held forever. */
export interface HttpTimeouts {
  /** From connection to the end of the headers (default 10 s). */
  headersMs: number;
  /** From connection to the end of the body (default 30 s). */
  requestMs: number;
  /** A socket with no traffic at all (default 120 s; a held answer of the hang fault ends then too). */
  idleMs: number;
}

/** A year, sub-domains not included: the cloud knows its own host name, not its neighbours'. */
const HSTS = 'max-age=31536000';

export const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, idleMs: 120_000 };

/** fastify's own options: TLS, the logger, the timeouts, the PUSH path rewrite and the validators. */
function fastifyOptions(parts: ServerParts) {
  const { timeouts } = parts;
  return {
    ...(parts.tls ? { https: { cert: parts.tls.cert, key: parts.tls.key } } : {}),
    loggerInstance: parts.log as FastifyBaseLogger,
    // One log line per request would be most of the log of a fleet polling every few seconds.
    logController: new LogController({ disableRequestLogging: true }),
    // close() must not wait for held answers (the hang fault) or idle keep-alive sockets.
    forceCloseConnections: true,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node looks for late requests on this beat (30 s by default): late ones are cut within a second.
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    rewriteUrl: (request: { url?: string }) => pushPath(request.url ?? '/'),
    // verbose: a schema error carries its schema, whose description makes the API's message.
    // No coercion of a body's text into a list ('array'), and no silent dropping of unknown fields.
    ajv: { customOptions: { verbose: true, coerceTypes: true, removeAdditional: false } },
    // Compiled when a route first validates a request, not at start (lazy-validators.ts).
    schemaController: { compilersFactory: { buildValidator: lazyValidators() } },
  };
}

export async function buildServer(parts: ServerParts): Promise<FastifyInstance> {
  const app = Fastify(fastifyOptions(parts));
  installFloodGuard(app, parts.limiter, parts.push.quiet);
  parts.routes.length = 0;
  app.addHook('onRoute', (route) => {
    const methodNotAllowed = (route.config as { methodNotAllowed?: boolean } | undefined)?.methodNotAllowed === true;
    for (const method of [route.method].flat()) parts.routes.push({ method, url: route.url, methodNotAllowed });
  });
  // Under TLS, browsers are told to come back over HTTPS only (pages, API and PUSH alike).
  if (parts.tls) app.addHook('onSend', async (_request, reply) => void reply.header('strict-transport-security', HSTS));
  await app.register(pushRoutes, {
    ctx: parts.push,
    gone: parts.gone,
    budget: parts.bodyBudget,
    gate: parts.bodyGate,
    limiter: parts.limiter,
    prefix: '/iclock',
  });
  await app.register(async (web) => {
    web.addHook('onRequest', async (request, reply) => {
      if (parts.gone()) {
        reply.hijack();
        request.raw.socket.destroy();
      }
    });
    web.addHook('onRequest', guardHook(parts.guard));
    await web.register(cookie);
    await web.register(session, {
      secret: sessionSecret(parts.store, () => generateToken() + generateToken()),
      cookieName: 'timeclock.sid',
      cookie: { secure: parts.secureCookies, httpOnly: true, sameSite: 'lax', path: '/' },
      saveUninitialized: false,
      rolling: true,
      store: sqliteSessionStore(parts.store, parts.api.now, parts.sessionTtlMs),
    });
    await web.register(
      async (api) => {
        await api.register(swagger, {
          openapi: {
            info: {
              title: 'timeclock-sim reference cloud API',
              version: '1',
              description:
                'The portal as JSON: employees, the Clocks section and Add/Remove, clocks and their commands, punches, faults. ' +
                'Every call needs a signed-in session or Authorization: Bearer <API token> (issued on the portal’s Account page).',
            },
            components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
            security: [{ token: [] }],
          },
        });
        api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
        await api.register(apiRoutes, { ctx: parts.api });
      },
      { prefix: '/api' },
    );
    await web.register(portalPages, { ctx: parts.web });
  });
  return app;
}

const CANONICAL_PUSH_PATHS = new Set<string>(Object.values(PUSH_PATHS));

/**
 * PUSH paths in any case, with a trailing slash or the `.aspx` some servers' clocks append, or doubled
 * slashes (a server URL typed with a trailing slash, `http://host//iclock/cdata`), as the clocks' own.
 */
function pushPath(url: string): string {
  const at = url.indexOf('?');
  const asSent = at < 0 ? url : url.slice(0, at);
  // Nearly every request of a clock is spelled as the route already: nothing to rewrite.
  if (CANONICAL_PUSH_PATHS.has(asSent)) return url;
  const path = asSent.replace(/\/{2,}/g, '/');
  if (!/^\/iclock\//i.test(path)) return url;
  const clean = path
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.aspx$/, '');
  return at < 0 ? clean : clean + url.slice(at);
}
