// The message shown once after an action (Save, Add/Remove…): kept in the session across the 303
// redirect that follows a successful POST, so a reload does not show it again.
import type { FastifyRequest } from 'fastify';
import type { QueuedCommand } from '../types.js';
import type { Flash } from './layout.js';

declare module 'fastify' {
  interface Session {
    flash?: Flash;
  }
}

export function setFlash(request: FastifyRequest, flash: Flash): void {
  request.session.set('flash', flash);
}

/** The pending message, removed from the session as it is read. */
export function takeFlash(request: FastifyRequest): Flash | undefined {
  const flash = request.session.get('flash');
  if (flash !== undefined) request.session.set('flash', undefined);
  return flash;
}

/** `2 commands queued for TC1A000001, 1 command queued for TC1A000002`; `nothing queued` for none. */
export function queuedSummary(queued: readonly QueuedCommand[]): string {
  const perClock = new Map<string, number>();
  for (const command of queued) perClock.set(command.sn, (perClock.get(command.sn) ?? 0) + 1);
  if (perClock.size === 0) return 'No clock is assigned: nothing queued.';
  const parts = [...perClock].map(([sn, n]) => `${n} ${n === 1 ? 'command' : 'commands'} queued for ${sn}`);
  return `${parts.join(', ')}.`;
}
