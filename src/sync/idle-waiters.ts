// Callers of whenIdle(), each waiting for the first whole round of the link that started after they
// asked: an earlier round may have polled before their commands were queued at the server.

interface Waiter {
  firstRound: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class IdleWaiters {
  private round = 0;
  private waiters: Waiter[] = [];
  /** The last round of the link's current work that found nothing to fetch or upload. */
  private idleRound: number | undefined;

  add(): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ firstRound: this.round + 1, resolve, reject }));
  }

  /** Numbers a round as it starts. */
  startRound(): number {
    return ++this.round;
  }

  /** A round found nothing to fetch and nothing to upload: told to its waiters once the work ends. */
  foundIdle(round: number): void {
    this.idleRound = round;
  }

  /** The link's work ended: whoever waited for a round up to the idle one it found is done. */
  workEnded(): void {
    if (this.idleRound !== undefined) this.roundDone(this.idleRound);
    this.idleRound = undefined;
  }

  private roundDone(round: number): void {
    // Nearly every round of a day: nobody waits.
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((w) => w.firstRound <= round);
    this.waiters = this.waiters.filter((w) => w.firstRound > round);
    for (const waiter of done) waiter.resolve();
  }

  rejectAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
