// Where time comes from: the host's wall clock, or a virtual clock that tests and scenarios advance,
// firing every due timer in order. The xstate actor and the runtime's own timers both use it.
import { codedRangeError } from '../errors.js';

export type TimerId = number;

export interface ClockSource {
  readonly kind: 'real' | 'virtual';
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/**
 * Wall time from a chosen start, as is or N times faster: `start + (Date.now() - origin) * speed`. A fleet
 * and the cloud process it starts both compute it from the same numbers, so they read the same time.
 */
export interface TimeScale {
  /** What the source reads (UTC ms) at wall time `origin`. */
  start: number;
  /** Wall time (ms since the epoch) at which the source reads `start`. */
  origin: number;
  /** How many source milliseconds pass per wall millisecond (1 = real time). */
  speed: number;
}

/** The source's time at this wall time: shared by ScaledClockSource and hosts that only need `now`. */
export function scaledTime(scale: TimeScale, wallNow: number): number {
  return scale.start + (wallNow - scale.origin) * scale.speed;
}

/** Real timers on a scaled wall clock: one source (and Node's one timer list) for every clock of a fleet. */
export class ScaledClockSource implements ClockSource {
  readonly kind = 'real';
  private readonly timers = new Map<TimerId, NodeJS.Timeout>();
  private nextId = 1;

  constructor(readonly scale: TimeScale) {
    if (!(scale.speed > 0)) throw codedRangeError('TC_ERR_CLOCK_OPTIONS', `speed must be above 0, got ${scale.speed}`);
  }

  now(): number {
    return scaledTime(this.scale, Date.now());
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        fn();
      },
      Math.max(0, ms) / this.scale.speed,
    );
    // A clock left open must not keep a test process alive; a CLI keeps itself alive by its I/O.
    timer.unref();
    this.timers.set(id, timer);
    return id;
  }

  clearTimeout(id: TimerId): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }
}

/** The host's wall clock: a scale of 1 from the epoch. */
export class RealClockSource extends ScaledClockSource {
  constructor() {
    super({ start: 0, origin: 0, speed: 1 });
  }
}

interface VirtualTimer {
  id: TimerId;
  at: number;
  fn: () => void;
}

export class VirtualClockSource implements ClockSource {
  readonly kind = 'virtual';
  private time: number;
  /** Due time order, then creation order: timers due together fire in the order they were set. */
  private queue: VirtualTimer[] = [];
  private nextId = 1;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.at > timer.at) i--;
    this.queue.splice(i, 0, timer);
    return timer.id;
  }

  clearTimeout(id: TimerId): void {
    const i = this.queue.findIndex((t) => t.id === id);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** Moves time forward by ms, firing each timer at its own due time, timers they set included. */
  advance(ms: number): void {
    if (!(ms >= 0))
      throw codedRangeError('TC_ERR_CLOCK_INPUT', `advance: "ms" must be a non-negative number, got ${ms}`);
    const end = this.time + ms;
    for (let next = this.queue[0]; next !== undefined && next.at <= end; next = this.queue[0]) {
      this.queue.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }

  /** Time until the next timer, or undefined when none is set. */
  nextDueIn(): number | undefined {
    const next = this.queue[0];
    return next === undefined ? undefined : next.at - this.time;
  }

  pendingTimers(): number {
    return this.queue.length;
  }
}
