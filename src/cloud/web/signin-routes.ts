// Sign-in and sign-out. Sign-in is rate-limited per address and the account locks after repeated
// failures (accounts.ts); a new session id is issued on sign-in so a planted one is worthless.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';
import { safeNext } from './guards.js';
import { sendPage } from './render.js';
import { SignInPage } from './signin.js';

export async function signInRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  // Each sign-in page stores a session for its CSRF secret: a client asking for it in a loop is slowed.
  app.get('/signin', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const query = request.query as { next?: string; expired?: string };
    const csrf = reply.generateCsrf();
    return sendPage(reply, SignInPage({ csrf, next: safeNext(query.next), expired: query.expired === '1' }));
  });

  app.post(
    '/signin',
    {
      preHandler: app.csrfProtection,
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as { username?: unknown; password?: unknown; next?: unknown };
      const username = typeof body.username === 'string' ? body.username.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const next = safeNext(body.next);
      const result = username === '' || password === '' ? undefined : ctx.accounts.signIn(username, password);
      if (result === undefined || !result.ok) {
        const error = result === undefined ? 'Enter your username and password.' : result.problem.message;
        const csrf = reply.generateCsrf();
        return sendPage(reply, SignInPage({ csrf, next, username, error }), result === undefined ? 400 : 401);
      }
      await request.session.regenerate();
      request.session.set('username', result.value.username);
      return reply.redirect(next, 303);
    },
  );

  app.post('/signout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/signin', 303);
  });
}
