// The caller's own account in the API: a change of password, the current one asked first. Any account may
// change its own (a read-only one too); the account's other sessions end, the one asking stays signed in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Accounts } from '../domain/index.js';
import { actorOf } from '../domain/index.js';

export const changePasswordBody = {
  type: 'object',
  required: ['current', 'password'],
  additionalProperties: false,
  properties: {
    current: { type: 'string', maxLength: 200, description: 'the account’s password now' },
    password: { type: 'string', maxLength: 200, description: 'the new password, at least 10 characters' },
  },
};

/** The one write a read-only account may make: its own password. */
export const OWN_ACCOUNT_WRITES = new Set(['/api/me/password']);

export function meRoutes(accounts: Accounts) {
  return {
    '/api/me/password': {
      POST: {
        schema: { summary: 'change the caller’s own password', body: changePasswordBody },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const { current, password } = request.body as { current: string; password: string };
          const username = request.identity!.username;
          const keep = (request.session as { sessionId?: string } | undefined)?.sessionId ?? '';
          const changed = accounts.by(actorOf(request.identity!)).changePassword(username, current, password, keep);
          if (changed.ok) return { changed: true, username };
          return reply.code(changed.problem.kind === 'not-found' ? 404 : 400).send({ error: changed.problem.message });
        },
      },
    },
  };
}
