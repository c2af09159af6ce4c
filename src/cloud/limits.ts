// Floods kept cheap. An address that keeps being refused without proving who it is (401s, unknown serial
// numbers, bodies too large…) is cut off at the socket for the rest of the window, before a byte of its
// next requests is parsed; an answer given before a request's body was read closes the connection, so the
// rest of a 60 MB body is never read; PUSH bodies read at once share one byte budget, and one address reads
// only a few large ones at once. A body refused after it was read (chunked, no length to refuse it on) weighs the bytes
// it cost, so that an address sending such bodies is cut off after two, its other bodies with it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { LogLimiter } from './log-limit.js';

export interface FloodLimits {
  /** Refusals of callers without an identity, per address and window, before the address is cut off. */
  refusalsPerWindow: number;
  /** The window of refusalsPerWindow, ms of the host's wall clock (a transport concern, like timeouts). */
  windowMs: number;
  /** Addresses counted at most (past it the oldest window's counts are forgotten): the table stays small. */
  maxAddresses: number;
  /** Bytes of PUSH bodies being read at once, all clocks together; past it a body is refused with 503. */
  bodyBytesInFlight: number;
  /** Large PUSH bodies one address sends at once; past it one is refused (503) before a byte of it is read. */
  bodiesPerAddress: number;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  refusalsPerWindow: 200,
  windowMs: 10_000,
  maxAddresses: 10_000,
  bodyBytesInFlight: 32 * 2 ** 20,
  // A clock sends one request at a time: four is a few clocks behind one router uploading at once.
  bodiesPerAddress: 4,
};

/** Per-address counts of refusals in fixed windows; an address past the limit is blocked until the window ends. */
export class RefusalLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private readonly counts = new Map<string, number>();
  private readonly blocked = new Set<string>();
  /** Connections and requests cut since the start (for the log and the tests). */
  cut = 0;

  constructor(
    private readonly limits: FloodLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Counts a refusal of `address` (`weight`: what it cost, in ordinary refusals); true when this one
   * crossed the limit (the address is now blocked).
   */
  refused(address: string, weight = 1): boolean {
    this.roll();
    if (!this.counts.has(address) && this.counts.size >= this.limits.maxAddresses) this.counts.clear();
    const before = this.counts.get(address) ?? 0;
    this.counts.set(address, before + weight);
    if (before <= this.limits.refusalsPerWindow && before + weight > this.limits.refusalsPerWindow) {
      this.blocked.add(address);
      return true;
    }
    return false;
  }

  isBlocked(address: string | undefined): boolean {
    if (address === undefined || this.blocked.size === 0) return false;
    this.roll();
    return this.blocked.has(address);
  }

  private roll(): void {
    const at = this.now();
    if (at - this.windowStart < this.limits.windowMs) return;
    this.windowStart = at;
    this.counts.clear();
    this.blocked.clear();
  }
}

/** Bytes of bodies being read at once; a body that would pass the budget is refused instead of buffered. */
export class ByteBudget {
  private used = 0;

  constructor(private readonly limit: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Large PUSH bodies being read at once, per address. */
export class BodyGate {
  private readonly open = new Map<string, number>();

  constructor(private readonly perAddress: number) {}

  /** True when `address` may send one more body now (then `leave` once it is read or refused). */
  enter(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.perAddress) return false;
    this.open.set(address, count + 1);
    return true;
  }

  leave(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}

/** Bytes of a refused body the server read before refusing it: they weigh on its sender's count. */
const refusedBytes = new WeakMap<IncomingMessage, number>();

export function noteRefusedBytes(request: IncomingMessage, bytes: number): void {
  refusedBytes.set(request, bytes);
}

/** An ordinary refusal per this many bytes read: a chunked 4 MiB body refused weighs 128 more. */
const BYTES_PER_REFUSAL = 32 * 1024;

/** A refusal the caller could have caused on purpose, and that proves nothing of who the caller is. */
function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 404 && status !== 409;
}

/** A body too large cost the server megabytes read before it was refused: it counts as many refusals. */
const WEIGHT: Record<number, number> = { 413: 10 };

/**
 * Installs the limiter on a server: blocked addresses are dropped at connection and at each request of a
 * kept-alive connection; refusals of callers without an identity are counted; an answer that leaves a
 * body unread closes the connection.
 */
export function installFloodGuard(app: FastifyInstance, limiter: RefusalLimiter, log: LogLimiter): void {
  app.server.on('connection', (socket: Socket) => {
    if (limiter.isBlocked(socket.remoteAddress)) {
      limiter.cut++;
      socket.destroy();
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!limiter.isBlocked(request.ip)) return;
    limiter.cut++;
    reply.hijack();
    request.raw.socket.destroy();
  });
  app.addHook('onSend', async (request, reply) => {
    // Node would read (and throw away) the rest of the body to keep the connection: closing it costs less.
    if (!request.raw.complete) reply.header('connection', 'close');
    const weight =
      (WEIGHT[reply.statusCode] ?? 1) + Math.floor((refusedBytes.get(request.raw) ?? 0) / BYTES_PER_REFUSAL);
    if (isRefusal(reply.statusCode) && !hasIdentity(request) && limiter.refused(request.ip, weight)) {
      log.warn('address cut off', { address: request.ip }, 'an address refused too often is cut off for a while');
    }
  });
}

function hasIdentity(request: FastifyRequest): boolean {
  return (request as { identity?: unknown }).identity !== undefined;
}
