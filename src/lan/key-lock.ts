// Comm-key guessing slowed as the keypad slows PIN guessing: five wrong keys from one address lock it for
// a minute, and wrong keys from all addresses together are bounded too (many addresses guessing at once).
import type { LanLimits } from './limits.js';

type KeyLockLimits = Pick<LanLimits, 'keyFailures' | 'keyLockMs' | 'keyFailuresGlobal'>;

interface Tally {
  /** When the first failure counted now happened: failures older than a lock's length are forgotten. */
  since: number;
  failures: number;
  lockedUntil: number;
}

/** The largest number of addresses remembered: beyond it the oldest tallies go (the global bound still holds). */
const MAX_ADDRESSES = 4096;

export class KeyLock {
  private readonly tallies = new Map<string, Tally>();
  private global: Tally = { since: 0, failures: 0, lockedUntil: 0 };

  constructor(
    private readonly limits: KeyLockLimits,
    private readonly now: () => number,
  ) {}

  /** Whether an AUTH from `address` is refused without looking at the key, and until when. */
  lockedUntil(address: string): number | undefined {
    const now = this.now();
    const own = this.tallies.get(address)?.lockedUntil ?? 0;
    const until = Math.max(own, this.global.lockedUntil);
    return until > now ? until : undefined;
  }

  /** A wrong key from `address`; returns what it locked (nothing, the address, or every address). */
  failed(address: string): 'none' | 'address' | 'all' {
    const now = this.now();
    const tally = this.fresh(this.tallies.get(address), now);
    this.tallies.delete(address);
    this.tallies.set(address, tally);
    if (this.tallies.size > MAX_ADDRESSES) this.tallies.delete(this.tallies.keys().next().value!);
    this.global = this.fresh(this.global, now);
    tally.failures++;
    this.global.failures++;
    if (this.global.failures >= this.limits.keyFailuresGlobal) {
      this.global = { since: now, failures: 0, lockedUntil: now + this.limits.keyLockMs };
      return 'all';
    }
    if (tally.failures >= this.limits.keyFailures) {
      this.tallies.set(address, { since: now, failures: 0, lockedUntil: now + this.limits.keyLockMs });
      return 'address';
    }
    return 'none';
  }

  /** The right key: the address starts again from no failures, as a right PIN does at the keypad. */
  succeeded(address: string): void {
    this.tallies.delete(address);
  }

  /** A tally whose failures are older than a lock's length starts over (the lock itself runs out on its own). */
  private fresh(tally: Tally | undefined, now: number): Tally {
    if (tally === undefined) return { since: now, failures: 0, lockedUntil: 0 };
    if (now - tally.since >= this.limits.keyLockMs) return { since: now, failures: 0, lockedUntil: tally.lockedUntil };
    return tally;
  }
}
