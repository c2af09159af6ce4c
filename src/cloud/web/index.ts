// The portal's pages as a fastify plugin: security headers, form bodies, CSRF tokens, a rate-limited
// sign-in, the assets, and the sections (employees, clocks, punches, account, live updates).
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accountPages } from './account-pages.js';
import { auditPages } from './audit-pages.js';
import { PORTAL_CSS, PORTAL_JS } from './assets.js';
import { clockPages } from './clock-pages.js';
import type { WebContext } from './context.js';
import { employeeAssignRoutes } from './employee-assign-routes.js';
import { employeeImportRoutes } from './employee-import-routes.js';
import { employeeLifeRoutes } from './employee-life-routes.js';
import { correctionRoutes } from './correction-routes.js';
import { employeePages } from './employee-pages.js';
import { liveEvents, whileSignedIn } from './live.js';
import { ErrorPage } from './error-page.js';
import { punchPages } from './punch-pages.js';
import { sendPage } from './render.js';
import { timesheetPages } from './timesheet-pages.js';
import { signInRoutes } from './signin-routes.js';
import { identify } from './web-guard.js';

/** Form posts are small: a profile is a few hundred bytes. */
const FORM_BODY_LIMIT = 64 * 1024;

export type { PortalFace, Watch, WebContext } from './context.js';
export { EVENT_STREAM_HEADERS } from './live.js';

export async function portalPages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on loopback too: no HSTS unless HTTPS is in front.
    strictTransportSecurity: false,
    // helmet's no-referrer makes Chromium send `Origin: null` with every form post, which the Origin
    // guard (web-guard.ts) must refuse; same-origin keeps the real Origin on our own posts only.
    referrerPolicy: { policy: 'same-origin' },
  });
  // How long the server took for a page (handler and rendering), for browsers' devtools and the benchmarks.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  });
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  await app.register(rateLimit, { global: false });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) ctx.log.error({ err: error, url: request.url }, 'portal page failed');
    const message =
      error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET'
        ? 'This form has expired or did not come from this portal. Go back, reload the page and try again.'
        : status === 500
          ? 'The portal failed on this request; the log says why.'
          : error.message;
    return sendPage(reply, ErrorPage({ status, message, identity: request.identity }), status);
  });
  app.setNotFoundHandler((request, reply) =>
    sendPage(
      reply,
      ErrorPage({
        status: 404,
        message: `There is no page at ${request.url.split('?')[0]}.`,
        identity: request.identity,
      }),
      404,
    ),
  );

  app.get('/assets/portal.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(PORTAL_CSS));
  app.get('/assets/portal.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(PORTAL_JS));
  app.get('/', async (_request, reply) => reply.redirect('/employees'));

  for (const pages of [
    signInRoutes,
    employeeImportRoutes,
    employeeAssignRoutes,
    employeeLifeRoutes,
    employeePages,
    clockPages,
    punchPages,
    correctionRoutes,
    timesheetPages,
    auditPages,
    accountPages,
    liveEvents,
  ]) {
    await app.register(pages, { ctx });
  }
  const face = ctx.face;
  if (face) {
    app.addHook('onRequest', async (request) => void (request.clockFace = { href: face.href, sn: face.sn }));
    // A session's account, or an API token's (Authorization: Bearer), as the API takes them.
    const who = (request: FastifyRequest) => identify(request, ctx.accounts, undefined);
    await app.register(async (scope) => face.routes(scope, who, (request, end) => whileSignedIn(ctx, request, end)));
  }
}

// Re-exported so that other rooms reach these only through this index.
export { identify, guardHook, type GuardOptions } from './web-guard.js';
