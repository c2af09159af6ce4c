// Live updates for open pages: the cloud's facts as server-sent events.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';

export async function liveEvents(_app: FastifyInstance, _options: { ctx: WebContext }): Promise<void> {}
