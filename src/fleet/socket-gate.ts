// The fleet's one HTTP pool with its queue in front, not inside: at most as many requests reach the transport
// as it has sockets, the others wait here as the request the clock made, nothing more. Inside the agent's
// queue a waiting request was a whole ClientRequest (headers, the body's Buffer, listeners, a promise): a
// 20,000-clock rush held ~20,000 of them while the uploads waited (BENCHMARKS.md § Fleet, memory).
import { TransportError, type PushRequest, type PushResponse, type PushTransport } from '../protocol/index.js';

interface Waiting {
  request: PushRequest;
  resolve(response: PushResponse): void;
  reject(error: unknown): void;
}

export class SocketGate implements PushTransport {
  /** Requests the transport holds now (sent, or being answered). */
  private inside = 0;
  /** First in, first let in: a clock that waited longest goes first, as in the agent's queue. */
  private readonly waiting: Waiting[] = [];
  /** Where the next one to let in stands in `waiting` (shifting a 20,000-long array at each answer is O(n)). */
  private head = 0;
  private closed = false;
  /** The most requests the transport held at once: what a test and the benchmark read. */
  peakInside = 0;
  /** The most requests waiting here at once. */
  peakWaiting = 0;

  constructor(
    private readonly transport: PushTransport,
    /** The transport's sockets (its agent's maxSockets). */
    private readonly slots: number,
  ) {}

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  request(request: PushRequest): Promise<PushResponse> {
    if (this.closed) return Promise.reject(new TransportError('closed', 'the transport is closed'));
    if (this.inside < this.slots) return this.send(request);
    return new Promise<PushResponse>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.peakWaiting = Math.max(this.peakWaiting, this.queued);
    });
  }

  /** Closes the transport; whatever still waits is told so, as the agent's queue would have been. */
  close(): void {
    this.closed = true;
    const left = this.waiting.splice(this.head);
    this.head = 0;
    this.waiting.length = 0;
    for (const w of left) w.reject(new TransportError('closed', 'the transport is closed'));
    this.transport.close();
  }

  private send(request: PushRequest): Promise<PushResponse> {
    this.inside++;
    this.peakInside = Math.max(this.peakInside, this.inside);
    let sent: Promise<PushResponse>;
    try {
      sent = this.transport.request(request);
    } catch (error) {
      sent = Promise.reject(error);
    }
    // The slot is free once the answer (or the failure) came: the next waiting request goes in then.
    return sent.finally(() => {
      this.inside--;
      this.letNextIn();
    });
  }

  private letNextIn(): void {
    const next = this.waiting[this.head];
    if (next === undefined || this.inside >= this.slots || this.closed) return;
    this.waiting[this.head++] = undefined as unknown as Waiting;
    // Compacted now and then, not at every answer: the array's front is dropped once half of it is spent.
    if (this.head > 1_024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    this.send(next.request).then(next.resolve, next.reject);
  }
}
