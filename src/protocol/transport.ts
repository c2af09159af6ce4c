// How PUSH requests travel: an interface the clock's sync client calls, over real HTTP (node:http) or
// in-process into a server's handle() (the same wire text, no socket) for virtual-time runs.
import http from 'node:http';
import https from 'node:https';
import { Deadlines } from './deadlines.js';
import { PUSH_CONTENT_TYPE, pushUrl, type Query } from './paths.js';
import { TimeclockError } from '../errors.js';
import { codedRangeError } from '../errors.js';

export interface PushRequest {
  method: 'GET' | 'POST';
  /** `/iclock/cdata`; a `?query` here is merged with `query`. */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  body?: string;
}

export interface PushResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Resolves with any HTTP answer, 500 included (judging it is the caller's); rejects with a
 * TransportError only when no answer came: refused, reset, timed out.
 */
export interface PushTransport {
  request(request: PushRequest): Promise<PushResponse>;
  /**
   * The answer at once, from a server in this process that can give it without waiting; undefined when it
   * cannot (a fault set, the server gone, a socket between): nothing was sent, and request() is the way.
   * Throws a TransportError where request() would reject with one.
   * Only the in-process transport has it: a virtual-time day makes tens of thousands of polls.
   */
  requestNow?(request: PushRequest): PushResponse | undefined;
  /** Frees sockets; later requests fail. */
  close(): void;
}

export type TransportErrorKind = 'timeout' | 'connection' | 'closed';

export class TransportError extends TimeclockError<'TC_ERR_TRANSPORT'> {
  override name = 'TransportError';
  /** Marker, as serialport's `disconnected: true`: no answer came, so the server is unreachable. */
  readonly transport = true;
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('TC_ERR_TRANSPORT', message, options);
  }
}

/** What a server answers in-process: a response, or how the exchange fails on a real socket. */
export type HandledResponse = PushResponse & {
  /** `hang`: no answer ever (the client times out); `reset`: the connection is dropped. */
  abort?: 'hang' | 'reset';
};

/** A PUSH server that can take a request without a socket (the reference cloud's handle()). */
export interface PushHandler {
  handle(request: PushRequest): Promise<HandledResponse>;
  /** The answer at once, or undefined (nothing done) when only handle() can give it. */
  handleNow?(request: PushRequest): HandledResponse | undefined;
}

export interface HttpTransportOptions {
  /** Give up on a request after this long (default 30,000 ms): a clock never waits forever. */
  timeoutMs?: number;
  /** Reuse connections between requests (default true). */
  keepAlive?: boolean;
  /** Certificates (PEM) trusted for an https:// server besides the system's: a self-signed server's CA. */
  ca?: string | Buffer;
  /**
   * Sockets open at once (default: no limit); further requests queue in the agent. A fleet shares one
   * transport among thousands of clocks, and this keeps them from opening a socket each at 08:00.
   */
  maxSockets?: number;
}

/** A node:http(s) client for a server at `http://host:port` (a path prefix is kept). */
export function httpTransport(baseUrl: string, options: HttpTransportOptions = {}): PushTransport {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw codedRangeError('TC_ERR_SYNC_OPTIONS', `baseUrl must be http:// or https://, got "${baseUrl}"`);
  }
  const client = base.protocol === 'https:' ? https : http;
  const agent = poolAgent(base, options);
  const pathOf = pathWriter(base.pathname.replace(/\/+$/, ''));
  const timeoutMs = options.timeoutMs ?? 30_000;
  // The wait is the server's from the moment the request has a socket: a request queued in the agent behind
  // the pool's maxSockets (a fleet's thousands of clocks on one transport) is a simulation's queue, not the
  // network's, and timing it out then made every clock of a large fleet retry at once.
  const deadlines = new Deadlines<http.ClientRequest>(timeoutMs, (req) =>
    req.destroy(new TransportError('timeout', `no answer from ${baseUrl} within ${timeoutMs} ms`)),
  );
  let closed = false;
  return {
    request(request) {
      if (closed) return Promise.reject(new TransportError('closed', 'the transport is closed'));
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const headers = body === undefined ? request.headers : withBodyHeaders(request.headers, body.length);
      return new Promise<PushResponse>((resolve, reject) => {
        let bucket = -1;
        const req = client.request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            method: request.method,
            path: pathOf(request),
            headers,
            agent,
          },
          (res) => {
            let first: Buffer | undefined;
            let more: Buffer[] | undefined;
            res.on('data', (chunk: Buffer) => {
              if (first === undefined) first = chunk;
              else (more ??= [first]).push(chunk);
            });
            res.on('end', () => {
              deadlines.remove(req, bucket);
              const bytes = more === undefined ? first : Buffer.concat(more);
              resolve({
                status: res.statusCode ?? 0,
                headers: flatHeaders(res.headers),
                body: bytes?.toString() ?? '',
              });
            });
            res.on('error', (error) => fail(error));
          },
        );
        const fail = (error: unknown): void => {
          deadlines.remove(req, bucket);
          reject(error instanceof TransportError ? error : connectionError(baseUrl, error));
        };
        req.once('socket', () => (bucket = deadlines.add(req)));
        req.on('error', fail);
        req.end(body);
      });
    },
    close() {
      closed = true;
      deadlines.clear();
      agent.destroy();
    },
  };
}

