// Warnings that anyone on the network can cause (unknown serial numbers, rejected lines, refused LAN
// packets) kept to a few lines per kind in each window: the first ones of a window are written, the rest
// counted, and the count is written when the window ends ("4,990 more like this in the last minute"), or
// at close. A flood then costs the disk a few lines, and nothing is hidden: the count says how much there
// was. KindWindows keeps the counts; the cloud's LogLimiter and the LAN's RateLog say them each their way.
import type { Logger } from './log.js';

/** A window that ended with lines counted instead of written. */
export interface Suppressed {
  kind: string;
  count: number;
  /** The fields and message of the last line counted: the summary may show one example. */
  last?: { fields: object; message: string };
}

interface KindState {
  started: number;
  written: number;
  suppressed: number;
  last?: { fields: object; message: string };
}

/** A window per kind of line; `summarise` is told of each window that ended with lines counted. */
export class KindWindows {
  private readonly kinds = new Map<string, KindState>();

  constructor(
    private readonly perWindow: number,
    readonly windowMs: number,
    private readonly now: () => number,
    private readonly summarise: (suppressed: Suppressed) => void,
  ) {}

  /** One line of `kind`: true when it is to be written, false when it was counted instead. */
  take(kind: string, line?: { fields: object; message: string }): boolean {
    const at = this.now();
    let state = this.kinds.get(kind);
    if (state !== undefined && at - state.started >= this.windowMs) {
      this.end(kind, state);
      state = undefined;
    }
    if (state === undefined) {
      state = { started: at, written: 0, suppressed: 0 };
      this.kinds.set(kind, state);
    }
    if (state.written < this.perWindow) {
      state.written++;
      return true;
    }
    state.suppressed++;
    if (line !== undefined) state.last = line;
    return false;
  }

  /** Sums up every window that has ended (every window, with `all`), so that a count is never kept back. */
  flush(all = false): void {
    const at = this.now();
    for (const [kind, state] of this.kinds) {
      if (!all && at - state.started < this.windowMs) continue;
      this.end(kind, state);
      this.kinds.delete(kind);
    }
  }

  /** Whether a count waits for its window to end. */
  pending(): boolean {
    return [...this.kinds.values()].some((state) => state.suppressed > 0);
  }

  private end(kind: string, state: KindState): void {
    if (state.suppressed === 0) return;
    this.summarise({ kind, count: state.suppressed, ...(state.last === undefined ? {} : { last: state.last }) });
  }
}

export interface LogLimits {
  /** Lines of one kind written per window; the rest are counted. */
  perWindow: number;
  windowMs: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { perWindow: 10, windowMs: 60_000 };

/** The cloud's warnings: a count waiting for its window's end is written then, even if no line follows. */
export class LogLimiter {
  private readonly windows: KindWindows;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    now: () => number,
    limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {
    const minutes = limits.windowMs / 60_000;
    const window = minutes === 1 ? 'the last minute' : `the last ${minutes} minutes`;
    this.windows = new KindWindows(limits.perWindow, limits.windowMs, now, ({ kind, count, last }) =>
      log.warn(
        { ...last?.fields, kind, more: count },
        `${count.toLocaleString('en')} more like this in ${window}: ${last?.message ?? kind}`,
      ),
    );
  }

  warn(kind: string, fields: object, message: string): void {
    if (this.windows.take(kind, { fields, message })) this.log.warn(fields, message);
    else this.schedule();
  }

  /** Writes the counts still pending (the cloud's close, so that a count is never lost). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.windows.flush(true);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.windows.flush();
      if (this.windows.pending()) this.schedule();
    }, this.windows.windowMs);
    this.timer.unref();
  }
}
