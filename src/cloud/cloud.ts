// createCloud(): the reference cloud assembled — store, portal, accounts, ingest, PUSH server, API, pages
// and faults. Sockets go through fastify (server.ts); in-process requests of virtual-time runs go straight
// to the PUSH handler, or through fastify's inject() for anything else, so both see the same answers.
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../log.js';
import {
  PUSH_CONTENT_TYPE,
  PUSH_PATHS,
  splitUrl,
  type HandledResponse,
  type PushEndpoint,
  type PushOptions,
  type PushRequest,
  type Query,
} from '../protocol/index.js';
import { cloudParts } from './cloud-parts.js';
import type { CloudStore } from './db/index.js';
import type {
  Accounts,
  ClockRegistry,
  CloudEvents,
  Faults,
  NewClock,
  Portal,
  Registered,
  RegistrationOptions,
} from './domain/index.js';
import { PlainHttpRefused } from './errors.js';
import { isLoopback, startListening, type Listener } from './http.js';
import type { FloodLimits } from './limits.js';
import type { LogLimits } from './log-limit.js';
import { answerNow, handlePush, type PushContext } from './push/index.js';
import { buildServer, type HttpTimeouts, type RouteEntry } from './server.js';
import type { PortalFace } from './web/index.js';

export interface CloudOptions {
  /** A SQLite file, or `:memory:` (the default): nothing kept after close. */
  data?: string;
  /** The cloud's clock, UTC ms: the `Date` header, last seen, re-send timeouts, sessions. Virtual-time runs inject theirs. */
  now?: () => number;
  /** How the cloud waits (delay faults); virtual-time runs inject one on their clock. */
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /**
   * Register unknown serial numbers on their first request, up to `registration.autoRegisterLimit` clocks
   * (default false: they wait as pending, refused with 403, until an admin accepts them).
   */
  autoRegister?: boolean;
  /** Bounds of auto-registration and of the pending list (defaults: 20,000 clocks, 1,000 pending). */
  registration?: Partial<Omit<RegistrationOptions, 'autoRegister'>>;
  /** The audit log keeps this many newest rows (default 100,000); older ones are dropped as new ones come. */
  auditKeep?: number;
  /** Users enrolled on a clock with a badge no employee has become employees (default true). */
  adoptClockUsers?: boolean;
  /** Handshake options: Delay (default 10 s), ErrorDelay, Realtime, TransTimes, TimeZone… */
  push?: Partial<Omit<PushOptions, 'attlogStamp' | 'operlogStamp' | 'attphotoStamp'>>;
  /** A sent command unanswered this long goes out again (default 60,000 ms). */
  resendAfterMs?: number;
  /** Sends without an answer before a command fails (default 10). */
  maxSends?: number;
  /** Commands per getrequest answer (default 20). */
  commandsPerPoll?: number;
  /** A bearer token the API accepts as a SysAdmin's, for scripts (besides the tokens the portal issues). */
  token?: string;
  /** Host names the portal answers for besides IP literals and localhost (DNS rebinding guard). */
  allowedHosts?: string[];
  /** A signed-in session idle this long ends (default 8 hours). */
  sessionTtlMs?: number;
  /** How long a client may take to send a request (headers, whole request, an idle socket). */
  timeouts?: Partial<HttpTimeouts>;
  /** Serve HTTPS with this certificate and key (PEM): clocks reach it at https://, as the PUSH spec allows. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Serve plain HTTP off loopback anyway. Without it, a cloud without `tls` listens only on loopback:
   * PUSH carries passwords and templates, and anyone who knows a serial number may fetch its commands.
   */
  plainHttp?: boolean;
  /** Refusals per address before it is cut off, and the PUSH bodies' byte budget (limits.ts). */
  floodLimits?: Partial<FloodLimits>;
  /** Warnings an outsider can cause, per kind and window (log-limit.ts). */
  logLimits?: Partial<LogLimits>;
  /** The clock's face among the portal's pages (`timeclock run`'s embedded cloud: src/face). */
  face?: PortalFace;
}

