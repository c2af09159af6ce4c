// What one control client is sent, kept bounded whatever the client does. Hello and replies always go
// out (the session stops reading a client's requests while it is behind, so they cannot pile up);
// events go out only while the client keeps up, and are otherwise dropped and counted. The count is
// told to the client (an `events.dropped` event) once it catches up, and a client that stays behind
// is hung up on with a `bye` line saying why.
import { encodeLine } from './control-codec.js';
import type { Link } from './types.js';

export interface OutboxLimits {
  /** Bytes queued for a client (beyond what the OS took) above which its events are dropped. */
  backlogBytes: number;
  /** Events dropped in a row after which the client is hung up on; 0: never. */
  droppedEvents: number;
  /** Milliseconds a hung-up client may take nothing before its connection is cut (its `bye` unread). */
  hangUpGraceMs: number;
}

/**
 * 256 KiB is hundreds of events, well more than one request causes (see control-hub.ts), on top of the
 * megabytes the OS buffers for a socket; 5,000 dropped events is minutes of a busy clock; 30 s is long
 * for a rig that reads, and short enough that one that never will does not hold a socket for long.
 */
export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  backlogBytes: 256 * 1024,
  droppedEvents: 5000,
  hangUpGraceMs: 30_000,
};

/*
 * The transport is handed lines only while it wants more (up to its high-water mark, 16–64 KiB); the
 * rest waits in the outbox's own queue, which holds the event buffers the hub shares between clients
 * (200 clients behind on the same events cost one copy), and which a hang-up can drop, so that the `bye`
 * goes out right after what the transport already has.
 */

export class ControlOutbox {
  private droppedInARow = 0;
  /** Events dropped since the client connected, for the bridge's client list. */
  droppedTotal = 0;
  private gone = false;
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private waitingForDrain = false;

  constructor(
    private readonly link: Link,
    private readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
  ) {}

  /** Bytes written for the client that it has not taken yet: the outbox's queue and the transport's. */
  get backlog(): number {
    return this.queuedBytes + (this.link.flow?.backlog() ?? 0);
  }

  /** True while the client has more queued than the limit: its events are dropped, its requests wait. */
  get behind(): boolean {
    return this.backlog > this.limits.backlogBytes;
  }

  get closed(): boolean {
    return this.gone;
  }

  /** A hello or a reply: always sent. */
  line(message: Record<string, unknown>): void {
    if (this.gone) return;
    this.tellDropped();
    this.send(Buffer.from(encodeLine(message)));
  }

  /** An event line, encoded once for every client (the same buffer, so a backlog shares it). */
  event(line: Uint8Array): void {
    if (this.gone) return;
    if (!this.behind) {
      this.tellDropped();
      this.send(line);
      return;
    }
    this.droppedInARow++;
    this.droppedTotal++;
    const limit = this.limits.droppedEvents;
    if (limit > 0 && this.droppedInARow >= limit && this.link.flow !== undefined) {
      this.hangUp(`fell behind: ${this.droppedInARow} events dropped while ${this.backlog} bytes waited unread`);
    }
  }

  /** Sends a `bye` line with the reason and closes the connection (where the transport can). */
  hangUp(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    // What the client never read is dropped: the bye comes right after what the transport holds.
    this.queue = [];
    this.queuedBytes = 0;
    this.link.write(encodeLine({ type: 'bye', reason }));
    this.link.flow?.hangUp(this.limits.hangUpGraceMs);
  }

  private send(bytes: Uint8Array): void {
    const flow = this.link.flow;
    if (flow === undefined || (this.queue.length === 0 && !flow.full())) {
      this.link.write(bytes);
      return;
    }
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    this.waitDrain();
  }

  private waitDrain(): void {
    if (this.waitingForDrain || this.link.flow === undefined) return;
    this.waitingForDrain = true;
    this.link.flow.onDrain(this.drained);
  }

  /** The transport took what it had: hand it the next part of the queue. */
  private readonly drained = (): void => {
    this.waitingForDrain = false;
    const flow = this.link.flow;
    if (this.gone || flow === undefined) return;
    let moved = 0;
    while (moved < this.queue.length && !flow.full()) {
      const bytes = this.queue[moved++]!;
      this.queuedBytes -= bytes.length;
      this.link.write(bytes);
    }
    this.queue = this.queue.slice(moved);
    if (this.queue.length > 0) this.waitDrain();
  };

  private tellDropped(): void {
    if (this.droppedInARow === 0) return;
    const count = this.droppedInARow;
    this.droppedInARow = 0;
    this.send(Buffer.from(encodeLine({ type: 'event', event: 'events.dropped', count })));
  }
}
