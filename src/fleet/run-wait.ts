// The fleet's waits: powering the clocks on spread over the profile's window, the warm-up until each is
// online with its roster (time held at the start), the run's end on its time source, and the drain of the
// backlog after it.
import type { ClockSource } from '../runtime/index.js';
import type { FleetClock } from './fleet-clock.js';

/**
 * Calls `start` for each index, the i-th of `total` at i / total of `spreadMs` (wall time): the herd of a
 * fleet switched on together, at the density the profile asks for at this speed. Stops early on abort.
 */
export async function spreadOut(
  indices: readonly number[],
  total: number,
  spreadMs: number,
  start: (index: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const t0 = performance.now();
  for (const index of indices) {
    const wait = (index / total) * spreadMs - (performance.now() - t0);
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (signal?.aborted) return;
    start(index);
  }
}

/**
 * Until every clock has handshaken and taken what the cloud holds for it (or failed trying: a failure
 * retries after ErrorDelay, which waits for the gate), or the run is stopped. The clocks that made it.
 */
export async function warmUp(clocks: readonly FleetClock[], signal: AbortSignal | undefined): Promise<Set<FleetClock>> {
  const ready = new Set<FleetClock>();
  const all = Promise.allSettled(
    clocks.map((clock) => clock.link.whenIdle().then(() => clock.clock.cloudUp() && ready.add(clock))),
  );
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([all, aborted]);
  return ready;
}

export function untilEnd(source: ClockSource, end: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = source.setTimeout(finish, Math.max(0, end - source.now()));
    // The source's timers do not keep the process alive; the run must.
    const keepAlive = setInterval(() => {}, 1 << 30);
    function finish(): void {
      source.clearTimeout(timer);
      clearInterval(keepAlive);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
    if (signal?.aborted) finish();
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * Waits until every punch is acknowledged, or until the clocks had time for two retries and two polls
 * (ErrorDelay and Delay in clock time) with no punch acknowledged; clocks that wait for a retry are asked
 * to go now. A backlog still going up (a large fleet, a busy machine) is waited for: each punch
 * acknowledged gives the clocks that time again, so only a stalled backlog ends the drain.
 */
export async function drain(clocks: readonly FleetClock[], speed: number): Promise<void> {
  const pendingCount = () => clocks.reduce((sum, c) => sum + c.pendingCount, 0);
  for (const clock of clocks) {
    if (clock.pendingCount > 0) clock.link.whenIdle().catch(() => {});
  }
  const options = clocks[0]?.link.status().options;
  const clockMs = 2 * ((options?.errorDelay ?? 30) + (options?.delay ?? 10)) * 1000;
  const window = Math.max(5_000, clockMs / speed);
  let left = pendingCount();
  let deadline = performance.now() + window;
  while (left > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = pendingCount();
    if (now < left) deadline = performance.now() + window;
    left = now;
  }
}
