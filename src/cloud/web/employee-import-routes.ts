// Employees → Import from CSV: Check (a preview, nothing written) and Add (the good rows, in one
// transaction). SysAdmins only, CSRF-checked like every form.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';
import { ImportPage } from './employee-import.js';
import { textOf, type FormBody } from './form-fields.js';
import { signedIn, sysAdminOnly } from './guards.js';
import { sendPage } from './render.js';
import { setFlash } from './session-flash.js';
import { actorOf } from '../domain/index.js';

/** A CSV of 5,000 employees with their clocks: larger than the other forms' 64 KiB. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

export async function employeeImportRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const guard = signedIn(ctx);

  app.get('/employees/import', { preHandler: [guard, sysAdminOnly] }, async (request, reply) =>
    sendPage(reply, ImportPage({ identity: request.identity!, csrf: reply.generateCsrf(), csv: '' })),
  );

  app.post(
    '/employees/import',
    { bodyLimit: IMPORT_BODY_LIMIT, preHandler: [guard, sysAdminOnly, app.csrfProtection] },
    async (request, reply) => {
      const csv = textOf((request.body ?? {}) as FormBody, 'csv');
      const preview = ctx.employeeLife.previewImport(csv);
      const page = ImportPage({
        identity: request.identity!,
        csrf: reply.generateCsrf(),
        csv,
        ...(preview.ok ? { preview: preview.value } : { problem: preview.problem.message }),
      });
      return sendPage(reply, page, preview.ok ? 200 : 400);
    },
  );

  app.post(
    '/employees/import/confirm',
    { bodyLimit: IMPORT_BODY_LIMIT, preHandler: [guard, sysAdminOnly, app.csrfProtection] },
    async (request, reply) => {
      const csv = textOf((request.body ?? {}) as FormBody, 'csv');
      const done = ctx.employeeLife.by(actorOf(request.identity!)).importCsv(csv);
      if (!done.ok) {
        const page = ImportPage({
          identity: request.identity!,
          csrf: reply.generateCsrf(),
          csv,
          problem: done.problem.message,
        });
        return sendPage(reply, page, 400);
      }
      const { added, skipped } = done.value;
      ctx.log.info(
        { by: request.identity?.username, added: added.length, skipped: skipped.length },
        'employees imported',
      );
      const left =
        skipped.length === 0 ? '' : ` ${skipped.length} ${skipped.length === 1 ? 'row was' : 'rows were'} left out.`;
      setFlash(request, { kind: 'ok', text: `Imported ${added.length} employees.${left}` });
      return reply.redirect('/employees', 303);
    },
  );
}