/** The connection pool of one transport: kept alive unless asked not to, bounded when asked. */
function poolAgent(base: URL, options: HttpTransportOptions): http.Agent {
  const pool = {
    keepAlive: options.keepAlive ?? true,
    ...(options.maxSockets === undefined ? {} : { maxSockets: options.maxSockets }),
  };
  return base.protocol === 'https:'
    ? new https.Agent({ ...pool, ...(options.ca ? { ca: options.ca } : {}) })
    : new http.Agent(pool);
}

/** A request's path under the server's prefix; a frozen request (a clock's quiet poll, sent every Delay)
 * has its path written once. */
function pathWriter(prefix: string): (request: PushRequest) => string {
  const paths = new WeakMap<PushRequest, string>();
  return (request) => {
    const known = paths.get(request);
    if (known !== undefined) return known;
    const path = `${prefix}${pushUrl(request.path, request.query)}`;
    if (Object.isFrozen(request)) paths.set(request, path);
    return path;
  };
}

/** A body's headers beside the request's own: its type unless given, and its length. */
function withBodyHeaders(given: Record<string, string> | undefined, length: number): Record<string, string | number> {
  const headers: Record<string, string | number> = { ...given, 'content-length': length };
  headers['content-type'] ??= PUSH_CONTENT_TYPE;
  return headers;
}

/**
 * Requests go straight into handler.handle(); a `hang` or `reset` rejects as the socket would. requestNow()
 * goes into handler.handleNow() when it has one: the same answer, without a promise.
 */
export function inProcessTransport(handler: PushHandler): PushTransport {
  let closed = false;
  const now = handler.handleNow?.bind(handler);
  return {
    async request(request) {
      if (closed) throw new TransportError('closed', 'the transport is closed');
      const answer = await handler.handle({ ...request, headers: lowerKeys(request.headers ?? {}) });
      if (answer.abort !== undefined) throw aborted(answer.abort);
      return { status: answer.status, headers: lowerKeys(answer.headers), body: answer.body };
    },
    ...(now && {
      requestNow(request: PushRequest): PushResponse | undefined {
        if (closed) return undefined;
        const headers = request.headers === undefined ? undefined : lowerKeys(request.headers);
        const answer = now(headers === request.headers ? request : { ...request, headers });
        if (answer === undefined) return undefined;
        if (answer.abort !== undefined) throw aborted(answer.abort);
        // An answer made for this request alone, its headers already in lower case: handed on as it is.
        const lower = lowerKeys(answer.headers);
        return lower === answer.headers ? answer : { status: answer.status, headers: lower, body: answer.body };
      },
    }),
    close() {
      closed = true;
    },
  };
}

/** What a socket would have said of a server that held or dropped the request. */
function aborted(abort: 'hang' | 'reset'): TransportError {
  return abort === 'hang'
    ? new TransportError('timeout', 'the server never answered (in-process)')
    : new TransportError('connection', 'the server dropped the connection (in-process)');
}

function connectionError(baseUrl: string, error: unknown): TransportError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new TransportError('connection', `cannot reach ${baseUrl} (${typeof code === 'string' ? code : detail})`, {
    cause: error,
  });
}

/** Node's headers as they are when every value is one string (nearly every answer); else flattened. */
function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  let plain = true;
  for (const key in headers) if (typeof headers[key] !== 'string') plain = false;
  if (plain) return headers as Record<string, string>;
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Header names as HTTP hands them over: lower case. Most already are, and are passed on as they are. */
function lowerKeys(headers: Record<string, string>): Record<string, string> {
  let lower = true;
  for (const key in headers) if (key !== key.toLowerCase()) lower = false;
  if (lower) return headers;
  return Object.fromEntries(Object.keys(headers).map((key) => [key.toLowerCase(), headers[key]!]));
}
