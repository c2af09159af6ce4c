// The timeouts of a transport's requests on one timer: a wheel of buckets that one tick at a time turns,
// instead of a Node timer made and cleared for each request. A fleet's shared transport carries a thousand
// polls a second; each of them used to set a 30 s timer it nearly always cleared again.

/** How many ticks a timeout is cut into: it expires up to a tenth of itself late, never early. */
const TICKS = 10;

export class Deadlines<T> {
  private readonly tickMs: number;
  /** Ring of buckets: what was added during one tick; the bucket the turning wheel reaches again expires. */
  private readonly buckets: Set<T>[];
  private cursor = 0;
  private count = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    timeoutMs: number,
    /** Called for each entry whose time ran out (it is removed first). */
    private readonly expire: (entry: T) => void,
  ) {
    this.tickMs = Math.max(1, Math.ceil(timeoutMs / TICKS));
    // An entry added just before a tick has one tick less to go: one bucket more than the timeout's ticks,
    // so that none expires before its whole timeout.
    const ticks = Math.ceil(timeoutMs / this.tickMs);
    this.buckets = Array.from({ length: ticks + 1 }, () => new Set<T>());
  }

  /** Starts the entry's time; returns its bucket, for remove(). */
  add(entry: T): number {
    this.buckets[this.cursor]!.add(entry);
    this.count++;
    if (this.timer === undefined) this.arm();
    return this.cursor;
  }

  /** The entry ended in time (answered or failed). */
  remove(entry: T, bucket: number): void {
    if (this.buckets[bucket]?.delete(entry)) this.count--;
  }

  /** Forgets every entry and stops the timer. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const bucket of this.buckets) bucket.clear();
    this.count = 0;
  }

  private arm(): void {
    this.timer = setTimeout(this.tick, this.tickMs);
    // The requests' sockets keep the process alive while they wait, not their timeouts.
    this.timer.unref?.();
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.cursor = (this.cursor + 1) % this.buckets.length;
    const due = this.buckets[this.cursor]!;
    if (due.size > 0) {
      const expired = [...due];
      due.clear();
      this.count -= expired.length;
      for (const entry of expired) this.expire(entry);
    }
    // Nothing waiting: the wheel stops until the next add.
    if (this.count > 0) this.arm();
  };
}
