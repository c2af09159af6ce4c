// The portal as a JSON REST API: employees (search, create, the Clocks section, Add/Remove), clocks and
// their command queues, punches, and the faults. Every answer is JSON; bad input is a 4xx naming the field.
import { parseTimestamp } from '../../firmware/time.js';
import type { Logger } from '../log.js';
import { queryValue, type Query } from '../protocol/index.js';
import { commandFromJson, commandView, employeeView, punchView } from './api-views.js';
import { checkFaults, type Faults } from './faults.js';
import type { Portal } from './portal.js';
import type { CloudStore } from './store.js';
import type { CommandState } from './types.js';
import {
  checkClockList,
  checkClocksSection,
  checkNewEmployee,
  invalid,
  isSerialNumber,
  type Result,
} from './validate.js';

export interface ApiContext {
  store: CloudStore;
  portal: Portal;
  faults: Faults;
  now: () => number;
  log: Logger;
  /** Milliseconds within which a clock counts as online (3 × Delay). */
  onlineWithinMs: number;
  goAway(forMs: number): void;
}

export interface ApiAnswer {
  status: number;
  json: unknown;
}

interface Call {
  params: string[];
  query: Query;
  body: unknown;
}

type Route = [method: string, pattern: RegExp, run: (ctx: ApiContext, call: Call) => ApiAnswer];

const SEGMENT = '([^/]+)';
const STATES: readonly CommandState[] = ['queued', 'sent', 'done', 'failed'];

const ROUTES: Route[] = [
  ['GET', /^\/api\/health$/, () => answer(200, { ok: true })],
  [
    'GET',
    /^\/api\/employees$/,
    (ctx, { query }) => {
      const q = queryValue(query, 'q') ?? '';
      return answer(200, ctx.portal.searchEmployees(q, limitOf(query, 100)).map(employeeView));
    },
  ],
  [
    'POST',
    /^\/api\/employees$/,
    (ctx, { body }) => {
      const input = checkNewEmployee(body);
      return input.ok ? change(201, ctx.portal.createEmployee(input.value)) : failure(input);
    },
  ],
  [
    'GET',
    route('/api/employees/', SEGMENT),
    (ctx, { params }) => result(ctx.portal.getEmployee(params[0]!), employeeView),
  ],
  [
    'DELETE',
    route('/api/employees/', SEGMENT),
    (ctx, { params }) => change(200, ctx.portal.deleteEmployee(params[0]!)),
  ],
  [
    'PUT',
    route('/api/employees/', SEGMENT, '/clocks'),
    (ctx, { params, body }) => {
      const section = checkClocksSection(body);
      return section.ok ? change(200, ctx.portal.saveClocksSection(params[0]!, section.value)) : failure(section);
    },
  ],
  [
    'POST',
    route('/api/employees/', SEGMENT, '/add-remove'),
    (ctx, { params, body }) => {
      const clocks = checkClockList((body as { clocks?: unknown } | null)?.clocks);
      return clocks.ok ? change(200, ctx.portal.addRemove(params[0]!, clocks.value)) : failure(clocks);
    },
  ],
  ['GET', /^\/api\/clocks$/, (ctx) => answer(200, ctx.store.clocks.list(ctx.now(), ctx.onlineWithinMs))],
  [
    'POST',
    /^\/api\/clocks$/,
    (ctx, { body }) => {
      const { sn, name } = (body ?? {}) as { sn?: unknown; name?: unknown };
      if (typeof sn !== 'string' || !isSerialNumber(sn))
        return failure(invalid('sn must be 1–32 letters, digits, - or _'));
      if (name !== undefined && typeof name !== 'string') return failure(invalid('name must be text'));
      const created = ctx.store.clocks.register(sn, name ?? sn, ctx.now());
      if (!created && typeof name === 'string') ctx.store.clocks.rename(sn, name);
      return answer(created ? 201 : 200, ctx.store.clocks.get(sn, ctx.now(), ctx.onlineWithinMs));
    },
  ],
  [
    'GET',
    route('/api/clocks/', SEGMENT),
    (ctx, { params }) => {
      const clock = ctx.store.clocks.get(params[0]!, ctx.now(), ctx.onlineWithinMs);
      return clock ? answer(200, clock) : answer(404, { error: `no clock with serial number ${params[0]}` });
    },
  ],
  [
    'GET',
    route('/api/clocks/', SEGMENT, '/commands'),
    (ctx, { params, query }) => {
      const state = queryValue(query, 'state');
      if (state !== undefined && !STATES.includes(state as CommandState)) {
        return failure(invalid(`state must be one of ${STATES.join(', ')}`));
      }
      const list = ctx.store.commands.list({
        sn: params[0]!,
        state: state as CommandState | undefined,
        limit: limitOf(query, 1000),
      });
      return answer(200, list.map(commandView));
    },
  ],
  [
    'POST',
    route('/api/clocks/', SEGMENT, '/commands'),
    (ctx, { params, body }) => {
      const command = commandFromJson(body);
      if (!command.ok) return failure(command);
      const queued = ctx.portal.queueCommand(params[0]!, command.value);
      return queued.ok ? answer(201, commandView(queued.value)) : failure(queued);
    },
  ],
  [
    'POST',
    route('/api/clocks/', SEGMENT, '/reupload'),
    (ctx, { params }) => {
      const sn = params[0]!;
      if (!ctx.store.clocks.exists(sn)) return answer(404, { error: `no clock with serial number ${sn}` });
      // Stamps of 0 ask for everything again; CHECK makes the clock read them now rather than at its next start.
      ctx.store.clocks.setStamp(sn, 'attlog', '0');
      ctx.store.clocks.setStamp(sn, 'operlog', '0');
      const queued = ctx.portal.queueCommand(sn, { kind: 'check' });
      return queued.ok ? answer(201, commandView(queued.value)) : failure(queued);
    },
  ],
  [
    'GET',
    route('/api/clocks/', SEGMENT, '/operations'),
    (ctx, { params, query }) => answer(200, ctx.store.operations.list(params[0]!, limitOf(query, 100))),
  ],
  [
    'GET',
    route('/api/commands/', SEGMENT),
    (ctx, { params }) => {
      const command = ctx.store.commands.get(params[0]!);
      return command ? answer(200, commandView(command)) : answer(404, { error: `no command with id ${params[0]}` });
    },
  ],
  [
    'GET',
    /^\/api\/punches$/,
    (ctx, { query }) => {
      const range: Record<string, number> = {};
      for (const key of ['from', 'to'] as const) {
        const value = queryValue(query, key);
        if (value === undefined) continue;
        const time = parseTimestamp(value);
        if (time === undefined) return failure(invalid(`${key} must be YYYY-MM-DD HH:MM:SS`));
        range[key] = time;
      }
      const after = queryValue(query, 'after');
      if (after !== undefined && !/^\d{1,15}$/.test(after)) return failure(invalid('after must be a punch id'));
      const sn = queryValue(query, 'sn');
      const pin = queryValue(query, 'pin');
      const punches = ctx.store.punches.query({
        ...range,
        ...(sn === undefined ? {} : { sn }),
        ...(pin === undefined ? {} : { pin }),
        ...(after === undefined ? {} : { afterId: Number(after) }),
        limit: limitOf(query, 1000),
      });
      return answer(200, punches.map(punchView));
    },
  ],
  ['GET', /^\/api\/faults$/, (ctx) => answer(200, ctx.faults.get())],
  [
    'PUT',
    /^\/api\/faults$/,
    (ctx, { body }) => {
      try {
        const settings = ctx.faults.set(checkFaults(body));
        ctx.log.info({ faults: settings }, 'faults set');
        return answer(200, settings);
      } catch (error) {
        return answer(400, { error: (error as Error).message });
      }
    },
  ],
  ['DELETE', /^\/api\/faults$/, (ctx) => answer(200, ctx.faults.clear())],
  [
    'POST',
    /^\/api\/faults\/go-away$/,
    (ctx, { body }) => {
      const forMs = (body as { forMs?: unknown } | null)?.forMs;
      if (!Number.isInteger(forMs) || (forMs as number) < 1 || (forMs as number) > 3_600_000) {
        return failure(
          invalid('forMs must be milliseconds from 1 to 3600000: the API goes away too, and must come back'),
        );
      }
      ctx.goAway(forMs as number);
      return answer(202, { goneForMs: forMs });
    },
  ],
];

