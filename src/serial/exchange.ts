// Request and answer over a byte link, for the drivers where the clock is the host (ZFM) or the panel
// (OSDP): one request at a time, in call order, each with a timeout on the clock's timers.
import type { Timers } from './types.js';

export class Exchange<Reply> {
  private pending: { resolve: (reply: Reply | undefined) => void; timer: number } | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs: number,
  ) {}

  /** Runs `send` when the link is free, then waits for the answer; undefined on timeout or close. */
  request(send: () => void): Promise<Reply | undefined> {
    const run = () =>
      new Promise<Reply | undefined>((resolve) => {
        if (this.closed) return resolve(undefined);
        const timer = this.timers.set(() => {
          this.pending = undefined;
          resolve(undefined);
        }, this.timeoutMs);
        this.pending = { resolve, timer };
        send();
      });
    const result = this.chain.then(run);
    this.chain = result;
    return result;
  }

  /** Hands an answer to the waiting request; false when nobody was waiting (an unsolicited frame). */
  answer(reply: Reply): boolean {
    const pending = this.pending;
    if (pending === undefined) return false;
    this.pending = undefined;
    this.timers.clear(pending.timer);
    pending.resolve(reply);
    return true;
  }

  get waiting(): boolean {
    return this.pending !== undefined;
  }

  close(): void {
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) {
      this.timers.clear(pending.timer);
      pending.resolve(undefined);
    }
  }
}

/** A pause on the clock's timers (virtual time in tests). */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.set(resolve, ms));
}
