// What stands between the network and the sessions: client slots with deadlines and eviction, the
// comm-key lock, refusals logged at a bounded rate, and a clock re-enabled when the client that
// disabled it is gone. The listener hands each packet here instead of straight to the session.
import type { LanRequest } from '../../firmware/index.js';
import type { Logger } from '../log.js';
import { CMD, REPLY } from './codes.js';
import { decodePacket, encodeAnswer } from './codec.js';
import { KeyLock } from './key-lock.js';
import type { LanLimits } from './limits.js';
import { RateLog } from './rate-log.js';
import type { LanHost } from './session.js';
import { SlotTable, type ClientStage, type Slot } from './slots.js';

/** CONNECTs one client may send: the first and a few retries. */
const MAX_CONNECTS = 4;

/** The little of a session the guard needs. */
export interface GuardedSession {
  /** A promise while the answer is being prepared (a table built in slices). */
  handle(bytes: Buffer): Promise<void> | undefined;
  stage(): ClientStage;
}

export interface LanGuardOptions {
  limits: LanLimits;
  log: Logger;
  /** Monotonic milliseconds; performance.now unless a test moves time by hand. */
  now?: () => number;
  /** How often deadlines are checked; 0 leaves it to the caller's `sweep()`. */
  sweepMs?: number;
}

export class LanGuard {
  readonly slots: SlotTable;
  readonly refusals: RateLog;
  private readonly keys: KeyLock;
  private readonly log: Logger;
  /** Sessions whose DISABLEDEVICE is in force; the clock is enabled again when the last one is gone. */
  private readonly disabling = new Set<object>();
  private readonly sweeper: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly connects = new WeakMap<Slot, number>();

  constructor(options: LanGuardOptions) {
    const now = options.now ?? (() => performance.now());
    this.now = now;
    const { limits } = options;
    this.log = options.log;
    this.slots = new SlotTable(limits, now);
    this.keys = new KeyLock(limits, now);
    this.refusals = new RateLog({
      log: options.log,
      linesPerWindow: limits.refusalLines,
      windowMs: limits.refusalWindowMs,
      now,
    });
    const sweepMs = options.sweepMs ?? 1_000;
    if (sweepMs > 0) this.sweeper = setInterval(() => this.sweep(), sweepMs).unref();
  }

  /** The slot of a new client; `end` closes it when the guard drops it (and the drop is logged, bounded). */
  slot(label: string, transport: Slot['transport'], address: string, stage: () => ClientStage, end: () => void): Slot {
    const now = this.now();
    const drop = (why: string, kind: string): void => {
      this.refusals.refused(kind, { client: label }, `LAN client dropped: ${why}`);
      end();
    };
    return { label, transport, address, since: now, lastSeen: now, stage, drop };
  }

  /** A slot for a new client, or false (refused, and the refusal counted). */
  admit(slot: Slot): boolean {
    if (this.slots.admit(slot)) return true;
    this.refusals.refused('full', { client: slot.label }, 'LAN client refused: every slot is held by an active client');
    return false;
  }

  /**
   * Whether a UDP datagram from a peer without a session may open one: only a CONNECT does. Another
   * well-formed request is answered ACK_UNAUTH (a client whose session was forgotten learns it must
   * connect again); junk gets no answer, so a forged source address is not sent anything.
   */
  opensSession(bytes: Buffer, client: string, reply: (packet: Buffer) => void): boolean {
    const packet = decodePacket(bytes);
    if (!('error' in packet) && packet.command === CMD.CONNECT) return true;
    this.refusals.refused('no-session', { client, bytes: bytes.length }, 'LAN UDP packet without a session refused');
    if (!('error' in packet)) reply(encodeAnswer(REPLY.UNAUTH, packet.session, packet.reply));
    return false;
  }

  /**
   * One packet for `session`. A packet too short for a header is answered here; an AUTH from a locked
   * address is refused without the key being looked at (the same ACK_UNAUTH as a wrong key, so a
   * guesser learns nothing from it); the rest goes to the session, and a comm key it refused counts.
   */
  deliver(
    slot: Slot,
    session: GuardedSession,
    bytes: Buffer,
    reply: (packet: Buffer) => void,
  ): Promise<void> | undefined {
    this.slots.seen(slot);
    const packet = decodePacket(bytes);
    if ('error' in packet) {
      this.refusals.refused('bad-packet', { client: slot.label }, `bad LAN packet: ${packet.error}`);
      reply(encodeAnswer(REPLY.ERROR, 0, 0));
      return;
    }
    if (packet.command === CMD.CONNECT && this.repeatedConnect(slot)) {
      this.refusals.refused('reconnect', { client: slot.label }, 'LAN CONNECT repeated in one session refused');
      reply(encodeAnswer(REPLY.ERROR, packet.session, packet.reply));
      return;
    }
    if (packet.command !== CMD.AUTH) return session.handle(bytes);
    const locked = this.keys.lockedUntil(slot.address);
    if (locked !== undefined) {
      this.refusals.refused('key-locked', { client: slot.label }, 'LAN comm key refused: too many wrong keys (locked)');
      reply(encodeAnswer(REPLY.UNAUTH, packet.session, packet.reply));
      return;
    }
    void session.handle(bytes);
    if (session.stage() === 'authed') {
      this.keys.succeeded(slot.address);
      return;
    }
    const locks = this.keys.failed(slot.address);
    if (locks === 'address')
      this.log.warn({ address: slot.address }, 'LAN comm key: too many wrong keys, address locked');
    if (locks === 'all') this.log.warn('LAN comm key: too many wrong keys from all addresses, every AUTH locked');
  }

  /**
   * An SDK says CONNECT once per connection (a retry after a lost answer at most); each CONNECT makes a
   * new session id and a log line, so one connection repeating it could write the log full.
   */
  private repeatedConnect(slot: Slot): boolean {
    const count = (this.connects.get(slot) ?? 0) + 1;
    this.connects.set(slot, count);
    return count > MAX_CONNECTS;
  }

  /** The host a session uses, telling the guard when the session disables or enables the clock. */
  hostFor(host: LanHost, owner: object): LanHost {
    return {
      ...host,
      ask: (request: LanRequest) => {
        const answer = host.ask(request);
        if (answer.ok && request.kind === 'disable') this.disabling.add(owner);
        // Any client's ENABLEDEVICE ends every disabling, as it does on the clock's screen.
        if (answer.ok && request.kind === 'enable') this.disabling.clear();
        return answer;
      },
    };
  }

  /**
   * The session is over (EXIT, closed, dropped or forgotten). A clock it disabled is enabled again once
   * no other session keeps it disabled, as real clocks end a disabling with the session that asked for it.
   */
  ended(owner: object, host: LanHost): void {
    if (!this.disabling.delete(owner) || this.disabling.size > 0) return;
    try {
      const answer = host.ask({ kind: 'enable' });
      this.log.info(
        { ok: answer.ok, problem: answer.problem },
        'LAN client that disabled the clock is gone: enabled again',
      );
    } catch (error) {
      this.log.error({ err: error }, 'LAN: enabling the clock after its disabling client left failed');
    }
  }

  sweep(): void {
    this.slots.sweep();
    this.refusals.flush();
  }

  close(): void {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.refusals.flush(true);
  }
}
