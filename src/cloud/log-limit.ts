// Warnings that anyone on the network can cause (unknown serial numbers, rejected lines, addresses cut
// off) kept to a few lines a minute per kind: the first ones of a window are written, the rest counted,
// and the count is written when the window ends ("4,990 more like this in the last minute"), or at close.
// A flood then costs the disk a few lines, and nothing is hidden: the count says how much there was.
import type { Logger } from '../log.js';

export interface LogLimits {
  /** Lines of one kind written per window; the rest are counted. */
  perWindow: number;
  windowMs: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { perWindow: 10, windowMs: 60_000 };

interface KindState {
  windowStart: number;
  written: number;
  suppressed: number;
  /** The fields and message of the last suppressed line: the summary shows one example. */
  last?: { fields: object; message: string };
}

export class LogLimiter {
  private readonly kinds = new Map<string, KindState>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  warn(kind: string, fields: object, message: string): void {
    const at = this.now();
    let state = this.kinds.get(kind);
    if (state !== undefined && at - state.windowStart >= this.limits.windowMs) {
      this.summarise(kind, state);
      state = undefined;
    }
    if (state === undefined) {
      state = { windowStart: at, written: 0, suppressed: 0 };
      this.kinds.set(kind, state);
    }
    if (state.written < this.limits.perWindow) {
      state.written++;
      this.log.warn(fields, message);
      return;
    }
    state.suppressed++;
    state.last = { fields, message };
    this.schedule();
  }

  /** Writes the counts still pending (the cloud's close, so that a count is never lost). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const [kind, state] of this.kinds) this.summarise(kind, state);
    this.kinds.clear();
  }

  private summarise(kind: string, state: KindState): void {
    if (state.suppressed === 0) return;
    const minutes = this.limits.windowMs / 60_000;
    const window = minutes === 1 ? 'the last minute' : `the last ${minutes} minutes`;
    this.log.warn(
      { ...state.last?.fields, kind, more: state.suppressed },
      `${state.suppressed.toLocaleString('en')} more like this in ${window}: ${state.last?.message ?? kind}`,
    );
    state.suppressed = 0;
  }

  /** A count waiting for a window's end is written then even if no line of its kind follows. */
  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const at = this.now();
      for (const [kind, state] of this.kinds) {
        if (at - state.windowStart < this.limits.windowMs) continue;
        this.summarise(kind, state);
        this.kinds.delete(kind);
      }
      if ([...this.kinds.values()].some((s) => s.suppressed > 0)) this.schedule();
    }, this.limits.windowMs);
    this.timer.unref();
  }
}
