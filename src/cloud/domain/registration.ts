// Which clocks the cloud knows and how each proves who it is: registering a clock issues its device key;
// an unknown serial number waits as pending (bounded) until an admin accepts it, or, with auto-register,
// is registered at once up to a bound. The key is shown once (to the admin, or to the clock's first
// handshake); only its hash is kept.
import crypto from 'node:crypto';
import type { Logger } from '../../log.js';
import { tokenHash } from './passwords.js';
import type { CloudStore } from '../db/index.js';
import type { ClockAuth, PendingClock } from '../types.js';

export interface RegistrationOptions {
  /** Unknown serial numbers are registered on their first request (tests, development, fleets). */
  autoRegister: boolean;
  /** Auto-registration stops once the cloud holds this many clocks; later ones wait as pending. */
  autoRegisterLimit: number;
  /** At most this many unknown serial numbers wait; the least recently heard ones make room. */
  pendingLimit: number;
}

export const DEFAULT_REGISTRATION: Omit<RegistrationOptions, 'autoRegister'> = {
  autoRegisterLimit: 20_000,
  pendingLimit: 1_000,
};

export interface NewClock {
  sn: string;
  name?: string;
  /** `serial`: a plain PUSH clock that cannot carry a key, as the admin allows (default `key`). */
  auth?: ClockAuth;
  /** Offer the key to the clock's next handshake (default true); false: the key is entered on the clock. */
  deliver?: boolean;
}

export interface Registered {
  created: boolean;
  /** The new clock's device key, given once; undefined for a clock already known or a serial-only one. */
  key?: string;
}

/** A device key: `dk_` and 24 random bytes in base64url. */
export function generateDeviceKey(): string {
  return `dk_${crypto.randomBytes(24).toString('base64url')}`;
}

export class ClockRegistry {
  /** Unknown serial numbers dropped from the full pending list since start. */
  pendingDropped = 0;

  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly options: RegistrationOptions,
  ) {}

  /** Registers a clock (a known one keeps its name, auth and key); a pending one stops waiting. */
  register(clock: NewClock): Registered {
    return this.store.transaction(() => {
      const created = this.store.clocks.register(clock.sn, clock.name ?? clock.sn, this.now());
      this.store.pendingClocks.remove(clock.sn);
      if (!created) return { created };
      if (clock.auth === 'serial') return { created };
      return { created, key: this.issueKey(clock.sn, clock.deliver ?? true) };
    });
  }

  /** register(), and a clock already known takes the name given (the API's registration renames). */
  registerNamed(clock: NewClock): Registered {
    return this.store.transaction(() => {
      const registered = this.register(clock);
      if (!registered.created && clock.name !== undefined) this.store.clocks.rename(clock.sn, clock.name);
      return registered;
    });
  }

  /** A new device key for a registered clock: the old one stops working at once. */
  issueKey(sn: string, deliver: boolean): string | undefined {
    const key = generateDeviceKey();
    return this.store.deviceKeys.setKey(sn, tokenHash(key), deliver ? key : undefined) ? key : undefined;
  }

  serialOnly(sn: string): boolean {
    return this.store.deviceKeys.setSerialOnly(sn);
  }

  /** An admin accepts a pending clock: registered with a key its next handshake takes. */
  accept(sn: string, name?: string): Registered | undefined {
    if (!this.store.transaction(() => this.store.pendingClocks.remove(sn))) return undefined;
    return this.register({ sn, ...(name === undefined ? {} : { name }) });
  }

  reject(sn: string): boolean {
    return this.store.pendingClocks.remove(sn);
  }

  pending(limit: number): { clocks: PendingClock[]; total: number; limit: number; dropped: number } {
    const { pendingClocks } = this.store;
    return {
      clocks: pendingClocks.list(limit),
      total: pendingClocks.count(),
      limit: this.options.pendingLimit,
      dropped: this.pendingDropped,
    };
  }

  /**
   * A request from a serial number no clock has: registered (auto-register, under its bound), or noted
   * as pending. True when it is now registered.
   */
  unknown(sn: string): boolean {
    const { autoRegister, autoRegisterLimit, pendingLimit } = this.options;
    return this.store.transaction(() => {
      if (autoRegister && this.store.clocks.count() < autoRegisterLimit) {
        this.register({ sn });
        this.log.info({ sn }, 'clock registered on its first request');
        return true;
      }
      const dropped = this.store.pendingClocks.note(sn, this.now(), pendingLimit);
      if (dropped > 0) {
        // Counted, and said once per hundred: a flood of serial numbers must not become a flood of lines.
        const before = this.pendingDropped;
        this.pendingDropped += dropped;
        if (Math.floor(before / 100) !== Math.floor(this.pendingDropped / 100) || before === 0) {
          this.log.warn(
            { dropped: this.pendingDropped, limit: pendingLimit },
            'pending clocks full: the least recently heard dropped',
          );
        }
      }
      return false;
    });
  }
}
