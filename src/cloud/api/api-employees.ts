// The API's employee routes: search (a page at a time), create, one employee, delete, the Clocks section's
// Save and Add/Remove; each change answers with the commands it queued for the clocks.
import { checkClockList, checkClocksSection, checkNewEmployee } from '../domain/index.js';
import type { ApiContext } from './api.js';
import { linkNext } from './api-paging.js';
import { change, checked, param, result, type Body, type RouteTable } from './api-replies.js';
import * as schemas from './api-schemas.js';
import { employeeView } from './api-views.js';
import { actorOf } from '../domain/index.js';

export function employeeRoutes(ctx: ApiContext): RouteTable {
  return {
    '/api/employees': {
      GET: {
        schema: { summary: 'search employees by last or first name or employee ID', querystring: schemas.searchQuery },
        handler: (request, reply) => {
          const { q = '', limit = 100, offset = 0 } = request.query as { q?: string; limit?: number; offset?: number };
          const page = ctx.portal.searchEmployees(q, limit, offset);
          linkNext(request, reply, page, limit, { offset: offset + limit });
          return page.map(employeeView);
        },
      },
      POST: {
        schema: { summary: 'a new employee; the profile goes to their clocks', body: schemas.newEmployeeBody },
        handler: (request, reply) =>
          change(
            reply,
            201,
            checked(checkNewEmployee(request.body), (v) => ctx.portal.by(actorOf(request.identity!)).createEmployee(v)),
          ),
      },
    },
    '/api/employees/:employeeId': {
      GET: {
        schema: { summary: 'one employee', params: schemas.idParams('employeeId') },
        handler: (request, reply) => result(reply, ctx.portal.getEmployee(param(request, 'employeeId')), employeeView),
      },
      DELETE: {
        schema: {
          summary: 'remove an employee from the portal and every clock',
          params: schemas.idParams('employeeId'),
        },
        handler: (request, reply) =>
          change(reply, 200, ctx.portal.by(actorOf(request.identity!)).deleteEmployee(param(request, 'employeeId'))),
      },
    },
    '/api/employees/:employeeId/clocks': {
      PUT: {
        schema: {
          summary: 'Save of the Clocks section',
          params: schemas.idParams('employeeId'),
          body: schemas.clocksSectionBody,
        },
        handler: (request, reply) =>
          change(
            reply,
            200,
            checked(checkClocksSection(request.body), (v) =>
              ctx.portal.by(actorOf(request.identity!)).saveClocksSection(param(request, 'employeeId'), v),
            ),
          ),
      },
    },
    '/api/employees/:employeeId/add-remove': {
      POST: {
        schema: {
          summary: 'Add/Remove with the clocks now checked',
          params: schemas.idParams('employeeId'),
          body: schemas.addRemoveBody,
        },
        handler: (request, reply) =>
          change(
            reply,
            200,
            checked(checkClockList((request.body as Body).clocks), (v) =>
              ctx.portal.by(actorOf(request.identity!)).addRemove(param(request, 'employeeId'), v),
            ),
          ),
      },
    },
  };
}
