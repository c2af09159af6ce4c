// The link's two timers on the clock source: the next wake (a poll after Delay, or a retry after
// ErrorDelay) and the next scheduled upload (TransInterval / TransTimes). On the source, so that
// virtual time fires them in order with the firmware's own timers.
import type { ClockSource, TimerId } from '../runtime/index.js';

export class LinkTimers {
  private wakeTimer: TimerId | undefined;
  private transferTimer: TimerId | undefined;
  private onWake: () => void = () => {};
  private readonly fireWake = (): void => {
    this.wakeTimer = undefined;
    this.onWake();
  };

  constructor(private readonly source: ClockSource) {}

  hasWake(): boolean {
    return this.wakeTimer !== undefined;
  }

  /** Replaces the wake; none when `ms` is undefined. Set after every poll: it makes no closure of its own. */
  wake(ms: number | undefined, fire: () => void): void {
    this.onWake = fire;
    this.wakeTimer = this.replace(this.wakeTimer, ms, this.fireWake);
  }

  /** Replaces the scheduled upload; none when `ms` is undefined. */
  transfer(ms: number | undefined, fire: () => void): void {
    this.transferTimer = this.replace(this.transferTimer, ms, () => {
      this.transferTimer = undefined;
      fire();
    });
  }

  clear(): void {
    this.wake(undefined, () => {});
    this.transfer(undefined, () => {});
  }

  private replace(current: TimerId | undefined, ms: number | undefined, fire: () => void): TimerId | undefined {
    if (current !== undefined) this.source.clearTimeout(current);
    return ms === undefined ? undefined : this.source.setTimeout(fire, ms);
  }
}
