// The LAN port's limits: how many clients, how long a client may stay silent or unauthenticated, how
// comm-key guessing is slowed and how often refusals are logged. Listener options override each one.
import { LOCK_SECONDS, MAX_FAILURES } from '../../firmware/index.js';
import { codedRangeError } from '../errors.js';

export interface LanLimits {
  /** Clients at once, TCP connections and UDP peers together (real clocks take a handful; SDK farms more). */
  maxClients: number;
  /**
   * When every slot is taken, a newcomer from an address that already has this many clients not yet
   * authenticated is refused: one host opening connections in a loop cannot churn everyone else's
   * slots. (With slots free, a host may connect many at once.)
   */
  maxPendingPerAddress: number;
  /** A client that has not sent a CONNECT this long after it appeared is dropped. */
  helloMs: number;
  /** A client that has not authenticated this long after it appeared is dropped (a comm key is set). */
  authMs: number;
  /** A UDP peer silent this long is forgotten (UDP has no close). A TCP session is kept: event listeners sit silent. */
  udpIdleMs: number;
  /** When every slot is taken, an authenticated client silent this long may give its slot to a newcomer. */
  evictIdleMs: number;
  /** Wrong comm keys from one address before it is locked, as the keypad locks after wrong PINs. */
  keyFailures: number;
  /** How long a lock lasts, and the window in which failures count. */
  keyLockMs: number;
  /** Wrong comm keys from all addresses together in one window before every AUTH is refused (many addresses guessing). */
  keyFailuresGlobal: number;
  /** Lines per kind of refusal in one window; the rest are counted in one line. */
  refusalLines: number;
  refusalWindowMs: number;
}

export const DEFAULT_LAN_LIMITS: Readonly<LanLimits> = {
  maxClients: 64,
  maxPendingPerAddress: 16,
  helloMs: 5_000,
  authMs: 10_000,
  udpIdleMs: 120_000,
  evictIdleMs: 10_000,
  keyFailures: MAX_FAILURES,
  keyLockMs: LOCK_SECONDS * 1000,
  keyFailuresGlobal: 6 * MAX_FAILURES,
  refusalLines: 10,
  refusalWindowMs: 60_000,
};

/** The defaults with `given` over them; a limit that is not a positive number names itself. */
export function lanLimits(given: Partial<LanLimits> = {}): LanLimits {
  const limits = { ...DEFAULT_LAN_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0)
      throw codedRangeError('TC_ERR_LAN_LIMIT', `LAN limit ${name}: ${value} is not a positive number`);
  }
  return limits;
}
