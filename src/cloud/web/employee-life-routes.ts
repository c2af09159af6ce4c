// Rename and delete an employee: each asks first on a page of its own; SysAdmins only, CSRF-checked.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Employee } from '../types.js';
import type { WebContext } from './context.js';
import { DeletePage, RenamePage } from './employee-life.js';
import { StatusPage } from './employee-status.js';
import { textOf, type FormBody } from './form-fields.js';
import { signedIn, sysAdminOnly } from './guards.js';
import { sendPage } from './render.js';
import { queuedSummary, setFlash } from './session-flash.js';
import { CloudConflict, CloudNotFound } from '../errors.js';
import { actorOf } from '../domain/index.js';

export async function employeeLifeRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);
  const reading = [guard, sysAdminOnly];
  const writing = [guard, sysAdminOnly, app.csrfProtection];

  app.get('/employees/:employeeId/delete', { preHandler: reading }, async (request, reply) => {
    const notice = ctx.employeeLife.deletionNotice(employeeOf(ctx, request).employeeId);
    if (!notice.ok) throw new CloudNotFound(noEmployee(request));
    return sendPage(
      reply,
      DeletePage({ identity: request.identity!, csrf: reply.generateCsrf(), notice: notice.value }),
    );
  });

  app.post('/employees/:employeeId/delete', { preHandler: writing }, async (request, reply) => {
    const employee = employeeOf(ctx, request);
    const deleted = ctx.portal.by(actorOf(request.identity!)).deleteEmployee(employee.employeeId);
    if (!deleted.ok) throw new CloudNotFound(noEmployee(request));
    ctx.log.info({ by: request.identity?.username, employeeId: employee.employeeId }, 'employee deleted in the portal');
    const name = `${employee.firstName} ${employee.lastName}`.trim();
    setFlash(request, { kind: 'ok', text: `Deleted ${name}. ${queuedSummary(deleted.value.queued)}` });
    return reply.redirect('/employees', 303);
  });

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.get(`/employees/:employeeId/${action}`, { preHandler: reading }, async (request, reply) => {
      const notice = ctx.employeeLife.statusNotice(employeeOf(ctx, request).employeeId);
      if (!notice.ok) throw new CloudNotFound(noEmployee(request));
      return sendPage(
        reply,
        StatusPage({ identity: request.identity!, csrf: reply.generateCsrf(), notice: notice.value }),
      );
    });
    app.post(`/employees/:employeeId/${action}`, { preHandler: writing }, async (request, reply) => {
      const employee = employeeOf(ctx, request);
      const life = ctx.employeeLife.by(actorOf(request.identity!));
      const done =
        action === 'deactivate' ? life.deactivate(employee.employeeId) : life.reactivate(employee.employeeId);
      if (!done.ok) throw new CloudConflict(`${done.problem.message}.`);
      const what = action === 'deactivate' ? 'Deactivated' : 'Reactivated';
      setFlash(request, { kind: 'ok', text: `${what}. ${queuedSummary(done.value.queued)}` });
      return reply.redirect(`/employees/${encodeURIComponent(employee.employeeId)}`, 303);
    });
  }

  app.get('/employees/:employeeId/rename', { preHandler: reading }, async (request, reply) => {
    const employee = employeeOf(ctx, request);
    const { firstName, lastName } = employee;
    const csrf = reply.generateCsrf();
    return sendPage(reply, RenamePage({ identity: request.identity!, csrf, employee, firstName, lastName }));
  });

  app.post('/employees/:employeeId/rename', { preHandler: writing }, async (request, reply) => {
    const employee = employeeOf(ctx, request);
    const body = (request.body ?? {}) as FormBody;
    const firstName = textOf(body, 'firstName');
    const lastName = textOf(body, 'lastName');
    const renamed = ctx.employeeLife.by(actorOf(request.identity!)).rename(employee.employeeId, firstName, lastName);
    if (!renamed.ok) {
      const csrf = reply.generateCsrf();
      const page = RenamePage({
        identity: request.identity!,
        csrf,
        employee,
        firstName,
        lastName,
        error: renamed.problem.message,
      });
      return sendPage(reply, page, 400);
    }
    setFlash(request, { kind: 'ok', text: `Renamed. ${queuedSummary(renamed.value.queued)}` });
    return reply.redirect(`/employees/${encodeURIComponent(employee.employeeId)}`, 303);
  });
}

function employeeOf(ctx: WebContext, request: FastifyRequest): Employee {
  const { employeeId } = request.params as { employeeId: string };
  const employee = ctx.records.employee(employeeId);
  if (employee === undefined) throw new CloudNotFound(noEmployee(request));
  return employee;
}

function noEmployee(request: FastifyRequest): string {
  const { employeeId } = request.params as { employeeId: string };
  return `There is no employee with ID ${employeeId}.`;
}
