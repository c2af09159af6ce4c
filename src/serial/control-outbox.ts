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
}

/**
 * 256 KiB is hundreds of events, well more than one request causes (see control-hub.ts), on top of the
 * megabytes the OS buffers for a socket; 5,000 dropped events is minutes of a busy clock.
 */
export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { backlogBytes: 256 * 1024, droppedEvents: 5000 };

export class ControlOutbox {
  private droppedInARow = 0;
  /** Events dropped since the client connected, for the bridge's client list. */
  droppedTotal = 0;
  private gone = false;

  constructor(
    private readonly link: Link,
    private readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
  ) {}

  get backlog(): number {
    return this.link.flow?.backlog() ?? 0;
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
    this.link.write(encodeLine(message));
  }

  /** An event line, encoded once for every client. */
  event(line: string): void {
    if (this.gone) return;
    if (!this.behind) {
      this.tellDropped();
      this.link.write(line);
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
    this.link.write(encodeLine({ type: 'bye', reason }));
    this.link.flow?.hangUp();
  }

  private tellDropped(): void {
    if (this.droppedInARow === 0) return;
    const count = this.droppedInARow;
    this.droppedInARow = 0;
    this.link.write(encodeLine({ type: 'event', event: 'events.dropped', count }));
  }
}
