// How the API's routes answer: a route table's shape, a domain result as JSON (a problem as its 4xx, a change
// as the employee and the commands it queued), and the path parameters a route reads.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Result } from '../domain/index.js';
import { commandView, employeeView } from './api-views.js';

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;
type Params = Record<string, string>;
export type Body = Record<string, unknown>;

export interface RouteSpec {
  schema?: Record<string, unknown>;
  handler: Handler;
}

/** Routes by whole path (`/api/…`), then by method. */
export type RouteTable = Record<string, Record<string, RouteSpec>>;

export function param(request: FastifyRequest, name: string): string {
  return (request.params as Params)[name] ?? '';
}

export function checked<T, U>(input: Result<T>, then: (value: T) => Result<U>): Result<U> {
  return input.ok ? then(input.value) : input;
}

const STATUS = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

export function failure(
  reply: FastifyReply,
  r: { ok: false; problem: { kind: keyof typeof STATUS; message: string } },
) {
  return reply.code(STATUS[r.problem.kind]).send({ error: r.problem.message });
}

export function result<T>(reply: FastifyReply, r: Result<T>, view: (value: T) => unknown) {
  return r.ok ? view(r.value) : failure(reply, r);
}

export function change(
  reply: FastifyReply,
  status: number,
  r: Result<{ employee: Parameters<typeof employeeView>[0]; queued: Parameters<typeof commandView>[0][] }>,
) {
  return r.ok
    ? reply.code(status).send({ employee: employeeView(r.value.employee), queued: r.value.queued.map(commandView) })
    : failure(reply, r);
}
