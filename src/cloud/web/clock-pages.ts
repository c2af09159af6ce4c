// Clocks: the list with their online state, one clock's page with its counts, commands and their lives,
// and the actions (reboot, re-upload all punches, send every assigned employee again).
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';

export async function clockPages(_app: FastifyInstance, _options: { ctx: WebContext }): Promise<void> {}