/** Routes one API request; the body is already parsed (undefined when there was none). */
export function handleApi(ctx: ApiContext, method: string, path: string, query: Query, body: unknown): ApiAnswer {
  const matching = ROUTES.filter(([, pattern]) => pattern.test(path));
  if (matching.length === 0) return answer(404, { error: `no API route ${path}` });
  const found = matching.find(([m]) => m === method);
  if (found === undefined) {
    return answer(405, { error: `${method} not allowed on ${path}; use ${matching.map(([m]) => m).join(', ')}` });
  }
  const [, pattern, run] = found;
  const params = pattern.exec(path)!.slice(1).map(decodeLenient);
  return run(ctx, { params, query, body });
}

function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function route(...parts: string[]): RegExp {
  return new RegExp(`^${parts.map((p) => (p === SEGMENT ? p : p.replace(/[/.-]/g, '\\$&'))).join('')}$`);
}

function limitOf(query: Query, fallback: number): number {
  const n = Number(queryValue(query, 'limit') ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 100_000) : fallback;
}

function answer(status: number, json: unknown): ApiAnswer {
  return { status, json };
}

const STATUS = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

function failure(result: { ok: false; problem: { kind: keyof typeof STATUS; message: string } }): ApiAnswer {
  return answer(STATUS[result.problem.kind], { error: result.problem.message });
}

function result<T>(r: Result<T>, view: (value: T) => unknown): ApiAnswer {
  return r.ok ? answer(200, view(r.value)) : failure(r);
}

function change(
  status: number,
  r: Result<{ employee: Parameters<typeof employeeView>[0]; queued: Parameters<typeof commandView>[0][] }>,
): ApiAnswer {
  return r.ok
    ? answer(status, { employee: employeeView(r.value.employee), queued: r.value.queued.map(commandView) })
    : failure(r);
}
