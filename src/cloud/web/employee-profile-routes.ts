// The profile's routes: the page, Save of the Clocks section (with the confirm step of a changed badge),
// and the clock selection with Add/Remove. Each change is the portal's own operation, as the API's is.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Employee } from '../types.js';
import { checkClockList, checkClocksSection } from '../domain/index.js';
import { ClockSelectionForm, ClockSelectionPage } from './clock-dialog.js';
import { valuesOf, type AssignedClock, type SectionValues } from './clocks-section.js';
import type { WebContext } from './context.js';
import { EmployeeProfilePage, type ProfileProps } from './employee-profile.js';
import { everyProblem, listOf, onOff, pageMessage, textOf, type FieldErrors, type FormBody } from './form-fields.js';
import { sysAdminOnly } from './guards.js';
import { sendFragment, sendPage } from './render.js';
import { queuedSummary, setFlash, takeFlash } from './session-flash.js';
import { CloudNotFound } from '../errors.js';
import { actorOf } from '../domain/index.js';

type ProfileExtras = Partial<
  Pick<ProfileProps, 'values' | 'errors' | 'confirmBadge' | 'unsaved' | 'fingerprintErrors'>
>;

/** The employee of the route's :employeeId, or a 404 page. */
export function employeeOr404(ctx: WebContext, request: FastifyRequest): Employee {
  const employeeId = (request.params as { employeeId: string }).employeeId;
  const found = ctx.portal.getEmployee(employeeId);
  if (found.ok) return found.value;
  throw new CloudNotFound(`There is no employee with ID ${employeeId}.`);
}

export function profileUrl(employee: Employee): string {
  return `/employees/${encodeURIComponent(employee.employeeId)}`;
}

export function renderProfile(
  ctx: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  employee: Employee,
  extras: ProfileExtras = {},
  status = 200,
): FastifyReply {
  const assigned: AssignedClock[] = employee.clocks.map((sn) => {
    const clock = ctx.records.clock(sn);
    return clock ? { ...clock, registered: true } : { sn, name: sn, online: false, registered: false };
  });
  const page = EmployeeProfilePage({
    identity: request.identity!,
    csrf: reply.generateCsrf(),
    employee,
    values: extras.values ?? valuesOf(employee),
    errors: extras.errors ?? {},
    assigned,
    confirmBadge: extras.confirmBadge,
    unsaved: extras.unsaved ?? false,
    flash: status === 200 ? takeFlash(request) : undefined,
    ...(extras.fingerprintErrors ? { fingerprintErrors: extras.fingerprintErrors } : {}),
  });
  return sendPage(reply, page, status);
}

/** The profile's Clocks section posted: checked, the badge change confirmed, then saved and queued to the clocks. */
async function saveClocksSection(ctx: WebContext, request: FastifyRequest, reply: FastifyReply) {
  const employee = employeeOr404(ctx, request);
  const body = (request.body ?? {}) as FormBody;
  const values: SectionValues = {
    badge: textOf(body, 'badge').trim(),
    card: textOf(body, 'card').trim(),
    role: textOf(body, 'role'),
    nonSecure: textOf(body, 'nonSecure'),
  };
  const input = {
    badge: values.badge,
    card: values.card,
    role: values.role === '' ? undefined : values.role,
    nonSecure: onOff(values.nonSecure),
  };
  const fallbacks = { badge: employee.badge, card: '', role: 'user', nonSecure: false };
  const checked = everyProblem(checkClocksSection, input, fallbacks);
  if (checked.value === undefined) {
    return renderProfile(ctx, request, reply, employee, { values, errors: checked.errors, unsaved: true }, 400);
  }
  const section = checked.value;
  // The badge is what links the employee to the clocks: changing it takes a second, explicit yes.
  if (section.badge !== employee.badge && textOf(body, 'confirmedBadge') !== section.badge) {
    const confirmBadge = { from: employee.badge, to: values.badge };
    return renderProfile(ctx, request, reply, employee, { values, confirmBadge, unsaved: true });
  }
  const saved = ctx.portal.by(actorOf(request.identity!)).saveClocksSection(employee.employeeId, section);
  if (!saved.ok) {
    const field = saved.problem.field ?? 'form';
    const errors: FieldErrors = { [field]: pageMessage(field, saved.problem.message) };
    return renderProfile(ctx, request, reply, employee, { values, errors, unsaved: true }, 409);
  }
  setFlash(request, { kind: 'ok', text: `Saved. ${queuedSummary(saved.value.queued)}` });
  return reply.redirect(profileUrl(employee), 303);
}

export async function employeeProfileRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  app.get('/employees/:employeeId', async (request, reply) =>
    renderProfile(ctx, request, reply, employeeOr404(ctx, request)),
  );

  app.post('/employees/:employeeId', { preHandler: [app.csrfProtection, sysAdminOnly] }, async (request, reply) =>
    saveClocksSection(ctx, request, reply),
  );

  app.get('/employees/:employeeId/clocks', { preHandler: sysAdminOnly }, async (request, reply) => {
    const employee = employeeOr404(ctx, request);
    const clocks = ctx.records.clocks();
    const csrf = reply.generateCsrf();
    // `?dialog=1`: the form alone, for the profile's <dialog> (loaded when opened: a fleet has 1,000 clocks).
    if ((request.query as { dialog?: string }).dialog === '1') {
      return sendFragment(reply, ClockSelectionForm({ employee, clocks, csrf, inDialog: true }));
    }
    return sendPage(reply, ClockSelectionPage({ identity: request.identity!, csrf, employee, clocks }));
  });

  app.post(
    '/employees/:employeeId/clocks',
    { preHandler: [app.csrfProtection, sysAdminOnly] },
    async (request, reply) => {
      const employee = employeeOr404(ctx, request);
      const selected = listOf((request.body ?? {}) as FormBody, 'clocks');
      const list = checkClockList(selected);
      const changed = list.ok
        ? ctx.portal.by(actorOf(request.identity!)).addRemove(employee.employeeId, list.value)
        : list;
      if (!changed.ok) {
        const clocks = ctx.records.clocks();
        const error = pageMessage('clocks', changed.problem.message);
        const csrf = reply.generateCsrf();
        const page = ClockSelectionPage({
          identity: request.identity!,
          csrf,
          employee,
          clocks,
          checked: selected,
          error,
        });
        return sendPage(reply, page, 400);
      }
      const after = changed.value.employee.clocks;
      const removed = employee.clocks.filter((sn) => !after.includes(sn));
      const added = after.filter((sn) => !employee.clocks.includes(sn));
      const what = [
        removed.length > 0 ? `Removed from ${removed.join(', ')}.` : '',
        added.length > 0 ? `A fresh copy goes to ${added.join(', ')}.` : '',
        removed.length + added.length === 0 ? 'The clocks are unchanged.' : '',
      ].join(' ');
      setFlash(request, { kind: 'ok', text: `Add/Remove done. ${what.trim()} ${queuedSummary(changed.value.queued)}` });
      return reply.redirect(profileUrl(employee), 303);
    },
  );
}
