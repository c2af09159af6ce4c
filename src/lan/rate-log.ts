// Refused packets logged at a bounded rate: a few lines per kind of refusal in each window, then one
// line that counts the rest ("412 more refused in the last minute"), so a flood never writes megabytes.
import type { Logger } from '../log.js';

export interface RateLogOptions {
  log: Logger;
  /** Lines written per kind in one window before the rest are only counted. */
  linesPerWindow: number;
  windowMs: number;
  /** Monotonic milliseconds (injected: the tests move it by hand). */
  now: () => number;
}

interface Window {
  started: number;
  written: number;
  suppressed: number;
}

export class RateLog {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: RateLogOptions) {}

  /**
   * One refusal of kind `kind`: written while the window has room, else counted. A window that ended
   * is summed up (on the next refusal or the next `flush`) before the new one starts.
   */
  refused(kind: string, fields: Record<string, unknown>, message: string): void {
    const now = this.options.now();
    let window = this.windows.get(kind);
    if (window !== undefined && now - window.started >= this.options.windowMs) {
      this.summarise(kind, window);
      window = undefined;
    }
    if (window === undefined) {
      window = { started: now, written: 0, suppressed: 0 };
      this.windows.set(kind, window);
    }
    if (window.written < this.options.linesPerWindow) {
      window.written++;
      this.options.log.warn({ ...fields, refusal: kind }, message);
    } else window.suppressed++;
  }

  /** Sums up every window that has ended; the listener calls it on its sweep, so a count is never kept back. */
  flush(all = false): void {
    const now = this.options.now();
    for (const [kind, window] of this.windows) {
      if (all || now - window.started >= this.options.windowMs) {
        this.summarise(kind, window);
        this.windows.delete(kind);
      }
    }
  }

  private summarise(kind: string, window: Window): void {
    if (window.suppressed === 0) return;
    const seconds = Math.round(this.options.windowMs / 1000);
    const span = seconds === 60 ? 'the last minute' : `the last ${seconds} s`;
    this.options.log.warn(
      { refusal: kind, suppressed: window.suppressed },
      `${window.suppressed} more refused in ${span} (${kind})`,
    );
  }
}
