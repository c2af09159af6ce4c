// createCloud(): the reference cloud assembled — store, portal, ingest, PUSH server, API and faults —
// behind one handle() that node:http and the in-process transport both call.
import { createLogger, type Logger } from '../log.js';
import {
  PUSH_CONTENT_TYPE,
  defaultPushOptions,
  splitUrl,
  type HandledResponse,
  type PushEndpoint,
  type PushOptions,
  type PushRequest,
  type Query,
} from '../protocol/index.js';
import { handleApi, type ApiContext } from './api.js';
import { Faults } from './faults.js';
import { isLoopback, listen, type Listener } from './http.js';
import { Ingest } from './ingest.js';
import { Portal } from './portal.js';
import { handlePush, type PushContext } from './push-server.js';
import { openCloudStore, type CloudStore } from './store.js';

export interface CloudOptions {
  /** A SQLite file, or `:memory:` (the default): nothing kept after close. */
  data?: string;
  /** The cloud's clock, UTC ms: the `Date` header, last seen, re-send timeouts. Virtual-time runs inject theirs. */
  now?: () => number;
  /** How the cloud waits (delay faults); virtual-time runs inject one on their clock. */
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Register unknown serial numbers on their first request (default false: refused with 403). */
  autoRegister?: boolean;
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
  /** Bearer token of the portal API; required when listening on anything but loopback. */
  token?: string;
}

export interface Cloud {
  readonly portal: Portal;
  readonly faults: Faults;
  readonly store: CloudStore;
  /** One request, from a socket or in-process; never rejects. */
  handle(request: PushRequest & { url?: string }): Promise<HandledResponse>;
  /** Starts the HTTP server (default 127.0.0.1, port 0 = any free one). */
  listen(options?: { port?: number; host?: string }): Promise<Listener>;
  /** The HTTP server's address while listening. */
  readonly url: string | undefined;
  /** Registers a clock by serial number (name defaults to it); false when already known. */
  registerClock(sn: string, name?: string): boolean;
  /** The "go away" fault: the HTTP server closes (and in-process requests are reset) for forMs, or until comeBack(). */
  goAway(forMs?: number): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

const ENDPOINTS: Record<string, PushEndpoint> = {
  '/iclock/cdata': 'cdata',
  '/iclock/getrequest': 'getrequest',
  '/iclock/devicecmd': 'devicecmd',
  '/iclock/ping': 'ping',
};

export function createCloud(options: CloudOptions = {}): Cloud {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = (options.logger ?? createLogger({ level: 'silent' })).child({ module: 'cloud' });
  const store = openCloudStore(options.data ?? ':memory:', now());
  const faults = new Faults();
  const portal = new Portal(store, now, log);
  const ingest = new Ingest(store, portal, now, log, { adoptClockUsers: options.adoptClockUsers ?? true });
  const { attlogStamp: _a, operlogStamp: _o, attphotoStamp: _p, ...defaults } = defaultPushOptions();
  const pushOptions = { ...defaults, ...options.push };
  const push: PushContext = {
    store,
    ingest,
    faults,
    now,
    sleep,
    log,
    options: {
      autoRegister: options.autoRegister ?? false,
      options: pushOptions,
      resendAfterMs: options.resendAfterMs ?? 60_000,
      maxSends: options.maxSends ?? 10,
      commandsPerPoll: options.commandsPerPoll ?? 20,
    },
  };
  let listener: Listener | undefined;
  let bound: { port: number; host: string } | undefined;
  let gone = false;
  let returnTimer: NodeJS.Timeout | undefined;
  const api: ApiContext = {
    store,
    portal,
    faults,
    now,
    log,
    onlineWithinMs: 3 * pushOptions.delay * 1000,
    // The answer must leave before the socket closes, hence the turn of the event loop.
    goAway: (forMs) => void setImmediate(() => void cloud.goAway(forMs)),
  };

  const cloud: Cloud = {
    portal,
    faults,
    store,
    get url() {
      return listener?.url;
    },
    async handle(request) {
      const { path, query } = requestTarget(request);
      try {
        if (path.startsWith('/api/') || path === '/api') return apiAnswer(api, options.token, request, path, query);
        const endpoint = endpointOf(path);
        if (gone) return { status: 0, headers: {}, body: '', abort: 'reset' };
        if (endpoint === undefined) return plain(404, `Error: no PUSH endpoint ${path}`);
        return await handlePush(push, { method: request.method, endpoint, query, body: request.body ?? '' });
      } catch (error) {
        log.error({ err: error, path }, 'request failed');
        return plain(500, 'Error: the server failed on this request');
      }
    },
    async listen(where = {}) {
      const host = where.host ?? '127.0.0.1';
      if (!isLoopback(host) && !options.token) {
        throw new Error(`the portal API needs a token when the cloud listens on ${host}: pass token (--token)`);
      }
      listener = await listen((r) => cloud.handle(r), host, where.port ?? 0);
      bound = { host, port: listener.port };
      log.info({ url: listener.url }, 'cloud listening');
      return listener;
    },
    registerClock: (sn, name) => store.clocks.register(sn, name ?? sn, now()),
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
      if (bound !== undefined && listener === undefined)
        listener = await listen((r) => cloud.handle(r), bound.host, bound.port);
      log.info({}, 'cloud back');
    },
    async close() {
      clearTimeout(returnTimer);
      await listener?.close();
      listener = undefined;
      bound = undefined;
      store.clocks.flush();
      store.close();
    },
  };
  return cloud;
}

/** Paths in any case, with a trailing slash or the `.aspx` some servers' clocks append. */
function endpointOf(path: string): PushEndpoint | undefined {
  const key = path
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.aspx$/, '');
  return Object.hasOwn(ENDPOINTS, key) ? ENDPOINTS[key] : undefined;
}

function requestTarget(request: PushRequest & { url?: string }): { path: string; query: Query } {
  const split = splitUrl(request.url ?? request.path);
  return { path: split.path, query: { ...split.query, ...request.query } };
}

function apiAnswer(
  api: ApiContext,
  token: string | undefined,
  request: PushRequest,
  path: string,
  query: Query,
): HandledResponse {
  if (token !== undefined && token !== '') {
    const auth = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    if (auth !== `Bearer ${token}`) return json(401, { error: 'the portal API needs Authorization: Bearer <token>' });
  }
  let body: unknown;
  const text = request.body ?? '';
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      return json(400, { error: `the body is not JSON: ${(error as Error).message}` });
    }
  }
  const answer = handleApi(api, request.method, path, query, body);
  return json(answer.status, answer.json);
}

function json(status: number, value: unknown): HandledResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: `${JSON.stringify(value)}\n` };
}

function plain(status: number, body: string): HandledResponse {
  return { status, headers: { 'content-type': PUSH_CONTENT_TYPE }, body };
}
