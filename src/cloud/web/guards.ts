// Who may see a page: signed-in people, and SysAdmins for the pages and forms that change something.
// A request without a session goes to the sign-in page and comes back to where it was going.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from './context.js';
import { sessionIdentity } from './web-guard.js';
import { CloudReadOnly } from '../errors.js';

/** A preHandler: the request's identity from its session, or a redirect to sign in. */
export function signedIn(ctx: WebContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.identity = sessionIdentity(request, ctx.accounts);
    if (request.identity !== undefined) return;
    const hadSession = request.cookies['timeclock.sid'] !== undefined;
    const next = encodeURIComponent(request.method === 'GET' ? request.url : (request.headers.referer ?? '/'));
    return reply.redirect(`/signin?next=${next}${hadSession ? '&expired=1' : ''}`);
  };
}

/** A preHandler after signedIn: read-only accounts are refused with a 403 page. */
export async function sysAdminOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.identity?.role === 'sysadmin') return;
  return reply.send(new CloudReadOnly());
}

/**
 * A same-site path to return to after sign-in; anything else (another host, a scheme) goes home. Browsers
 * drop tabs and line breaks from a URL (`/\t/evil.example` is `//evil.example` to them) and read `\` as `/`,
 * and a line break cannot go in a Location header: a path with a control character, a space, a
 * backslash or a character past ASCII anywhere is not taken.
 */
export function safeNext(next: unknown): string {
  // Printable ASCII but the backslash: a Location header takes nothing else (the page's own links are encoded).
  const sameSitePath = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;
  return typeof next === 'string' && next.length <= 2_000 && sameSitePath.test(next) ? next : '/employees';
}
