// The serial transport: opens the port (a device or a pty), gives the driver a session per open, and when
// the port cannot open, errors or disappears, logs it and tries again with backoff on the clock's timers.
// The clock never sees any of this: it keeps running without the reader.
import type { Logger } from '../log.js';
import type { Link, OpenPort, PortStream, Session, Timers } from './types.js';

export type EndpointState = 'connecting' | 'open' | 'waiting' | 'closed' | 'stopped';

/** What carries bytes for a bridge: a serial port, a TCP listener or stdio. */
export interface Endpoint {
  readonly state: EndpointState;
  /** Open connections (0 or 1 for a port; any number of TCP clients). */
  readonly connections: number;
  /** Where a TCP listener is bound (`127.0.0.1:7000`); undefined for the others. */
  address(): string | undefined;
  /** Settles once the first attempt to open has succeeded or failed (a failure is retried regardless). */
  readonly ready: Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export type Connect = (link: Link) => Session;

const MAX_BACKOFF_MS = 30_000;

/** A promise settled once, from outside: the first open or failure of an endpoint. */
export class FirstOutcome {
  private settle: () => void = () => {};
  readonly promise = new Promise<void>((resolve) => (this.settle = resolve));
  done(): void {
    this.settle();
  }
}

/** Doubling delays from `first` up to 30 s; reset after a success. */
export class Backoff {
  private failures = 0;
  constructor(private readonly first: number) {}
  next(): number {
    return Math.min(MAX_BACKOFF_MS, this.first * 2 ** Math.min(this.failures++, 20));
  }
  reset(): void {
    this.failures = 0;
  }
}

/** Opens a session; a driver that throws here is a bug, logged, and the connection stays unused. */
export function connectSafely(connect: Connect, link: Link, log: Logger): Session | undefined {
  try {
    return connect(link);
  } catch (error) {
    log.error({ err: error }, 'bridge fault while connecting (connection unused)');
    return undefined;
  }
}

/** Feeds a session, containing a driver bug so that it cannot take the port or the clock down. */
export function feed(session: Session | undefined, data: Buffer, log: Logger): void {
  try {
    session?.data(data);
  } catch (error) {
    log.error({ err: error }, 'bridge fault while handling data (bytes dropped)');
  }
}

/** Closes a session, containing a driver bug in its close. */
export function closeQuietly(session: Session | undefined, log: Logger): void {
  try {
    session?.close();
  } catch (error) {
    log.error({ err: error }, 'bridge fault while closing');
  }
}

/** What a retrying endpoint is given: the driver's connect, the clock's timers, the log, the first retry delay. */
export interface RetryingDeps {
  connect: Connect;
  timers: Timers;
  log: Logger;
  retryMs: number;
}

/**
 * An endpoint that opens something which can fail, a port or a listening socket: it says when the first
 * attempt settled, and tries again with backoff on the clock's timers until stopped.
 */
export abstract class RetryingEndpoint implements Endpoint {
  state: EndpointState = 'connecting';
  private readonly first = new FirstOutcome();
  readonly ready = this.first.promise;
  private timer: number | undefined;
  private readonly backoff: Backoff;

  protected readonly connect: Connect;
  protected readonly timers: Timers;
  protected readonly log: Logger;

  constructor({ connect, timers, log, retryMs }: RetryingDeps) {
    this.connect = connect;
    this.timers = timers;
    this.log = log;
    this.backoff = new Backoff(retryMs);
  }

  abstract get connections(): number;
  abstract address(): string | undefined;
  abstract stop(): Promise<void>;
  /** One attempt: ends in opened(), or in retry() when it fails. */
  protected abstract open(): void;

  start(): void {
    this.open();
  }

  protected stopRetrying(): void {
    this.state = 'stopped';
    this.first.done();
    this.timers.clear(this.timer);
    this.timer = undefined;
  }

  protected opened(): void {
    this.backoff.reset();
    this.state = 'open';
    this.first.done();
  }

  protected retry(fields: object, message: string): void {
    if (this.state === 'stopped') return;
    const delay = this.backoff.next();
    this.state = 'waiting';
    this.first.done();
    this.log.warn({ ...fields, retryInMs: delay }, `${message}; retrying`);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.open();
    }, delay);
  }
}

export class SerialEndpoint extends RetryingEndpoint {
  private port: PortStream | undefined;
  private session: Session | undefined;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly openPort: OpenPort,
    deps: RetryingDeps,
  ) {
    super(deps);
  }

  get connections(): number {
    return this.session === undefined ? 0 : 1;
  }

  address(): string | undefined {
    return undefined;
  }

  async stop(): Promise<void> {
    this.stopRetrying();
    this.endSession();
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  protected open(): void {
    if (this.state === 'stopped') return;
    this.state = 'connecting';
    let port: PortStream;
    try {
      port = this.openPort(this.path, this.baudRate);
    } catch (error) {
      return this.failed(error);
    }
    this.port = port;
    // A stream error without a listener would throw in the host; here it is only a log line.
    port.on('error', (error) => {
      if (this.port === port) this.log.warn({ err: error }, 'port error');
    });
    port.on('close', (error) => this.lost(port, error));
    port.on('data', (data) => {
      if (this.port === port) feed(this.session, data, this.log);
    });
    port.open((error) => {
      if (this.port !== port) {
        // Stopped while opening: nobody will close this port but us.
        if (!error) port.close();
        return;
      }
      if (error) return this.failed(error);
      this.opened();
      this.log.info({ baud: this.baudRate }, 'port open');
      this.session = connectSafely(this.connect, this.linkTo(port), this.log);
    });
  }

  private linkTo(port: PortStream): Link {
    return {
      label: this.path,
      write: (bytes) => {
        if (!port.isOpen || this.port !== port) return;
        port.write(Buffer.from(bytes), (error) => {
          if (error) this.log.warn({ err: error }, 'write failed');
        });
      },
    };
  }

  // An abandoned port keeps its listeners: each checks `this.port === port`, and a late 'error' event
  // without a listener would throw in the host.
  private failed(error: unknown): void {
    this.port = undefined;
    this.retry({ err: error }, 'cannot open port');
  }

  private lost(port: PortStream, error: Error | null | undefined): void {
    if (this.port !== port) return;
    this.port = undefined;
    this.endSession();
    this.retry(error ? { err: error } : {}, 'port closed');
  }

  private endSession(): void {
    const session = this.session;
    this.session = undefined;
    closeQuietly(session, this.log);
  }
}
