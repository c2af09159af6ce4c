// The signed-in person's account: their API tokens (issue, list, revoke).
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';

export async function accountPages(_app: FastifyInstance, _options: { ctx: WebContext }): Promise<void> {}
