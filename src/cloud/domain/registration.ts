// Which clocks the cloud knows and how each proves who it is: registering a clock issues its device key;
// an unknown serial number waits as pending (bounded) until an admin accepts it, or, with auto-register,
// is registered at once up to a bound. The key is shown once (to the admin, or to the clock's first
// handshake); only its hash is kept.
import crypto from 'node:crypto';
import type { Logger } from '../../log.js';
import { tokenHash } from './passwords.js';
import type { CloudStore } from '../db/index.js';
import type { ClockAuth, PendingClock } from '../types.js';
import { Audit, CLOUD_ACTOR, type Actor } from './audit.js';

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
  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly options: RegistrationOptions,
    readonly audit: Audit = new Audit(store, now),
    /** Who the changes made through this object are recorded as (see by()). */
    readonly actor: Actor = CLOUD_ACTOR,
    /** Shared by every actor's view: one count of dropped serial numbers. */
    private readonly dropped: { count: number } = { count: 0 },
  ) {}

  /** Unknown serial numbers dropped from the full pending list since start. */
  get pendingDropped(): number {
    return this.dropped.count;
  }

  /** The same operations, recorded in the audit log as made by `actor`. */
  by(actor: Actor): ClockRegistry {
    return new ClockRegistry(this.store, this.now, this.log, this.options, this.audit, actor, this.dropped);
  }

  private record(sn: string, action: string, after?: unknown): void {
    this.audit.record(this.actor, { kind: 'clock', subject: sn, action, after });
  }

  /** Registers a clock (a known one keeps its name, auth and key); a pending one stops waiting. */
  register(clock: NewClock, action = 'registered'): Registered {
    return this.store.transaction(() => {
      const name = clock.name ?? clock.sn;
      const created = this.store.clocks.register(clock.sn, name, this.now());
      this.store.pendingClocks.remove(clock.sn);
      if (!created) return { created };
      const auth = clock.auth === 'serial' ? 'serial number only' : 'device key';
      this.record(clock.sn, action, { sn: clock.sn, name, auth });
      if (clock.auth === 'serial') return { created };
      return { created, key: this.newKey(clock.sn, clock.deliver ?? true) };
    });
  }

  /** register(), and a clock already known takes the name given (the API's registration renames). */
  registerNamed(clock: NewClock): Registered {
    return this.store.transaction(() => {
      const before = this.store.clocks.get(clock.sn, 0, 0)?.name;
      const registered = this.register(clock);
      if (!registered.created && clock.name !== undefined && clock.name !== before) {
        this.store.clocks.rename(clock.sn, clock.name);
        this.audit.record(this.actor, {
          kind: 'clock',
          subject: clock.sn,
          action: 'renamed',
          before: { name: before },
          after: { name: clock.name },
        });
      }
      return registered;
    });
  }

  /** A new device key for a registered clock: the old one stops working at once. */
  issueKey(sn: string, deliver: boolean): string | undefined {
    return this.store.transaction(() => {
      const key = this.newKey(sn, deliver);
      if (key !== undefined)
        this.record(sn, `new device key issued (${deliver ? 'its next handshake takes it' : 'entered on the clock'})`);
      return key;
    });
  }

  private newKey(sn: string, deliver: boolean): string | undefined {
    const key = generateDeviceKey();
    return this.store.deviceKeys.setKey(sn, tokenHash(key), deliver ? key : undefined) ? key : undefined;
  }

  serialOnly(sn: string): boolean {
    return this.store.transaction(() => {
      const done = this.store.deviceKeys.setSerialOnly(sn);
      if (done) this.record(sn, 'set to prove itself by its serial number alone (no device key)');
      return done;
    });
  }

  /** An admin accepts a pending clock: registered with a key its next handshake takes. */
  accept(sn: string, name?: string): Registered | undefined {
    return this.store.transaction(() => {
      if (!this.store.pendingClocks.remove(sn)) return undefined;
      return this.register({ sn, ...(name === undefined ? {} : { name }) }, 'accepted from the pending clocks');
    });
  }

  reject(sn: string): boolean {
    return this.store.transaction(() => {
      const done = this.store.pendingClocks.remove(sn);
      if (done) this.record(sn, 'forgotten from the pending clocks');
      return done;
    });
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
        this.register({ sn }, 'registered on its first request (auto-register)');
        this.log.info({ sn }, 'clock registered on its first request');
        return true;
      }
      const dropped = this.store.pendingClocks.note(sn, this.now(), pendingLimit);
      if (dropped > 0) {
        // Counted, and said once per hundred: a flood of serial numbers must not become a flood of lines.
        const before = this.dropped.count;
        this.dropped.count += dropped;
        if (Math.floor(before / 100) !== Math.floor(this.dropped.count / 100) || before === 0) {
          this.log.warn(
            { dropped: this.dropped.count, limit: pendingLimit },
            'pending clocks full: the least recently heard dropped',
          );
        }
      }
      return false;
    });
  }
}
