// The other transports: a raw TCP listener (loopback unless a host is named; each client gets its own
// session) and the process's stdio (one session, for a rig that starts the simulator as a child).
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../log.js';
import {
  RetryingEndpoint,
  type RetryingDeps,
  closeQuietly,
  connectSafely,
  feed,
  type Connect,
  type Endpoint,
  type EndpointState,
} from './serial-endpoint.js';
import type { Link, LinkFlow, Session } from './types.js';

/** How soon a silent peer is probed, and how long a hung-up peer may go without reading its last lines. */
const KEEPALIVE_MS = 30_000;
const HANG_UP_CHECK_MS = 250;

export class TcpEndpoint extends RetryingEndpoint {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly host: string,
    private readonly port: number,
    deps: RetryingDeps,
  ) {
    super(deps);
  }

  get connections(): number {
    return this.sockets.size;
  }

  address(): string | undefined {
    const a = this.server?.address();
    if (a === null || a === undefined || typeof a === 'string') return undefined;
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  async stop(): Promise<void> {
    this.stopRetrying();
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  protected open(): void {
    if (this.state === 'stopped') return;
    this.state = 'connecting';
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    server.on('error', (error) => {
      if (this.server !== server) return;
      this.server = undefined;
      server.close();
      this.retry({ err: error }, 'cannot listen');
    });
    server.listen(this.port, this.host, () => {
      this.opened();
      this.log.info({ address: this.address() }, 'listening');
    });
  }

  private accept(socket: net.Socket): void {
    const label = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    // A peer that vanished without a FIN (unplugged, its NAT forgot us) is found out and closed.
    socket.setKeepAlive(true, KEEPALIVE_MS);
    this.log.info({ client: label }, 'client connected');
    const link: Link = {
      label,
      write: (bytes: Uint8Array | string) => {
        if (!socket.destroyed && socket.writable) socket.write(bytes);
      },
      flow: streamFlow(socket, socket, (graceMs) => {
        // Read (and ignore) what it still sends: closing with unread input would reset the connection
        // and throw away the lines still on their way to it, the `bye` among them.
        socket.resume();
        socket.end();
        closeWhenStuck(socket, graceMs);
      }),
    };
    const session = connectSafely(this.connect, link, this.log);
    socket.on('data', (data) => feed(session, data, this.log));
    socket.on('error', (error) => this.log.debug({ err: error, client: label }, 'client error'));
    socket.on('close', () => {
      this.sockets.delete(socket);
      closeQuietly(session, this.log);
      this.log.info({ client: label }, 'client gone');
    });
  }
}

export class StdioEndpoint implements Endpoint {
  state: EndpointState = 'connecting';
  readonly ready = Promise.resolve();
  private session: Session | undefined;
  private readonly onData = (data: Buffer | string) => feed(this.session, Buffer.from(data), this.log);
  private readonly onEnd = () => {
    closeQuietly(this.session, this.log);
    this.session = undefined;
    if (this.state !== 'stopped') this.state = 'closed';
  };

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly connect: Connect,
    private readonly log: Logger,
  ) {}

  get connections(): number {
    return this.session === undefined ? 0 : 1;
  }

  address(): string | undefined {
    return undefined;
  }

  start(): void {
    this.state = 'open';
    const { input, output } = this;
    const link: Link = {
      label: 'stdio',
      write: (bytes: Uint8Array | string) => {
        if (!output.writableEnded) output.write(bytes);
      },
      // The process's own stdout is not ours to close: after the bye line the session just goes quiet.
      flow: streamFlow(input, output, () => {}),
    };
    this.session = connectSafely(this.connect, link, this.log);
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    closeQuietly(this.session, this.log);
    this.session = undefined;
  }
}

/** A link's flow control over Node streams: the output's backlog and drain, the input paused and resumed. */
function streamFlow(input: Readable, output: Writable, hangUp: (graceMs: number) => void): LinkFlow {
  return {
    backlog: () => output.writableLength,
    full: () => output.writableNeedDrain,
    pause: () => input.pause(),
    resume: () => input.resume(),
    onDrain: (listener) => output.once('drain', listener),
    hangUp,
  };
}

/**
 * After a hang-up the peer gets its last lines (the `bye` among them) as long as it keeps reading; one
 * that takes nothing for `graceMs` is cut off. Wall time, as sockets live in it.
 */
function closeWhenStuck(socket: net.Socket, graceMs: number): void {
  let left = socket.writableLength;
  let stuckMs = 0;
  const check = () => {
    if (socket.destroyed) return;
    const now = socket.writableLength;
    stuckMs = now < left ? 0 : stuckMs + HANG_UP_CHECK_MS;
    left = now;
    // All of it is with the kernel, which delivers it before the FIN; or nothing moved for too long.
    if (now === 0 || stuckMs >= graceMs) socket.destroy();
    else setTimeout(check, HANG_UP_CHECK_MS).unref();
  };
  setTimeout(check, HANG_UP_CHECK_MS).unref();
}

/** `tcp:PORT`, `tcp:HOST:PORT` or `tcp:[IPv6]:PORT` → host and port; loopback unless a host is named. */
export function parseTcpPath(path: string): { host: string; port: number } | string {
  const m = /^tcp:(?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(path);
  const port = Number(m?.[2]);
  if (!m || port > 65535) return `"${path}" must be tcp:PORT or tcp:HOST:PORT (port 0-65535)`;
  return { host: m[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1', port };
}
