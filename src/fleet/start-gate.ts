// The fleet's time source with a gate at the profile's start: while the clocks power on, handshake and
// take their rosters, time stands at the start (timers set meanwhile wait); once they are ready the gate
// opens and time runs on the chosen scale. So the clocks are online before the profile's first window at
// any speed, however long their start took in wall time.
import { ScaledClockSource, type ClockSource, type TimeScale } from '../runtime/index.js';
import { codedError } from '../errors.js';

type TimerId = number;

interface Waiting {
  fn: () => void;
  ms: number;
}

export class GatedClockSource implements ClockSource {
  readonly kind = 'real';
  private inner: ScaledClockSource | undefined;
  private readonly waiting = new Map<TimerId, Waiting>();
  /**
   * Our timer id → Node's timer, once the gate is open: set on Node's timers here, not through the inner
   * source's own map and closure, as every clock's poll and tick sets one (BENCHMARKS.md § Fleet).
   */
  private readonly running = new Map<TimerId, NodeJS.Timeout>();
  private nextId = 1;

  /** `held`: the time the source reads until open(); a live scale opens it at once. */
  constructor(held: number | TimeScale) {
    if (typeof held === 'number') this.heldAt = held;
    else this.open(held);
  }

  private heldAt = 0;

  get isOpen(): boolean {
    return this.inner !== undefined;
  }

  /** The scale time runs on once open; undefined while held. */
  get scale(): TimeScale | undefined {
    return this.inner?.scale;
  }

  now(): number {
    return this.inner === undefined ? this.heldAt : this.inner.now();
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    if (this.inner === undefined) this.waiting.set(id, { fn, ms });
    else this.start(id, fn, ms);
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.waiting.delete(id);
    const timer = this.running.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.running.delete(id);
  }

  /** Time runs from here on the scale; timers set while held are due their `ms` after the scale's start. */
  open(scale: TimeScale): void {
    if (this.inner !== undefined) throw codedError('TC_ERR_FLEET_GATE', 'the gate is open already');
    this.inner = new ScaledClockSource(scale);
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const [id, { fn, ms }] of waiting) this.start(id, fn, ms);
  }

  private start(id: TimerId, fn: () => void, ms: number): void {
    const timer = setTimeout(
      () => {
        this.running.delete(id);
        fn();
      },
      Math.max(0, ms) / this.inner!.scale.speed,
    );
    // As ScaledClockSource's: the run's own waits keep the process alive, not a clock's timers.
    timer.unref();
    this.running.set(id, timer);
  }
}
