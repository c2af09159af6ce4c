// Employees → list view, Search for employee, the profile with its Clocks section, Save, and the clock
// selection dialog with Add/Remove.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';

export async function employeePages(_app: FastifyInstance, _options: { ctx: WebContext }): Promise<void> {}
