// The LAN port's client slots: who holds one, and who gives it up when a newcomer finds them all taken —
// first a client that never said CONNECT, then one that never authenticated, then the longest-silent
// authenticated one (if silent long enough); a host already waiting on many is refused more. Deadlines
// drop the silent and the unauthenticated.
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
      let pending = 0;
      for (const s of this.slots) if (s.address === slot.address && s.stage() !== 'authed') pending++;
      if (pending >= this.limits.maxPendingPerAddress) return false;
      const victim = this.victim(this.slots);
      if (victim === undefined) return false;
      this.evict(victim, `its slot went to ${slot.label} (${this.limits.maxClients} clients at most)`);
    }
    this.slots.add(slot);
    return true;
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

  /** The lowest stage first, and within a stage the longest silent; an authenticated one only if idle long enough. */
  private victim(among: Iterable<Slot>): Slot | undefined {
    const now = this.now();
    let best: Slot | undefined;
    for (const slot of among) {
      const stage = slot.stage();
      if (stage === 'authed' && now - slot.lastSeen < this.limits.evictIdleMs) continue;
      if (best === undefined) best = slot;
      else {
        const rank = RANK[stage] - RANK[best.stage()];
        if (rank < 0 || (rank === 0 && slot.lastSeen < best.lastSeen)) best = slot;
      }
    }
    return best;
  }
}
