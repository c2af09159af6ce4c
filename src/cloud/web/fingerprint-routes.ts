// An employee's fingerprints: removing one (a confirmation page, then the post) and enrolling one
// remotely on a chosen assigned clock.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from './context.js';
import { employeeOr404, profileUrl, renderProfile } from './employee-profile-routes.js';
import { fingerLabel } from './fields.js';
import { RemoveFingerprintPage } from './fingerprints.js';
import { pageMessage, textOf, type FormBody } from './form-fields.js';
import { sysAdminOnly } from './guards.js';
import { sendPage } from './render.js';
import { queuedSummary, setFlash } from './session-flash.js';
import { CloudNotFound } from '../errors.js';
import { actorOf } from '../domain/index.js';

/** The :fid of the route, or a 404 page when the employee has no such finger enrolled. */
function enrolledFid(request: { params: unknown }, templates: { fid: number }[]): number {
  const text = (request.params as { fid: string }).fid;
  const fid = Number(text);
  if (/^\d$/.test(text) && templates.some((t) => t.fid === fid)) return fid;
  throw new CloudNotFound(`No fingerprint ${text} is enrolled for this employee.`);
}

export async function fingerprintRoutes(app: FastifyInstance, { ctx }: { ctx: WebContext }): Promise<void> {
  const url = '/employees/:employeeId/fingerprints/:fid/remove';

  app.get(url, { preHandler: sysAdminOnly }, async (request, reply) => {
    const employee = employeeOr404(ctx, request);
    const fid = enrolledFid(request, employee.templates);
    const csrf = reply.generateCsrf();
    return sendPage(reply, RemoveFingerprintPage({ identity: request.identity!, csrf, employee, fid }));
  });

  app.post(url, { preHandler: [app.csrfProtection, sysAdminOnly] }, async (request, reply) => {
    const employee = employeeOr404(ctx, request);
    const fid = enrolledFid(request, employee.templates);
    const removed = ctx.portal.by(actorOf(request.identity!)).removeFingerprint(employee.employeeId, fid);
    if (!removed.ok) throw new CloudNotFound(removed.problem.message);
    const text = `${fingerLabel(fid)} fingerprint removed. ${queuedSummary(removed.value.queued)}`;
    setFlash(request, { kind: 'ok', text });
    return reply.redirect(profileUrl(employee), 303);
  });

  app.post(
    '/employees/:employeeId/enroll',
    { preHandler: [app.csrfProtection, sysAdminOnly] },
    async (request, reply) => {
      const employee = employeeOr404(ctx, request);
      const body = (request.body ?? {}) as FormBody;
      const fidText = textOf(body, 'fid');
      const sn = textOf(body, 'sn');
      const fid = /^\d$/.test(fidText) ? Number(fidText) : -1;
      const queued = ctx.portal.by(actorOf(request.identity!)).enrollFingerprint(employee.employeeId, sn, fid);
      if (!queued.ok) {
        const field = queued.problem.field ?? 'fid';
        const fingerprintErrors = { [field]: pageMessage(field, queued.problem.message) };
        return renderProfile(ctx, request, reply, employee, { fingerprintErrors }, 400);
      }
      const finger = fingerLabel(fid).toLowerCase();
      const text = `Enrollment of the ${finger} finger queued for ${sn}: the clock asks ${employee.firstName || employee.lastName} to place the finger. ${queuedSummary(queued.value.queued)}`;
      setFlash(request, { kind: 'ok', text });
      return reply.redirect(profileUrl(employee), 303);
    },
  );
}
