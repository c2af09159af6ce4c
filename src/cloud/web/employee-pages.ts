// Employees → list view, Search for employee, the profile with its Clocks section, Save, and the clock
// selection dialog with Add/Remove. This file holds the list and New employee; the profile's routes are
// in employee-profile-routes.ts and the fingerprints' in fingerprint-routes.ts.
import type { FastifyInstance } from 'fastify';
import { checkNewEmployee } from '../domain/index.js';
import type { WebContext } from './context.js';
import { EMPTY_NEW, NewEmployeePage, type NewValues } from './employee-new.js';
import { employeeProfileRoutes } from './employee-profile-routes.js';
import { EmployeesListPage } from './employees-list.js';
import { fingerprintRoutes } from './fingerprint-routes.js';
import { everyProblem, listOf, onOff, pageMessage, textOf, type FormBody } from './form-fields.js';
import { signedIn, sysAdminOnly } from './guards.js';
import { sendPage } from './render.js';
import { queuedSummary, setFlash, takeFlash } from './session-flash.js';
import { actorOf } from '../domain/index.js';

const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

/** A whole number from a query string within [min, max], else the fallback. */
function bounded(text: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(text);
  return text === undefined || text === '' || !Number.isInteger(n) ? fallback : Math.min(max, Math.max(min, n));
}

export async function employeePages(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  // Hooks run before a route's own preHandlers: no session means sign-in, before any CSRF check.
  app.addHook('preHandler', signedIn(ctx));

  app.get('/employees', async (request, reply) => {
    const query = request.query as { q?: string; offset?: string; limit?: string };
    const q = (query.q ?? '').trim().slice(0, 100);
    const limit = bounded(query.limit, PAGE_SIZE, 1, MAX_PAGE_SIZE);
    const total = ctx.portal.countEmployees(q);
    // Past the end (a stale link after deletions) shows the last page rather than an empty one.
    const lastPage = Math.max(0, Math.floor((total - 1) / limit) * limit);
    const offset = Math.min(bounded(query.offset, 0, 0, Number.MAX_SAFE_INTEGER), lastPage);
    const employees = ctx.portal.searchEmployees(q, limit, offset);
    const identity = request.identity!;
    const csrf = reply.generateCsrf();
    const flash = takeFlash(request);
    return sendPage(reply, EmployeesListPage({ identity, csrf, q, offset, limit, total, employees, flash }));
  });

  app.get('/employees/new', { preHandler: sysAdminOnly }, async (request, reply) => {
    const clocks = ctx.records.clocks();
    const page = NewEmployeePage({
      identity: request.identity!,
      csrf: reply.generateCsrf(),
      values: EMPTY_NEW,
      errors: {},
      clocks,
    });
    return sendPage(reply, page);
  });

  app.post('/employees/new', { preHandler: [app.csrfProtection, sysAdminOnly] }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const values: NewValues = {
      employeeId: textOf(body, 'employeeId').trim(),
      firstName: textOf(body, 'firstName').trim(),
      lastName: textOf(body, 'lastName').trim(),
      badge: textOf(body, 'badge').trim(),
      card: textOf(body, 'card').trim(),
      role: textOf(body, 'role') || 'user',
      nonSecure: textOf(body, 'nonSecure') || 'off',
      clocks: listOf(body, 'clocks'),
    };
    const input = { ...values, nonSecure: onOff(values.nonSecure) };
    const fallbacks = {
      employeeId: 'x',
      firstName: '',
      lastName: 'x',
      badge: '1',
      card: '',
      role: 'user',
      nonSecure: false,
      clocks: [],
    };
    const checked = everyProblem(checkNewEmployee, input, fallbacks);
    let errors = checked.errors;
    if (checked.value !== undefined) {
      const created = ctx.portal.by(actorOf(request.identity!)).createEmployee(checked.value);
      if (created.ok) {
        const { employee, queued } = created.value;
        setFlash(request, { kind: 'ok', text: `Employee ${employee.employeeId} created. ${queuedSummary(queued)}` });
        return reply.redirect(`/employees/${encodeURIComponent(employee.employeeId)}`, 303);
      }
      const field = created.problem.field ?? 'form';
      errors = { [field]: pageMessage(field, created.problem.message) };
    }
    const clocks = ctx.records.clocks();
    const page = NewEmployeePage({ identity: request.identity!, csrf: reply.generateCsrf(), values, errors, clocks });
    return sendPage(reply, page, 400);
  });

  await app.register(employeeProfileRoutes, { ctx });
  await app.register(fingerprintRoutes, { ctx });
}
