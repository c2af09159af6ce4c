// The fleet's time: one scaled wall clock that every clock of the fleet (and the embedded cloud, from the
// same numbers) reads, its timers firing after their clock-time delay divided by the speed.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { RealClockSource, ScaledClockSource, scaledTime } from '../../src/runtime/index.js';

describe('the scaled clock source', () => {
  it('reads the start at the origin and runs speed times faster after it', () => {
    const scale = { start: Date.parse('2026-03-02T07:45:00Z'), origin: 1_000_000, speed: 60 };

    expect(scaledTime(scale, 1_000_000)).toBe(scale.start);
    expect(scaledTime(scale, 1_001_000)).toBe(scale.start + 60_000);
  });

  it('fires a timer of a minute of clock time after a second of wall time at 60x', () => {
    // The host's timers and Date are vitest's fake ones: the wall second is stepped, not waited for.
    vi.useFakeTimers({ now: 1_000_000 });
    onTestFinished(() => void vi.useRealTimers());
    const source = new ScaledClockSource({ start: 0, origin: Date.now(), speed: 60 });
    const fired: number[] = [];

    source.setTimeout(() => fired.push(source.now()), 60_000);
    vi.advanceTimersByTime(999);
    const beforeTheSecond = fired.length;
    vi.advanceTimersByTime(1);

    expect(beforeTheSecond).toBe(0);
    expect(fired).toEqual([60_000]);
  });

  it('is the wall clock at a speed of 1 from the epoch', () => {
    const before = Date.now();
    const now = new RealClockSource().now();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
