// What the panel needs of the cloud: where it is, whether it answers, and the break / restore switch.
// Small on purpose: today the switch only tells the firmware (clock.setCloud); the cloud-sync issue
// supplies a control backed by the real link (and the embedded cloud's fault injection) instead.
import type { Clock } from '../runtime/index.js';

export interface CloudStatus {
  /** The server answers: the panel's button then offers to break it. */
  reachable: boolean;
  /** One short phrase for the panel, e.g. `answering`, `not answering`, `HTTP 500`. */
  detail: string;
  /** False when the server's TransFlag leaves out AttLog, so punches stay on the clock; absent when unknown. */
  attendanceUpload?: boolean;
}

export interface CloudControl {
  /** `embedded`, `none` or the server's URL, as configured. */
  readonly target: string;
  status(): CloudStatus;
  /** The simulator's switch: make the server stop answering, or answer again. */
  setReachable(reachable: boolean): void;
  /** Called whenever status() changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/**
 * The stand-in until sync lands: no connection is made, and the switch drives the firmware's cloud
 * region directly. It starts unreachable, as the firmware does, so the cloud icon shows its red dot.
 */
export function manualCloud(clock: Clock, target: string): CloudControl {
  let reachable = false;
  const listeners = new Set<() => void>();
  return {
    target,
    status: () => ({ reachable, detail: reachable ? 'answering (simulated)' : 'not answering' }),
    setReachable(next) {
      reachable = next;
      clock.setCloud(next);
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
