// Clocks: the list with their online state, one clock's page with its counts, commands and their lives,
// and the actions (reboot, re-upload all punches, send every assigned employee again).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, type Portal, type Result } from '../domain/index.js';
import { commandLine } from '../api/index.js';
import type { QueuedCommand } from '../types.js';
import { summarizeClock } from './clock-summary.js';
import { commandPin } from './command-words.js';
import { ClockPage } from './clock-view.js';
import { ClocksPage } from './clocks-view.js';
import type { WebContext } from './context.js';
import { signedIn, sysAdminOnly } from './guards.js';
import type { Flash } from './layout.js';
import { sendPage } from './render.js';
import { CloudNotFound } from '../errors.js';

/** How much history one clock's page shows. */
const SHOWN = { commands: 50, changes: 50, operations: 20, pending: 100 } as const;

function pendingFlash(query: { accepted?: string; forgotten?: string }): { flash?: Flash } {
  if (typeof query.accepted === 'string') {
    return { flash: { kind: 'ok', text: `${query.accepted} accepted: its next handshake takes its device key.` } };
  }
  if (typeof query.forgotten === 'string') {
    return { flash: { kind: 'ok', text: `${query.forgotten} forgotten: it is listed again if it asks again.` } };
  }
  return {};
}

type Action = 'reboot' | 'reupload' | 'resend';

/** What each action does, and the message shown after it (by the `done` query of the redirect). */
const ACTIONS: Record<Action, { run: (portal: Portal, sn: string) => Result<unknown>; done: string }> = {
  reboot: {
    run: (portal, sn) => portal.queueCommand(sn, { kind: 'reboot' }),
    done: 'REBOOT queued: the clock restarts at its next poll.',
  },
  reupload: {
    run: (portal, sn) => portal.reuploadAll(sn),
    done: 'Stamps set to 0 and CHECK queued: the clock uploads all its punches again at its next poll.',
  },
  resend: {
    run: (portal, sn) => portal.resendEmployees(sn),
    done: 'A fresh copy of every assigned employee’s profile is queued for the clock.',
  },
};

export async function clockPages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);

  app.get('/clocks', { preHandler: guard }, async (request, reply) => {
    const now = ctx.now();
    const clocks = ctx.records.clocks().map((clock) => summarizeClock(ctx, clock));
    const page = ClocksPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      clocks,
      now,
      onlineWithinMs: ctx.onlineWithinMs,
      pending: ctx.registry.pending(SHOWN.pending),
      ...pendingFlash(request.query as { accepted?: string; forgotten?: string }),
    });
    return sendPage(reply, page);
  });

  app.post(
    '/clocks/pending/:sn/:verdict',
    { preHandler: [guard, sysAdminOnly, app.csrfProtection] },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { sn, verdict } = request.params as { sn: string; verdict: string };
      const registry = ctx.registry.by(actorOf(request.identity!));
      const done =
        verdict === 'accept' ? registry.accept(sn) !== undefined : verdict === 'reject' && registry.reject(sn);
      if (!done) throw new CloudNotFound(`No clock ${sn} is waiting to be accepted.`);
      ctx.log.info({ sn, verdict, by: request.identity?.username }, 'pending clock decided in the portal');
      const query = verdict === 'accept' ? 'accepted' : 'forgotten';
      return reply.redirect(`/clocks?${query}=${encodeURIComponent(sn)}`, 303);
    },
  );

  app.get('/clocks/:sn', { preHandler: guard }, async (request, reply) => {
    const { sn } = request.params as { sn: string };
    const now = ctx.now();
    const clock = ctx.records.clock(sn);
    if (clock === undefined) return notFound(sn);
    const commands = ctx.records.recentCommands(sn, SHOWN.commands);
    const changes = ctx.portal.clockChanges(sn, SHOWN.changes);
    const employeeOfPin = new Map<string, string>();
    for (const change of changes.ok ? changes.value : []) {
      const employee = ctx.records.employeeByBadge(change.pin);
      if (employee !== undefined) employeeOfPin.set(change.pin, employee.employeeId);
    }
    const namesByPin = commandNames(ctx, commands);
    const done = (request.query as { done?: string }).done;
    const flash: Flash | undefined = isAction(done) ? { kind: 'ok', text: ACTIONS[done].done } : undefined;
    const page = ClockPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      clock: summarizeClock(ctx, clock, commands),
      commands,
      changes: changes.ok ? changes.value : [],
      operations: ctx.records.operations(sn, SHOWN.operations),
      employeeOfPin,
      namesByPin,
      now,
      onlineWithinMs: ctx.onlineWithinMs,
      ...(flash ? { flash } : {}),
    });
    return sendPage(reply, page);
  });

  for (const action of Object.keys(ACTIONS) as Action[]) {
    app.post(
      `/clocks/:sn/${action}`,
      { preHandler: [guard, sysAdminOnly, app.csrfProtection] },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { sn } = request.params as { sn: string };
        const result = ACTIONS[action].run(ctx.portal.by(actorOf(request.identity!)), sn);
        if (!result.ok) return notFound(sn);
        ctx.log.info({ sn, action, by: request.identity?.username }, 'clock action from the portal');
        return reply.redirect(`/clocks/${encodeURIComponent(sn)}?done=${action}`, 303);
      },
    );
  }
}

/** The employee's name of each PIN the commands are about, for their words on the page. */
function commandNames(ctx: WebContext, commands: readonly QueuedCommand[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of commands) {
    const pin = commandPin(commandLine(c.command));
    if (pin === undefined || names.has(pin)) continue;
    const employee = ctx.records.employeeByBadge(pin);
    if (employee !== undefined) names.set(pin, `${employee.firstName} ${employee.lastName}`.trim());
  }
  return names;
}

function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

/** Thrown into the portal's error handler, which answers with the 404 page. */
function notFound(sn: string): never {
  throw new CloudNotFound(`There is no clock with serial number ${sn}.`);
}
