// The drain at the end of a fleet run: a backlog still going up is waited for (each acknowledgement gives
// the clocks the window again), a stalled one ends after the window. Time is faked: nothing sleeps.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { FleetClock } from '../../src/fleet/fleet-clock.js';
import { drain } from '../../src/fleet/run-wait.js';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

/** A clock with `pending` punches; the options make the window 2 × (30 + 10) s of clock time. */
function clockWith(pending: { count: number }): FleetClock {
  const link = { whenIdle: () => Promise.resolve(), status: () => ({ options: { errorDelay: 30, delay: 10 } }) };
  return {
    link,
    get pendingCount() {
      return pending.count;
    },
  } as unknown as FleetClock;
}

/** Runs the drain to its end on fake time (vi.useFakeTimers fakes performance too); the fake ms it took. */
async function timed(clocks: FleetClock[], speed: number, each?: (ms: number) => void): Promise<number> {
  let done = false;
  const start = performance.now();
  const draining = drain(clocks, speed).then(() => (done = true));
  while (!done) {
    await vi.advanceTimersByTimeAsync(50);
    each?.(performance.now() - start);
  }
  await draining;
  return performance.now() - start;
}

it('waits for a backlog that keeps going up, past the window, until the last punch is acknowledged', async () => {
  const pending = { count: 4 };
  // Speed 16: the window is 80 s / 16 = 5 s; one punch acknowledged every 4 s, the last at 16 s.
  const fakeMs = await timed(
    [clockWith(pending)],
    16,
    (ms) => (pending.count = Math.max(0, 4 - Math.floor(ms / 4_000))),
  );
  expect(pending.count).toBe(0);
  expect(fakeMs).toBeGreaterThanOrEqual(16_000);
  expect(fakeMs).toBeLessThan(16_200);
});

it('ends a stalled backlog one window after the last acknowledgement', async () => {
  const pending = { count: 2 };
  const fakeMs = await timed([clockWith(pending)], 16, (ms) => (pending.count = ms < 3_000 ? 2 : 1));
  expect(pending.count).toBe(1);
  // Acknowledged at 3 s; then nothing for the 5 s window.
  expect(fakeMs).toBeGreaterThanOrEqual(8_000);
  expect(fakeMs).toBeLessThan(8_200);
});
