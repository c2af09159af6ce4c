// Where the face lives: among the portal's pages of the embedded cloud (a signed-in SysAdmin or an API
// token presses, a read-only account watches), or on a loopback port of its own for a clock whose cloud
// is elsewhere (anyone on this machine, as on the control port's loopback listener).
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { guardHook, type PortalFace } from '../cloud/index.js';
import { listenOnLoopback } from '../loopback.js';
import type { Logger } from '../log.js';
import type { FaceSource } from './hands.js';
import { faceRoutes } from './routes.js';

export const FACE_PATH = '/clock';

/** The face as the embedded cloud's portal mounts it. */
export function portalFace(source: FaceSource): PortalFace {
  return {
    sn: source.clock.serialNumber,
    href: FACE_PATH,
    routes: (app, who, watch) =>
      faceRoutes(app, {
        source,
        access: {
          who: (request) => {
            const identity = who(request);
            if (!identity) return undefined;
            const sysadmin = identity.role === 'sysadmin';
            return { name: `${identity.username} (${sysadmin ? 'SysAdmin' : 'read-only'})`, canPress: sysadmin };
          },
          signIn: (request) => `/signin?next=${encodeURIComponent(request.url)}`,
          portal: '/employees',
          watch,
        },
      }),
  };
}

export interface FaceServer {
  /** `http://127.0.0.1:8082/clock` */
  readonly url: string;
  close(): Promise<void>;
}

/** Where the face's own server listens when it can, so that its address is the same at every start. */
export const FACE_PORT = 8082;

/** The security headers of the portal's pages: nothing but this server's own script, style and streams. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * The face on its own loopback port (FACE_PORT when free, else any; `port` to choose): the Host must
 * name this machine (no DNS rebinding), a press must come from the page itself (Origin, CSRF token).
 */
export async function startFaceServer(
  source: FaceSource,
  options: { port?: number; logger: Logger },
): Promise<FaceServer> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // A line per request would fill the terminal UI's log pane with key presses.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
  });
  app.addHook('onRequest', guardHook({ allowedHosts: [] }));
  await app.register(helmet, {
    contentSecurityPolicy: { directives: CSP },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  // The CSRF secret in a cookie of its own: no sessions here, and no account to sign in with.
  await app.register(csrf, { cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true } });
  app.get('/', async (_request, reply) => reply.redirect(FACE_PATH));
  await app.register(faceRoutes, {
    source,
    access: { who: () => ({ name: 'this machine (loopback)', canPress: true }) },
  });
  await listenOnLoopback(app, {
    requested: options.port,
    fallback: FACE_PORT,
    code: 'TC_ERR_FACE_PORT',
    what: 'face port',
  });
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}${FACE_PATH}`, close: () => app.close() };
}
