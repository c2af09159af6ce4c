// The shapes a bridge is built from: a driver (the protocol logic, one per kind) gets a session per
// connection that the transport (a serial port, a pty, a TCP client or stdio) opens.
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';

/** A parsed `KIND:PATH[,name=value…]`. */
export interface BridgeSpec {
  kind: string;
  /** A device path, `tcp:[HOST:]PORT` or `stdio`. */
  path: string;
  /** Every option of the kind, defaults filled in, values checked. */
  options: Record<string, string | number | boolean>;
  /** The text it was parsed from, for log lines, with a `token=` value shown as `***`. */
  text: string;
}

/** One option of a kind: what it is, its default, and its check. */
export interface OptionSpec {
  describe: string;
  default: string | number | boolean;
  /** The value, or a problem said as "must …". */
  parse(text: string): string | number | boolean | { problem: string };
}

/** One open connection to the device or rig. Writes never throw; a failed write is logged. */
export interface Link {
  write(bytes: Uint8Array | string): void;
  readonly label: string;
  /** Flow control, where the transport has it (a TCP client, stdio); a serial port goes at its baud rate. */
  readonly flow?: LinkFlow;
}

/** How a session keeps what it queues for a peer bounded, whatever the peer does. */
export interface LinkFlow {
  /** Bytes written but not yet taken by the operating system: what a peer that does not read costs us. */
  backlog(): number;
  /** Stops and restarts reading from the peer, so that a peer that sends more than it reads waits. */
  pause(): void;
  resume(): void;
  /** True when the transport has more than it wants and will say so with a drain (`onDrain`). */
  full(): boolean;
  /** Calls `listener` once the backlog has been handed to the operating system. */
  onDrain(listener: () => void): void;
  /**
   * Ends the connection: what was written goes out if the peer reads, then the socket is closed; a peer
   * that takes nothing for `graceMs` is cut off with it unread.
   */
  hangUp(graceMs: number): void;
}

/** What a driver does with one connection. */
export interface Session {
  data(bytes: Buffer): void;
  /** The connection is gone (unplugged, closed by the peer, or the bridge stops). */
  close(): void;
}

/** Timers on the clock's own source, so that backoff and polling follow virtual time in tests. */
export interface Timers {
  now(): number;
  set(fn: () => void, ms: number): number;
  clear(id: number | undefined): void;
}

export interface DriverContext {
  clock: Clock;
  spec: BridgeSpec;
  log: Logger;
  timers: Timers;
  /** The clock's data directory, where a driver may keep a small file (the ZFM page map). */
  dataDir: string | undefined;
  /** How the control protocol's `cloud` command reaches the cloud; undefined: clock.setCloud. */
  cloudSwitch?: ((up: boolean) => void) | undefined;
}

export interface DriverInstance<Api extends object = object> {
  /** Extra operations of this kind (enroll on a module, place a finger on an emulated sensor). */
  api: Api;
  /** What the operator must know at start (a listener that wants a token), for the banner. */
  notice?: string;
  connect(link: Link): Session;
  stop?(): void;
}

export interface Driver<Api extends object = object> {
  kind: string;
  describe: string;
  defaultBaud: number;
  /** The kind's own options; `baud` (defaulting to defaultBaud) and `retry` come with every kind (driverOptions). */
  options: Record<string, OptionSpec>;
  /** Checks that need the path and the options together; returns the part and the problem, or nothing. */
  check?(path: string, options: BridgeSpec['options']): { part: string; problem: string } | undefined;
  create(context: DriverContext): DriverInstance<Api>;
}

/**
 * A port as node-serialport's stream presents it; SerialPort and SerialPortMock both fit, which is how
 * tests swap the binding without touching the bridge.
 */
export interface PortStream {
  readonly isOpen: boolean;
  open(callback?: (error: Error | null) => void): void;
  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean;
  close(callback?: (error?: Error | null) => void): void;
  on(event: 'data', listener: (data: Buffer) => void): this;
  on(event: 'close', listener: (error?: Error | null) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

export type OpenPort = (path: string, baudRate: number) => PortStream;

/** Calls into the clock that must not take the transport down: a refused input is logged, not thrown. */
export function safely(log: Logger, what: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    log.warn({ err: error }, `${what} refused`);
  }
}

export function clockTimers(clock: Clock): Timers {
  return {
    now: () => clock.source.now(),
    set: (fn, ms) => clock.source.setTimeout(fn, ms),
    clear: (id) => {
      if (id !== undefined) clock.source.clearTimeout(id);
    },
  };
}

/**
 * The peer a driver talks to when a port has one at a time: the newest session, until it closes (a closed
 * older one does not take a newer one with it).
 */
export class LatestSession<S extends Session> {
  current: S | undefined;

  /** Makes `session` the current one; what the endpoint feeds and closes. */
  open(session: S): Session {
    this.current = session;
    return {
      data: (bytes) => session.data(bytes),
      close: () => {
        session.close();
        if (this.current === session) this.current = undefined;
      },
    };
  }
}
