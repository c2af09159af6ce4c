// A control-protocol session: one connection of a test rig (serial port, pty, TCP client or stdio). It
// gets a hello line, answers to its requests (with their id) and the clock's events; events a request
// causes are written before its reply. See "Control protocol" in README.md.
// Every client is bounded: one line asks for little (control-codec.ts), a client that does not read is
// not read either and loses events (control-outbox.ts), and a client that sends a lot yields to the others
// between batches, so that each is answered in time.
import { formatTimestamp, type Key } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import { tokenMatches } from './control-auth.js';
import {
  CONTROL_PROTOCOL_VERSION,
  LineDecoder,
  parseControlLine,
  type ControlRequest,
  type RequestId,
} from './control-codec.js';
import { helloPayload, runRequest, type Payload } from './control-requests.js';
import type { ControlHub, EventClient } from './control-hub.js';
import { ControlOutbox, DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from './control-outbox.js';
import type { Link, Session } from './types.js';

/**
 * Work done for one client before the others get a turn: 16 key presses or 16 minutes of virtual time,
 * a millisecond or two, so that a client that sends a lot delays another's request by little.
 */
export const WORK_PER_TURN = 16;

/**
 * Virtual time one unit of work advances: a minute, which is one tick of the idle screen. An `advance`
 * of a day runs over 90 turns instead of holding every client for a third of a second (a year, minutes).
 */
export const ADVANCE_MS_PER_WORK = 60_000;

/** A `keys` or `advance` request still running: its reply comes once it is done. */
type Job = (
  { cmd: 'keys'; id: RequestId; keys: Key[]; done: number } | { cmd: 'advance'; id: RequestId; left: number }
) & {
  /** The hub's count of refused writes when the job began. */
  storeFailures?: number;
};

export interface ControlSessionOptions {
  /** When set, the first line must be `{"cmd":"auth","token":…}` with it. */
  token?: string | undefined;
  limits?: OutboxLimits;
  cloudSwitch?: (up: boolean) => void;
  /** Told when the connection is gone, so that the bridge forgets the client. */
  onClose?: () => void;
}

/** What the bridge's `clients()` tells about one connection: what it costs us right now. */
export interface ControlClientState {
  label: string;
  authenticated: boolean;
  /** Bytes written to it that the OS has not taken yet. */
  backlog: number;
  /** Events it did not get because it was behind. */
  dropped: number;
  /** Request lines read but not yet run, and bytes of an unfinished line. */
  pendingLines: number;
  pendingBytes: number;
}

export class ControlSession implements Session, EventClient {
  private readonly decoder: LineDecoder;
  private readonly outbox: ControlOutbox;
  private readonly cloudSwitch: (up: boolean) => void;
  private readonly token: string | undefined;
  private authenticated: boolean;
  private inbox: string[] = [];
  private next = 0;
  /** A pump is due (after other clients' turn, or once the backlog drains). */
  private waiting = false;
  private job: Job | undefined;
  private closed = false;
  private readonly onClose: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly hub: ControlHub,
    private readonly link: Link,
    private readonly log: Logger,
    options: ControlSessionOptions = {},
  ) {
    this.token = options.token === '' ? undefined : options.token;
    this.authenticated = this.token === undefined;
    this.cloudSwitch = options.cloudSwitch ?? ((up) => clock.setCloud(up));
    this.onClose = options.onClose;
    this.outbox = new ControlOutbox(link, options.limits ?? DEFAULT_OUTBOX_LIMITS);
    this.decoder = new LineDecoder((p) =>
      this.outbox.line({ type: 'reply', id: null, ok: false, error: { field: 'line', message: p.message } }),
    );
    // Before authentication the hello says only what is needed to authenticate.
    const hello = this.authenticated
      ? helloPayload(this.clock)
      : { protocol: CONTROL_PROTOCOL_VERSION, product: 'timeclock-sim', auth: 'token' };
    this.outbox.line({ type: 'hello', ...hello });
    hub.join(this);
  }

  get listening(): boolean {
    return this.authenticated && !this.closed;
  }

  state(): ControlClientState {
    return {
      label: this.link.label,
      authenticated: this.authenticated,
      backlog: this.outbox.backlog,
      dropped: this.outbox.droppedTotal,
      pendingLines: this.inbox.length - this.next + (this.job === undefined ? 0 : 1),
      pendingBytes: this.decoder.buffered,
    };
  }

  event(line: Uint8Array): void {
    this.outbox.event(line);
  }

  data(bytes: Buffer): void {
    if (this.closed || this.outbox.closed) return;
    for (const line of this.decoder.push(bytes)) this.inbox.push(line);
    if (!this.waiting) this.pump();
  }

  close(): void {
    this.closed = true;
    this.inbox = [];
    this.next = 0;
    if (this.job !== undefined) this.hub.end();
    this.job = undefined;
    this.hub.leave(this);
    this.onClose?.();
  }

  /** Runs pending work until it is done, the client is behind, or its turn is used up. */
  private readonly pump = (): void => {
    this.waiting = false;
    let budget = WORK_PER_TURN;
    while (this.job !== undefined || this.next < this.inbox.length) {
      if (this.closed || this.outbox.closed) return;
      const flow = this.link.flow;
      if (flow !== undefined && this.outbox.behind) {
        this.waiting = true;
        flow.pause();
        flow.onDrain(this.pump);
        return;
      }
      if (budget <= 0) {
        this.waiting = true;
        flow?.pause();
        setImmediate(this.pump);
        return;
      }
      budget -= this.job !== undefined ? this.step(this.job, budget) : this.handle(this.inbox[this.next++]!);
    }
    this.inbox = [];
    this.next = 0;
    this.link.flow?.resume();
  };

  /** Answers one line, or starts it as a job; returns the work it took (at least 1). */
  private handle(line: string): number {
    const parsed = parseControlLine(line);
    if ('error' in parsed) {
      this.log.debug({ field: parsed.error.field }, 'bad control request');
      const cmd = parsed.cmd === undefined ? {} : { cmd: parsed.cmd };
      this.reply(parsed.id, { ...cmd, ok: false, error: parsed.error });
      if (!this.authenticated) this.refuse('the first request must be {"cmd":"auth","token":…}');
      return 1;
    }
    const { id, request } = parsed;
    if (request.cmd === 'auth' || !this.authenticated) return this.authenticate(id, request);
    if (request.cmd === 'keys') return this.start({ cmd: 'keys', id, keys: request.keys, done: 0 });
    if (request.cmd === 'advance' && this.clock.source.kind === 'virtual') {
      return this.start({ cmd: 'advance', id, left: request.ms });
    }
    let result: Payload;
    const failures = this.hub.storeFailures;
    try {
      result = this.hub.during(() => runRequest(this.clock, request, this.cloudSwitch));
      result = this.storeRefusal(failures) ?? result;
    } catch (error) {
      // The clock refused the input (a closed clock): a reply, not a crash.
      result = { ok: false, error: { field: 'cmd', message: (error as Error).message } };
    }
    this.reply(id, { cmd: request.cmd, ...result });
    return 1;
  }

  /** Starts a request that runs over turns; until it ends, the hub coalesces screens past its first 32. */
  private start(job: Job): number {
    this.hub.begin();
    this.job = { ...job, storeFailures: this.hub.storeFailures };
    return 1;
  }

  /** A request during which the store refused a write (a punch on a full disk) is answered as refused. */
  private storeRefusal(before: number): Payload | undefined {
    if (this.hub.storeFailures === before) return undefined;
    return { ok: false, error: { field: 'store', message: this.hub.lastStoreFailure } };
  }

  /** Does at most `budget` units of the job; replies once it is done or refused. Returns the work done. */
  private step(job: Job, budget: number): number {
    let work = 0;
    let result: Payload | undefined;
    try {
      if (job.cmd === 'keys') {
        for (; work < budget && job.done < job.keys.length; work++) this.clock.press(job.keys[job.done++]!);
        if (job.done === job.keys.length) result = { ok: true };
      } else {
        const ms = Math.min(job.left, budget * ADVANCE_MS_PER_WORK);
        this.clock.advance(ms);
        job.left -= ms;
        work = Math.ceil(ms / ADVANCE_MS_PER_WORK);
        if (job.left === 0) result = { ok: true, now: this.clock.now(), nowText: formatTimestamp(this.clock.now()) };
      }
    } catch (error) {
      // The clock refused the input (a closed clock): a reply, not a crash.
      result = { ok: false, error: { field: 'cmd', message: (error as Error).message } };
    }
    if (result !== undefined) {
      if (result.ok === true) result = this.storeRefusal(job.storeFailures ?? this.hub.storeFailures) ?? result;
      this.job = undefined;
      this.hub.end();
      this.reply(job.id, { cmd: job.cmd, ...result });
    }
    return Math.max(1, work);
  }

  private authenticate(id: RequestId, request: ControlRequest): number {
    if (request.cmd !== 'auth') {
      const message = 'this bridge wants a token first: {"cmd":"auth","token":…}';
      this.reply(id, { cmd: request.cmd, ok: false, error: { field: 'cmd', message } });
      this.refuse('no token');
    } else if (this.token !== undefined && !tokenMatches(this.token, request.token)) {
      this.reply(id, { cmd: 'auth', ok: false, error: { field: 'token', message: 'wrong token' } });
      this.refuse('wrong token');
    } else {
      this.authenticated = true;
      this.reply(id, { cmd: 'auth', ok: true, ...helloPayload(this.clock) });
    }
    return 1;
  }

  /** A client that did not authenticate is hung up on where the transport can; a serial line stays. */
  private refuse(reason: string): void {
    this.log.warn({ reason }, 'control client refused');
    if (this.link.flow !== undefined) this.outbox.hangUp(`refused: ${reason}`);
  }

  private reply(id: RequestId, payload: Payload): void {
    this.outbox.line({ type: 'reply', id, ...payload });
  }
}
