// Punch corrections in the JSON API: add a missed punch to an employee, correct a punch's time or state,
// void one — each with a reason, SysAdmins only (api.ts refuses read-only callers' writes) — and a
// punch's history of corrections. A punch added has a negative id: minus the addition's.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatTimestamp } from '../../../firmware/index.js';
import {
  checkPunchTime,
  PUNCH_STATES,
  REASON_MAX,
  type EffectivePunch,
  type PunchCorrection,
  type PunchCorrections,
} from '../domain/index.js';
import { actorOf } from '../domain/index.js';
import { failure, param, type RouteTable } from './api-replies.js';

const time = { type: 'string', maxLength: 40, description: 'a date and time as YYYY-MM-DD HH:MM[:SS], clock local' };
const status = { type: 'integer', enum: PUNCH_STATES, description: 'an ATTLOG state: 0 to 5, or 255 (none)' };
const reason = {
  type: 'string',
  minLength: 1,
  maxLength: REASON_MAX,
  description: `why, 1 to ${REASON_MAX} characters`,
};
const body = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties,
});
const punchId = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^-?[1-9][0-9]{0,14}$', description: 'a punch id' } },
};

export const punchCorrectionView = (p: EffectivePunch) => ({
  id: p.target,
  employeeId: p.employeeId,
  time: formatTimestamp(p.time),
  status: p.status,
  mark: p.mark,
});

const historyView = (c: PunchCorrection) => ({
  kind: c.kind,
  time: formatTimestamp(c.time),
  status: c.status,
  reason: c.reason,
  by: c.actor,
  at: new Date(c.madeAt).toISOString(),
});

export function correctionRoutes(corrections: PunchCorrections): RouteTable {
  const answer = (reply: FastifyReply, done: ReturnType<PunchCorrections['void']>, code = 200) =>
    done.ok ? reply.code(code).send(punchCorrectionView(done.value)) : failure(reply, done);
  return {
    '/api/employees/:employeeId/punches': {
      POST: {
        schema: {
          summary: 'a missed punch added, with a reason',
          body: body(['time', 'status', 'reason'], { time, status, reason }),
        },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const b = request.body as { time: string; status: number; reason: string };
          const at = checkPunchTime(b.time);
          if (!at.ok) return failure(reply, at);
          const done = corrections.addMissed(actorOf(request.identity!), param(request, 'employeeId'), {
            ...b,
            time: at.value,
          });
          return answer(reply, done, 201);
        },
      },
    },
    '/api/punches/:id/correction': {
      POST: {
        schema: {
          summary: 'a punch’s time and/or state corrected, with a reason; the clock’s punch stays as sent',
          params: punchId,
          body: body(['reason'], { time, status, reason }),
        },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const b = request.body as { time?: string; status?: number; reason: string };
          const at = b.time === undefined ? undefined : checkPunchTime(b.time);
          if (at !== undefined && !at.ok) return failure(reply, at);
          const input = {
            reason: b.reason,
            ...(at === undefined ? {} : { time: at.value }),
            ...(b.status === undefined ? {} : { status: b.status }),
          };
          return answer(reply, corrections.correct(actorOf(request.identity!), Number(param(request, 'id')), input));
        },
      },
    },
    '/api/punches/:id/void': {
      POST: {
        schema: {
          summary: 'a punch voided, with a reason: it no longer counts',
          params: punchId,
          body: body(['reason'], { reason }),
        },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const b = request.body as { reason: string };
          return answer(reply, corrections.void(actorOf(request.identity!), Number(param(request, 'id')), b.reason));
        },
      },
    },
    '/api/punches/:id/corrections': {
      GET: {
        schema: { summary: 'a punch as it stands and its corrections, oldest first', params: punchId },
        handler: (request: FastifyRequest, reply: FastifyReply) => {
          const id = Number(param(request, 'id'));
          const current = corrections.current(id);
          if (current === undefined) return reply.code(404).send({ error: `no punch ${id} of an employee` });
          return { punch: punchCorrectionView(current), corrections: corrections.history(id).map(historyView) };
        },
      },
    },
  };
}