export interface Cloud {
  readonly portal: Portal;
  readonly accounts: Accounts;
  readonly faults: Faults;
  readonly store: CloudStore;
  readonly events: CloudEvents;
  readonly registry: ClockRegistry;
  /** One request, from a socket or in-process; never rejects. */
  handle(request: PushRequest & { url?: string }): Promise<HandledResponse>;
  /**
   * A PUSH request named by its exact path, answered at once when nothing stands in the way (no fault set,
   * not gone away); undefined otherwise, and nothing was done: the caller goes through handle().
   */
  handleNow(request: PushRequest): HandledResponse | undefined;
  /** Every route of the HTTP server (built if it is not yet): what the audit test walks. */
  routes(): Promise<readonly RouteEntry[]>;
  /** Starts the HTTP server (default 127.0.0.1, port 0 = any free one). */
  listen(options?: { port?: number; host?: string }): Promise<Listener>;
  /** The HTTP server's address while listening. */
  readonly url: string | undefined;
  /**
   * Registers a clock by serial number (name defaults to it); false when already known. A new clock
   * proves itself with a device key, offered to its first handshake; `{ auth: 'serial' }` registers a
   * plain PUSH clock that cannot carry one.
   */
  registerClock(sn: string, name?: string, how?: Omit<NewClock, 'sn' | 'name'>): boolean;
  /** The same, with the new clock's device key (given once). */
  addClock(clock: NewClock): Registered;
  /** The "go away" fault: the HTTP server closes (and in-process requests are reset) for forMs, or until comeBack(). */
  goAway(forMs?: number): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

const ENDPOINTS = new Map<string, PushEndpoint>(
  (Object.entries(PUSH_PATHS) as [PushEndpoint, string][]).map(([endpoint, path]) => [path, endpoint]),
);

export function createCloud(options: CloudOptions = {}): Cloud {
  let listener: Listener | undefined;
  let bound: { port: number; host: string } | undefined;
  let gone = false;
  let returnTimer: NodeJS.Timeout | undefined;
  let app: Promise<FastifyInstance> | undefined;
  const parts = cloudParts(
    options,
    () => gone,
    (forMs) => void cloud.goAway(forMs),
  );
  const { store, faults, events, portal, accounts, registry, log, quiet, push } = parts;
  /** A fresh fastify instance: one cannot listen again after close, and go-away closes it. */
  const server = (): Promise<FastifyInstance> => (app ??= buildServer(parts.server));

  const start = (host: string, port: number) =>
    startListening(server, host, port, () => {
      if (app !== undefined) app = undefined;
    });

  const cloud: Cloud = {
    portal,
    accounts,
    faults,
    store,
    events,
    registry,
    get url() {
      return listener?.url;
    },
    handle: (request) => handleRequest(push, server, gone, log, request),
    handleNow: (request) => (gone ? undefined : handleNow(push, log, request)),
    async routes() {
      await (await server()).ready();
      return [...parts.server.routes];
    },
    async listen(where = {}) {
      const host = where.host ?? '127.0.0.1';
      if (!isLoopback(host) && options.tls === undefined && options.plainHttp !== true) {
        throw new PlainHttpRefused(host);
      }
      listener = await start(host, where.port ?? 0);
      bound = { host, port: listener.port };
      log.info({ url: listener.url, loopback: isLoopback(host) }, 'cloud listening');
      return listener;
    },
    registerClock: (sn, name, how) =>
      registry.register({ sn, ...(name === undefined ? {} : { name }), ...how }).created,
    addClock: (clock) => registry.register(clock),
    async goAway(forMs) {
      gone = true;
      clearTimeout(returnTimer);
      await listener?.close();
      listener = undefined;
      log.info({ forMs }, 'cloud gone away (fault injection)');
      if (forMs !== undefined) returnTimer = setTimeout(() => void cloud.comeBack(), forMs);
    },
    async comeBack() {
      clearTimeout(returnTimer);
      gone = false;
      if (bound !== undefined && listener === undefined) listener = await start(bound.host, bound.port);
      log.info({}, 'cloud back');
    },
    async close() {
      clearTimeout(returnTimer);
      await listener?.close();
      listener = undefined;
      bound = undefined;
      if (app !== undefined) await (await app).close();
      app = undefined;
      store.clocks.flush();
      quiet.flush();
      store.close();
    },
  };
  return cloud;
}

/** One request in-process: a PUSH path straight to its handler, anything else through fastify's inject(). */
async function handleRequest(
  push: PushContext,
  server: () => Promise<FastifyInstance>,
  gone: boolean,
  log: Logger,
  request: PushRequest & { url?: string },
): Promise<HandledResponse> {
  const { path, endpoint, query } = pushTarget(request);
  try {
    if (endpoint === undefined) return await injected(await server(), request);
    if (gone) return { status: 0, headers: {}, body: '', abort: 'reset' };
    return await handlePush(push, {
      method: request.method,
      endpoint,
      query,
      body: request.body ?? '',
      headers: lowerCase(request.headers ?? {}),
    });
  } catch (error) {
    return failed(log, path, error);
  }
}

function failed(log: Logger, path: string, error: unknown): HandledResponse {
  log.error({ err: error, path }, 'request failed');
  return {
    status: 500,
    headers: { 'content-type': PUSH_CONTENT_TYPE },
    body: 'Error: the server failed on this request',
  };
}

/** handle() without its promise, for a request handlePush would answer at once anyway. */
function handleNow(push: PushContext, log: Logger, request: PushRequest): HandledResponse | undefined {
  const endpoint = ENDPOINTS.get(request.path);
  if (endpoint === undefined) return undefined;
  const call = {
    method: request.method,
    endpoint,
    query: request.query ?? {},
    body: request.body ?? '',
    headers: lowerCase(request.headers ?? {}),
  };
  try {
    return answerNow(push, call);
  } catch (error) {
    return failed(log, request.path, error);
  }
}

/**
 * Which PUSH endpoint a request is for, and its query. A clock of ours in-process names the path exactly
 * and hands its query as a value: taken as it is, with nothing to split, rewrite or decode.
 */
function pushTarget(request: PushRequest & { url?: string }): {
  path: string;
  endpoint: PushEndpoint | undefined;
  query: Query;
} {
  const exact = request.url === undefined ? ENDPOINTS.get(request.path) : undefined;
  if (exact !== undefined) return { path: request.path, endpoint: exact, query: request.query ?? {} };
  const { path, query } = splitUrl(request.url ?? request.path);
  const endpoint = ENDPOINTS.get(
    path
      .toLowerCase()
      .replace(/\/+$/, '')
      .replace(/\.aspx$/, ''),
  );
  return { path, endpoint, query: { ...query, ...request.query } };
}

/** Header names in lower case, as HTTP hands them over; most already are, and are passed on as they are. */
function lowerCase(headers: Record<string, string>): Record<string, string> {
  let lower = true;
  for (const key in headers) if (key !== key.toLowerCase()) lower = false;
  if (lower) return headers;
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

/** A non-PUSH request without a socket: through fastify, hooks and all. */
async function injected(app: FastifyInstance, request: PushRequest & { url?: string }): Promise<HandledResponse> {
  const res = await app.inject({
    method: request.method,
    url: request.url ?? request.path,
    ...(request.query ? { query: request.query } : {}),
    headers: { host: '127.0.0.1', ...request.headers },
    ...(request.body === undefined ? {} : { payload: request.body }),
  });
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) headers[key] = String(value);
  return { status: res.statusCode, headers, body: res.body };
}
