// When the store cannot write (the data volume is full, read-only, or failing): the clock keeps what it
// stored, refuses the punch on its screen, and tries again at the next one. A port's write signals it
// with a marker field on the error it throws, which the effects turn into a `store.failed` event.
import type { Punch } from './punches.js';
import type { ClockSettings } from './settings.js';

/** full: no space left; read-only: the volume or file refuses writes; failed: the disk answers errors. */
export type StoreFault = 'full' | 'read-only' | 'failed';

/** What was being written when the store failed. */
export type StoreWrite = 'punch' | 'operation' | 'settings' | 'user' | 'template' | 'lan';

/** The error a port's write throws for a store fault (see src/store/faults.ts); other errors are bugs. */
export interface StoreFaultError extends Error {
  readonly storeFault: StoreFault;
}

export function storeFaultOf(error: unknown): StoreFault | undefined {
  const fault = (error as { storeFault?: unknown } | null | undefined)?.storeFault;
  return fault === 'full' || fault === 'read-only' || fault === 'failed' ? fault : undefined;
}

/** The screen's words for a fault, as real clocks put it. */
export const STORE_FAULT_TITLES: Record<StoreFault, string> = {
  full: 'Memory full',
  'read-only': 'Memory read-only',
  failed: 'Memory error',
};

/** The `store.failed` event an effect sends itself when a write met a store fault. */
export interface StoreFailedEvent {
  type: 'store.failed';
  what: StoreWrite;
  fault: StoreFault;
  /** The store's own words (SQLite's message), for the log. */
  detail: string;
  /** The punch that was not stored, when it was one. */
  punch?: Punch;
  /** The settings in force before a refused save: the clock goes back to them. */
  previousSettings?: ClockSettings;
}

/**
 * Runs a write; a store fault is sent back as `store.failed` (the machine decides what the screen says)
 * and false returned. Any other error is a bug and goes on to the watchdog.
 */
export function tryWrite(
  send: (event: StoreFailedEvent) => void,
  what: StoreWrite,
  write: () => void,
  punch?: Punch,
): boolean {
  try {
    write();
    return true;
  } catch (error) {
    const fault = storeFaultOf(error);
    if (fault === undefined) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    send({ type: 'store.failed', what, fault, detail, ...(punch === undefined ? {} : { punch }) });
    return false;
  }
}
