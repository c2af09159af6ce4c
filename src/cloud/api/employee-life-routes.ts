// The employee's life in the JSON API: a CSV import checked first (dryRun lists the bad rows and writes
// nothing) and a rename; deletion is DELETE /api/employees/:employeeId in api.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AssignmentPlan, EmployeeLife, ImportRow } from '../domain/index.js';
import { change } from './api-replies.js';
import { idParams } from './api-schemas.js';
import { actorOf } from '../domain/index.js';

const importBody = {
  type: 'object',
  required: ['csv'],
  additionalProperties: false,
  properties: {
    csv: { type: 'string', maxLength: 2 * 1024 * 1024, description: 'a header row, then a row per employee' },
    dryRun: { type: 'boolean', description: 'check only: the bad rows with why, nothing written' },
  },
};

const nameBody = {
  type: 'object',
  required: ['lastName'],
  additionalProperties: false,
  properties: { firstName: { type: 'string', maxLength: 64 }, lastName: { type: 'string', maxLength: 64 } },
};

const badView = (row: ImportRow) => ({ line: row.line, employeeId: row.employeeId, errors: row.errors });

export function employeeLifeApi(life: EmployeeLife) {
  return {
    '/api/employees/import': {
      POST: {
        schema: { summary: 'employees from CSV; dryRun checks without writing', body: importBody },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const { csv, dryRun = false } = request.body as { csv: string; dryRun?: boolean };
          if (dryRun) {
            const preview = life.previewImport(csv);
            if (!preview.ok) return reply.code(400).send({ error: preview.problem.message });
            return { good: preview.value.good, bad: preview.value.bad.map(badView) };
          }
          const done = life.by(actorOf(request.identity!)).importCsv(csv);
          if (!done.ok) return reply.code(400).send({ error: done.problem.message });
          return reply.code(201).send({ added: done.value.added.length, skipped: done.value.skipped.map(badView) });
        },
      },
    },
    ...statusRoutes(life),
    '/api/employees/assign': assignRoute(life),
    '/api/employees/:employeeId/name': {
      PUT: {
        schema: { summary: 'a new name; the profile goes again to the employee’s clocks', body: nameBody },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const { employeeId } = request.params as { employeeId: string };
          const { firstName = '', lastName } = request.body as { firstName?: string; lastName: string };
          const renamed = life.by(actorOf(request.identity!)).rename(employeeId, firstName, lastName);
          if (!renamed.ok) {
            return reply
              .code(renamed.problem.kind === 'not-found' ? 404 : 400)
              .send({ error: renamed.problem.message });
          }
          return { employeeId, firstName: renamed.value.employee.firstName, lastName: renamed.value.employee.lastName };
        },
      },
    },
  };
}

/** Deactivate (off every clock, kept with punches) and reactivate (back to the same clocks). */
function statusRoutes(life: EmployeeLife) {
  const route = (action: 'deactivate' | 'reactivate', summary: string) => ({
    POST: {
      schema: { summary, params: idParams('employeeId') },
      handler: (request: FastifyRequest, reply: FastifyReply) => {
        const { employeeId } = request.params as { employeeId: string };
        const as = life.by(actorOf(request.identity!));
        return change(reply, 200, action === 'deactivate' ? as.deactivate(employeeId) : as.reactivate(employeeId));
      },
    },
  });
  return {
    '/api/employees/:employeeId/deactivate': route(
      'deactivate',
      'the employee off every clock, kept with punches and timesheets',
    ),
    '/api/employees/:employeeId/reactivate': route('reactivate', 'the employee back on the clocks they were on'),
  };
}

const assignBody = {
  type: 'object',
  required: ['employeeIds'],
  additionalProperties: false,
  properties: {
    employeeIds: { type: 'array', maxItems: 5_000, items: { type: 'string', maxLength: 64 } },
    add: {
      type: 'array',
      maxItems: 1_000,
      items: { type: 'string', maxLength: 64 },
      description: 'clocks to send them to',
    },
    remove: {
      type: 'array',
      maxItems: 1_000,
      items: { type: 'string', maxLength: 64 },
      description: 'clocks to remove them from',
    },
    dryRun: { type: 'boolean', description: 'say what it would do, write nothing' },
  },
};

/** Many employees to (or off) clocks at once: dryRun says how many change, and who is left out. */
function assignRoute(life: EmployeeLife) {
  return {
    POST: {
      schema: { summary: 'send many employees to clocks, or remove them; dryRun writes nothing', body: assignBody },
      handler: (request: FastifyRequest, reply: FastifyReply) => {
        const body = request.body as { employeeIds: string[]; add?: string[]; remove?: string[]; dryRun?: boolean };
        const assignment = { employeeIds: body.employeeIds, add: body.add ?? [], remove: body.remove ?? [] };
        if (body.dryRun === true) {
          const plan = life.planAssignment(assignment);
          return plan.ok ? planView(plan.value) : reply.code(400).send({ error: plan.problem.message });
        }
        const done = life.by(actorOf(request.identity!)).assignClocks(assignment);
        if (!done.ok) return reply.code(400).send({ error: done.problem.message });
        const queued = done.value.changes.reduce((n, c) => n + c.queued.length, 0);
        return { ...planView(done.value.plan), queued };
      },
    },
  };
}

function planView(plan: AssignmentPlan) {
  return { changing: plan.changing, unchanged: plan.unchanged, skipped: plan.skipped };
}
