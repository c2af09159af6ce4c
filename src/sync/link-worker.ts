// The link's one worker: a kick while it runs asks for another round instead of starting a second worker,
// so that however many facts wake the link, it sends one request at a time.

/** What a piece of work is made of; the link decides each step, the worker only their order. */
export interface WorkSteps {
  /** A new piece of work begins (not a round asked for again within one). */
  starting(): void;
  /** One round of requests. */
  round(): Promise<void>;
  /** Whether a round asked for while one ran may run now (not when offline, paused or stopped). */
  mayGoOn(): boolean;
  /** Anything a round threw: the worker itself never rejects. */
  fault(error: unknown): void;
  /** The work is over, while it still counts as running: the next wake goes on the timers here. */
  ending(): void;
  /** The work is over and a kick starts a new one: whoever waited for it may go on. */
  ended(): void;
}

export class LinkWorker {
  /** Set synchronously with the work's start and end, so that no kick falls between two workers. */
  private running = false;
  private busy: Promise<void> | undefined;
  private again = false;

  constructor(private readonly steps: WorkSteps) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const work = this.work();
    this.busy = work;
    void work.then(() => {
      if (this.busy === work) this.busy = undefined;
    });
  }

  /** Asks for one more round in this work, once the round in flight ends. */
  runAgain(): void {
    this.again = true;
  }

  /** Whether a round is in flight (a request sent or being prepared). */
  working(): boolean {
    return this.busy !== undefined;
  }

  /** Resolves once no round is in flight. */
  async settled(): Promise<void> {
    while (this.busy !== undefined) await this.busy;
  }

  private async work(): Promise<void> {
    this.steps.starting();
    try {
      do {
        this.again = false;
        await this.steps.round();
      } while (this.again && this.steps.mayGoOn());
    } catch (error) {
      this.steps.fault(error);
    }
    this.steps.ending();
    this.running = false;
    this.steps.ended();
  }
}
