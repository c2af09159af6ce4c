// The cloud's facts as the live pages need them: which kinds of thing changed (a clock's state, a
// command's life, punches) on which clocks, gathered into batches so that a fleet polling every few
// seconds becomes at most a few messages a second on each open page.
import type { CloudEvents } from '../domain/index.js';
import type { WebContext } from './context.js';

export type FactKind = 'clock' | 'command' | 'punch';

export interface FactBatch {
  kinds: FactKind[];
  sns: string[];
}

export interface Timers {
  /** Monotonic milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Hands facts on in batches, at most one batch per `intervalMs`: the first fact after a quiet spell goes
 * at once, the ones that follow wait for the end of the interval and go together.
 */
export class FactCoalescer {
  private kinds = new Set<FactKind>();
  private sns = new Set<string>();
  private lastSent = -Infinity;
  private timer: unknown;

  constructor(
    private readonly send: (batch: FactBatch) => void,
    private readonly intervalMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  add(kind: FactKind, sn: string): void {
    this.kinds.add(kind);
    this.sns.add(sn);
    if (this.timer !== undefined) return;
    const wait = this.lastSent + this.intervalMs - this.timers.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  close(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    if (this.kinds.size === 0) return;
    const batch: FactBatch = { kinds: [...this.kinds].sort(), sns: [...this.sns].sort() };
    this.kinds = new Set();
    this.sns = new Set();
    this.lastSent = this.timers.now();
    this.send(batch);
  }
}

/** A clock that keeps polling is news only when its state flips, or now and then for its "last seen". */
const SEEN_REFRESH_MS = 30_000;
/** How often clocks are checked for having gone offline: nothing is emitted when a clock stays silent. */
const OFFLINE_SWEEP_MS = 5_000;

/**
 * Listens to the cloud's events once for every open live page, turns them into facts (a clock seen is a
 * fact only when its online state changed, or its last-seen time is stale on the pages) and fans them out.
 */
export class FactHub {
  private readonly listeners = new Set<(kind: FactKind, sn: string) => void>();
  /** Per clock: online as last told to the pages, and the cloud time of the last "seen" told. */
  private readonly told = new Map<string, { online: boolean; seenAt: number }>();
  private sweeper: NodeJS.Timeout | undefined;
  private readonly onSeen = ({ sn, at }: { sn: string; at: number }) => {
    const told = this.told.get(sn);
    if (told?.online === true && at - told.seenAt < SEEN_REFRESH_MS) return;
    this.told.set(sn, { online: true, seenAt: at });
    this.emit('clock', sn);
  };
  private readonly onCommand = ({ sn }: { sn: string }) => this.emit('command', sn);
  private readonly onPunch = ({ sn }: { sn: string }) => this.emit('punch', sn);

  constructor(private readonly ctx: Pick<WebContext, 'events' | 'records'>) {}

  subscribe(listener: (kind: FactKind, sn: string) => void): () => void {
    if (this.listeners.size === 0) this.start(this.ctx.events);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop(this.ctx.events);
    };
  }

  /** Clocks whose online state differs from what the pages were told. */
  sweep(): void {
    for (const clock of this.ctx.records.clocks()) {
      const told = this.told.get(clock.sn);
      if (told !== undefined && told.online === clock.online) continue;
      this.told.set(clock.sn, { online: clock.online, seenAt: clock.lastSeen ?? 0 });
      if (told !== undefined) this.emit('clock', clock.sn);
    }
  }

  private emit(kind: FactKind, sn: string): void {
    for (const listener of this.listeners) listener(kind, sn);
  }

  private start(events: CloudEvents): void {
    this.sweep();
    events.on('clock.seen', this.onSeen);
    events.on('command.changed', this.onCommand);
    events.on('punch.stored', this.onPunch);
    this.sweeper = setInterval(() => this.sweep(), OFFLINE_SWEEP_MS).unref();
  }

  private stop(events: CloudEvents): void {
    events.off('clock.seen', this.onSeen);
    events.off('command.changed', this.onCommand);
    events.off('punch.stored', this.onPunch);
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.told.clear();
  }
}
