// The clock's real-time clock: device time is the host's time source moved by the clock's zone and
// offset, and it reaches the firmware at each minute boundary of device time (and before every input).
import { defaultSettings, type ClockSettings, type DeviceModel } from '../../firmware/index.js';
import type { ClockSource, TimerId } from './clock-source.js';

const MINUTE = 60_000;

/** The device's local time (ms of a naive local calendar). */
export function deviceTime(source: ClockSource, settings: ClockSettings): number {
  return source.now() + settings.timeZoneMinutes * MINUTE + settings.clockOffsetMs;
}

/** A clock first started in real time shows the host's local time: its factory settings in the host's zone. */
export function hostZoneSettings(model: DeviceModel): ClockSettings {
  return { ...defaultSettings(model), timeZoneMinutes: -new Date().getTimezoneOffset() };
}

/** Calls `tick` at each minute boundary of device time. */
export class MinuteTicker {
  private timer: TimerId | undefined;

  constructor(
    private readonly source: ClockSource,
    private readonly now: () => number,
    private readonly tick: () => void,
  ) {}

  /** Arms for the next boundary; again after a settings change, which moves the boundary. */
  schedule(): void {
    this.stop();
    const wait = MINUTE - (this.now() % MINUTE);
    this.timer = this.source.setTimeout(() => {
      this.timer = undefined;
      this.tick();
      this.schedule();
    }, wait);
  }

  stop(): void {
    if (this.timer !== undefined) this.source.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
