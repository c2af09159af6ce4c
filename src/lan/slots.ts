// The LAN port's client slots: who holds one, and who gives it up when a newcomer finds them all taken —
// first a client that never said CONNECT, then one that never authenticated (of the host waiting on the
// most slots first), then the longest-silent authenticated one (if silent long enough); a host already
// waiting on many is refused more. Deadlines drop the silent and the unauthenticated.
import type { LanLimits } from './limits.js';

/** How far a client got: a TCP connection or UDP peer, a CONNECT, an accepted comm key. */
export type ClientStage = 'new' | 'connected' | 'authed';

export interface Slot {
  readonly label: string;
  readonly transport: 'tcp' | 'udp';
  readonly address: string;
  readonly since: number;
  lastSeen: number;
  stage(): ClientStage;
  /** Ends the client (closes its socket, forgets its UDP peer); `why` goes into the log. */
  drop(why: string, kind: 'evicted' | 'overdue'): void;
}

type SlotLimits = Pick<
  LanLimits,
  'maxClients' | 'maxPendingPerAddress' | 'helloMs' | 'authMs' | 'udpIdleMs' | 'evictIdleMs'
>;

const RANK: Record<ClientStage, number> = { new: 0, connected: 1, authed: 2 };

export class SlotTable {
  private readonly slots = new Set<Slot>();

  constructor(
    private readonly limits: SlotLimits,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.slots.size;
  }

  /**
   * A slot for `slot`, evicting one that matters less when all are taken; false when every holder is
   * authenticated and active (the newcomer is refused, the busy clients keep theirs).
   */
  admit(slot: Slot): boolean {
    if (this.slots.size >= this.limits.maxClients) {
      // A host already waiting on many slots gets no more: opening connections in a loop, it can neither
      // churn everyone else's slots nor make the clock build a session for each connection.
      const pending = this.pendingByAddress();
      if ((pending.get(slot.address) ?? 0) >= this.limits.maxPendingPerAddress) return false;
      const victim = this.victim(pending);
      if (victim === undefined) return false;
      this.evict(victim, `its slot went to ${slot.label} (${this.limits.maxClients} clients at most)`);
    }
    this.slots.add(slot);
    return true;
  }

  /** Slots not yet authenticated, per address. */
  private pendingByAddress(): Map<string, number> {
    const pending = new Map<string, number>();
    for (const s of this.slots) if (s.stage() !== 'authed') pending.set(s.address, (pending.get(s.address) ?? 0) + 1);
    return pending;
  }

  private evict(victim: Slot, why: string): void {
    this.slots.delete(victim);
    victim.drop(why, 'evicted');
  }

  release(slot: Slot): void {
    this.slots.delete(slot);
  }

  /** A packet from the client: it is active now. */
  seen(slot: Slot): void {
    slot.lastSeen = this.now();
  }

  /** Drops the clients past a deadline: no CONNECT, no comm key, or a UDP peer gone silent. */
  sweep(): void {
    const now = this.now();
    for (const slot of [...this.slots]) {
      const why = this.overdue(slot, now);
      if (why === undefined) continue;
      this.slots.delete(slot);
      slot.drop(why, 'overdue');
    }
  }

  private overdue(slot: Slot, now: number): string | undefined {
    const stage = slot.stage();
    const age = now - slot.since;
    if (stage === 'new' && age >= this.limits.helloMs) return `no CONNECT within ${this.limits.helloMs} ms`;
    if (stage !== 'authed' && age >= this.limits.authMs) return `no comm key within ${this.limits.authMs} ms`;
    if (slot.transport === 'udp' && now - slot.lastSeen >= this.limits.udpIdleMs) {
      return `silent for ${this.limits.udpIdleMs} ms`;
    }
    return undefined;
  }

  /**
   * The lowest stage first; within a stage, a client of the host waiting on the most slots (a host
   * opening connections in a loop gives up its own before a client that has just connected from
   * elsewhere and not yet said CONNECT), then the longest silent; an authenticated one only if idle
   * long enough.
   */
  private victim(pending: Map<string, number>): Slot | undefined {
    const now = this.now();
    let best: Slot | undefined;
    let bestRank = 0;
    for (const slot of this.slots) {
      const stage = slot.stage();
      if (stage === 'authed' && now - slot.lastSeen < this.limits.evictIdleMs) continue;
      const rank = RANK[stage];
      if (best === undefined || rank < bestRank || (rank === bestRank && this.before(slot, best, pending))) {
        best = slot;
        bestRank = rank;
      }
    }
    return best;
  }

  /** Within a stage: the host waiting on more slots first, then the longer silent. */
  private before(slot: Slot, other: Slot, pending: Map<string, number>): boolean {
    const more = (pending.get(slot.address) ?? 0) - (pending.get(other.address) ?? 0);
    return more > 0 || (more === 0 && slot.lastSeen < other.lastSeen);
  }
}
