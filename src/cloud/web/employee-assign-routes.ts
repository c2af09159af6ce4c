// Employees → Assign to clocks: the form, Check (the confirmation page, nothing sent) and Confirm (each
// employee's Add/Remove, in one transaction). SysAdmins only, CSRF-checked like every form.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, employeeIdsOf, type Assignment } from '../domain/index.js';
import type { WebContext } from './context.js';
import { AssignPage, type AssignValues } from './employee-assign.js';
import { listOf, textOf, type FormBody } from './form-fields.js';
import { signedIn, sysAdminOnly } from './guards.js';
import { sendPage } from './render.js';
import { setFlash } from './session-flash.js';

/** 5,000 employee IDs of up to 64 characters. */
const ASSIGN_BODY_LIMIT = 512 * 1024;

export async function employeeAssignRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);
  const writing = { bodyLimit: ASSIGN_BODY_LIMIT, preHandler: [guard, sysAdminOnly, app.csrfProtection] };
  const clocks = () => ctx.records.clocks().map(({ sn, name }) => ({ sn, name }));

  app.get('/employees/assign', { preHandler: [guard, sysAdminOnly] }, async (request, reply) => {
    const values: AssignValues = { ids: '', clocks: [], action: 'add' };
    return sendPage(
      reply,
      AssignPage({ identity: request.identity!, csrf: reply.generateCsrf(), clocks: clocks(), values }),
    );
  });

  app.post('/employees/assign', writing, async (request, reply) => {
    const values = valuesOf(request);
    const plan = ctx.employeeLife.planAssignment(assignmentOf(values));
    const page = AssignPage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      clocks: clocks(),
      values,
      ...(plan.ok ? { plan: plan.value } : { problem: plan.problem.message }),
    });
    return sendPage(reply, page, plan.ok ? 200 : 400);
  });

  app.post('/employees/assign/confirm', writing, async (request, reply) => {
    const values = valuesOf(request);
    const done = ctx.employeeLife.by(actorOf(request.identity!)).assignClocks(assignmentOf(values));
    if (!done.ok) {
      const csrf = reply.generateCsrf();
      const page = AssignPage({
        identity: request.identity!,
        csrf,
        clocks: clocks(),
        values,
        problem: done.problem.message,
      });
      return sendPage(reply, page, 400);
    }
    const queued = done.value.changes.reduce((n, c) => n + c.queued.length, 0);
    const changed = done.value.changes.length;
    const verb = values.action === 'add' ? 'Sent' : 'Removed';
    const text = `${verb} ${changed} ${changed === 1 ? 'employee' : 'employees'}: ${queued} commands queued.`;
    setFlash(request, { kind: 'ok', text });
    return reply.redirect('/employees', 303);
  });
}

function valuesOf(request: FastifyRequest): AssignValues {
  const body = (request.body ?? {}) as FormBody;
  return {
    ids: textOf(body, 'ids'),
    clocks: listOf(body, 'clocks'),
    action: textOf(body, 'action') === 'remove' ? 'remove' : 'add',
  };
}

function assignmentOf(values: AssignValues): Assignment {
  const employeeIds = employeeIdsOf(values.ids);
  return values.action === 'add'
    ? { employeeIds, add: values.clocks, remove: [] }
    : { employeeIds, add: [], remove: values.clocks };
}
