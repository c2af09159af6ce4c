// Punch corrections in the portal: add a missed punch (from an employee's punches or timesheet), correct
// or void a punch — SysAdmins only, CSRF-checked, a reason required; back to the employee's punches.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPunchTime, type EffectivePunch, type Result } from '../domain/index.js';
import { CloudNotFound } from '../errors.js';
import type { WebContext } from './context.js';
import { AddPunchPage, CorrectPunchPage, MARK_WORDS } from './correction-view.js';
import { textOf, type FormBody } from './form-fields.js';
import { signedIn, sysAdminOnly } from './guards.js';
import { sendPage } from './render.js';
import { setFlash } from './session-flash.js';
import { actorOf } from '../domain/index.js';

export async function correctionRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);
  const reading = [guard, sysAdminOnly];
  const writing = [guard, sysAdminOnly, app.csrfProtection];

  app.get('/employees/:employeeId/punches/new', { preHandler: reading }, async (request, reply) => {
    const employee = employeeOf(ctx, request);
    // Today 00:00 as a start; the person sets the time the punch was missed.
    const time = new Date(ctx.now()).toISOString().slice(0, 11) + '08:00';
    const page = { identity: request.identity!, csrf: reply.generateCsrf(), employee, time, status: 0, reason: '' };
    return sendPage(reply, AddPunchPage(page));
  });

  app.post('/employees/:employeeId/punches/new', { preHandler: writing }, async (request, reply) => {
    const employee = employeeOf(ctx, request);
    const body = (request.body ?? {}) as FormBody;
    const [time, status, reason] = [textOf(body, 'time'), Number(textOf(body, 'status')), textOf(body, 'reason')];
    const at = checkPunchTime(time);
    const done = at.ok
      ? ctx.corrections.addMissed(actorOf(request.identity!), employee.employeeId, { time: at.value, status, reason })
      : at;
    if (!done.ok) {
      const page = { identity: request.identity!, csrf: reply.generateCsrf(), employee, time, status, reason };
      return sendPage(reply, AddPunchPage({ ...page, error: done.problem.message }), 400);
    }
    return back(request, reply, done.value, 'Added the missed punch');
  });

  app.get('/punches/:id/correct', { preHandler: reading }, async (request, reply) => {
    return sendPage(reply, correctPage(ctx, request, reply.generateCsrf()));
  });

  app.post('/punches/:id/correct', { preHandler: writing }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const at = checkPunchTime(textOf(body, 'time'));
    const input = { status: Number(textOf(body, 'status')), reason: textOf(body, 'reason') };
    const done = at.ok
      ? ctx.corrections.correct(actorOf(request.identity!), punchIdOf(request), { ...input, time: at.value })
      : at;
    return answered(ctx, request, reply, done, 'Corrected the punch');
  });

  app.post('/punches/:id/void', { preHandler: writing }, async (request, reply) => {
    const reason = textOf((request.body ?? {}) as FormBody, 'reason');
    const done = ctx.corrections.void(actorOf(request.identity!), punchIdOf(request), reason);
    return answered(ctx, request, reply, done, 'Voided the punch');
  });
}

function answered(
  ctx: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  done: Result<EffectivePunch>,
  said: string,
) {
  if (done.ok) return back(request, reply, done.value, said);
  if (done.problem.kind === 'not-found')
    throw new CloudNotFound(`There is no punch ${punchIdOf(request)} of an employee.`);
  return sendPage(reply, correctPage(ctx, request, reply.generateCsrf(), done.problem.message), 400);
}

function back(request: FastifyRequest, reply: FastifyReply, punch: EffectivePunch, said: string) {
  setFlash(request, { kind: 'ok', text: `${said}: it is now ${MARK_WORDS[punch.mark]}.` });
  return reply.redirect(`/punches?employee=${encodeURIComponent(punch.employeeId)}`, 303);
}

function correctPage(ctx: WebContext, request: FastifyRequest, csrf: string, error?: string) {
  const id = punchIdOf(request);
  const punch = ctx.corrections.current(id);
  if (punch === undefined) throw new CloudNotFound(`There is no punch ${id} of an employee.`);
  const employee = ctx.records.employee(punch.employeeId);
  const history = ctx.corrections.history(id);
  return CorrectPunchPage({ identity: request.identity!, csrf, employee, punch, history, ...(error ? { error } : {}) });
}

/** A punch id from the path: a clock punch's (positive) or an added one's (negative); 0 finds nothing. */
function punchIdOf(request: FastifyRequest): number {
  const { id } = request.params as { id: string };
  return /^-?\d{1,15}$/.test(id) ? Number(id) : 0;
}

function employeeOf(ctx: WebContext, request: FastifyRequest) {
  const { employeeId } = request.params as { employeeId: string };
  const employee = ctx.records.employee(employeeId);
  if (employee === undefined) throw new CloudNotFound(`There is no employee with ID ${employeeId}.`);
  return employee;
}
