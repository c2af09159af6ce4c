// The signed-in person's account: their password (changed with the current one), their API tokens (issue,
// list, revoke). Any account manages its own; a read-only account's token is read-only, as the account is.
import type { FastifyInstance } from 'fastify';
import { AccountPage, type AccountPageProps } from './account-view.js';
import type { WebContext } from './context.js';
import { signedIn } from './guards.js';
import { sendPage } from './render.js';
import { CloudNotFound } from '../errors.js';
import { actorOf } from '../domain/index.js';

export async function accountPages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);

  app.get('/account', { preHandler: guard }, async (request, reply) => {
    const identity = request.identity!;
    const { revoked, password } = request.query as { revoked?: string; password?: string };
    const text = revoked === '1' ? 'Token revoked: it no longer opens the API.' : undefined;
    const changed = password === 'changed' ? 'Password changed: your other sessions are signed out.' : undefined;
    const page = AccountPage({
      identity,
      csrf: reply.generateCsrf(),
      tokens: ctx.accounts.tokens(identity.username),
      ...((text ?? changed) ? { flash: { kind: 'ok', text: (text ?? changed)! } } : {}),
    });
    return sendPage(reply, page);
  });

  app.post('/account/password', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const identity = request.identity!;
    const form = (request.body ?? {}) as { current?: unknown; password?: unknown; confirm?: unknown };
    const [current, password, confirm] = [form.current, form.password, form.confirm].map((v) => String(v ?? ''));
    const result =
      password === confirm
        ? ctx.accounts
            .by(actorOf(request.identity!))
            .changePassword(identity.username, current!, password!, request.session.sessionId)
        : { ok: false as const, problem: { message: 'the two new passwords differ' } };
    if (result.ok) return reply.redirect('/account?password=changed', 303);
    const page = AccountPage({
      identity,
      csrf: reply.generateCsrf(),
      tokens: ctx.accounts.tokens(identity.username),
      passwordError: capitalised(result.problem.message),
    });
    return sendPage(reply, page, 400);
  });

  // Answered with the page itself, not a redirect: the token must not be kept anywhere to show it later.
  app.post('/account/tokens', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const identity = request.identity!;
    const name = String((request.body as { name?: unknown } | undefined)?.name ?? '').trim();
    const result = ctx.accounts.by(actorOf(request.identity!)).issueToken(identity.username, name);
    const props: AccountPageProps = {
      identity,
      csrf: reply.generateCsrf(),
      tokens: ctx.accounts.tokens(identity.username),
    };
    if (!result.ok) {
      return sendPage(reply, AccountPage({ ...props, name, nameError: capitalised(result.problem.message) }), 400);
    }
    return sendPage(
      reply,
      AccountPage({ ...props, issued: { name: result.value.info.name, token: result.value.token } }),
    );
  });

  app.post('/account/tokens/:id/revoke', { preHandler: [guard, app.csrfProtection] }, async (request, reply) => {
    const identity = request.identity!;
    const id = Number((request.params as { id: string }).id);
    // Only the account's own tokens: another account's id is not found, whoever asks.
    if (!Number.isSafeInteger(id) || !ctx.accounts.by(actorOf(request.identity!)).revokeToken(identity.username, id)) {
      throw new CloudNotFound('This account has no such token.');
    }
    return reply.redirect('/account?revoked=1', 303);
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
