// Refused packets logged at a bounded rate: a few lines per kind of refusal in each window, then one
// line that counts the rest ("412 more refused in the last minute"), so a flood never writes megabytes.
// The counting is src/log-limit.ts's, shared with the cloud's warnings; the words are the LAN's.
import type { Logger } from '../log.js';
import { KindWindows } from '../log-limit.js';

export interface RateLogOptions {
  log: Logger;
  /** Lines written per kind in one window before the rest are only counted. */
  linesPerWindow: number;
  windowMs: number;
  /** Monotonic milliseconds (injected: the tests move it by hand). */
  now: () => number;
}

export class RateLog {
  private readonly windows: KindWindows;

  constructor(private readonly options: RateLogOptions) {
    const seconds = Math.round(options.windowMs / 1000);
    const span = seconds === 60 ? 'the last minute' : `the last ${seconds} s`;
    this.windows = new KindWindows(options.linesPerWindow, options.windowMs, options.now, ({ kind, count }) =>
      options.log.warn({ refusal: kind, suppressed: count }, `${count} more refused in ${span} (${kind})`),
    );
  }

  /**
   * One refusal of kind `kind`: written while the window has room, else counted. A window that ended
   * is summed up (on the next refusal or the next `flush`) before the new one starts.
   */
  refused(kind: string, fields: Record<string, unknown>, message: string): void {
    if (this.windows.take(kind)) this.options.log.warn({ ...fields, refusal: kind }, message);
  }

  /** Sums up every window that has ended; the listener calls it on its sweep, so a count is never kept back. */
  flush(all = false): void {
    this.windows.flush(all);
  }
}
