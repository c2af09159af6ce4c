// Punches by date range, employee and clock, and their CSV export.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';

export async function punchPages(_app: FastifyInstance, _options: { ctx: WebContext }): Promise<void> {}
