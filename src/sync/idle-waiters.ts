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

  add(): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ firstRound: this.round + 1, resolve, reject }));
  }

  /** Numbers a round as it starts. */
  startRound(): number {
    return ++this.round;
  }

  /** A round found nothing to fetch and nothing to upload: whoever was waiting for it is done. */
  roundDone(round: number): void {
    const done = this.waiters.filter((w) => w.firstRound <= round);
    this.waiters = this.waiters.filter((w) => w.firstRound > round);
    for (const waiter of done) waiter.resolve();
  }

  rejectAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
