// The getrequest of a round: INFO goes along only when it changed since the last one sent, and an answer
// had at once (in-process, PushClient.pollNow) is kept for the round's poll, so that the server is asked
// once whichever way the round goes.
import type { Clock } from '../runtime/index.js';
import type { PushResponse } from '../protocol/index.js';
import { InfoParam } from './link-clock.js';
import type { PushClient } from './push-client.js';
import { nothingToDo } from './run-commands.js';

/** An answer had at once: the response to judge, or why none came (a TransportError made a CloudFailure). */
export type EarlyAnswer = { response: PushResponse } | { error: unknown };

export class PollExchange {
  private readonly info = new InfoParam();
  private infoSent: string | undefined;
  private early: EarlyAnswer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly client: PushClient,
  ) {}

  /**
   * Asks at once where the transport can answer so: `ok` when the answer was OK (nothing to run, the poll
   * is done), `kept` when another answer came (ask() hands it over), undefined when the transport cannot
   * answer at once (nothing was sent).
   */
  now(): 'ok' | 'kept' | undefined {
    // A link over HTTP pays one check for this, not the INFO's counts.
    if (!this.client.answersAtOnce) return undefined;
    const info = this.info.of(this.clock);
    let early: EarlyAnswer;
    try {
      const response = this.client.pollNow(info === this.infoSent ? undefined : info);
      if (response === undefined) return undefined;
      early = { response };
    } catch (error) {
      early = { error };
    }
    this.infoSent = info;
    if ('response' in early && isOk(early.response) && nothingToDo(early.response.body)) return 'ok';
    this.early = early;
    return 'kept';
  }

  /** The answer's body: the one kept by now(), or asked for through `request` (the link's one door). */
  async ask(request: <T>(exchange: () => Promise<T>) => Promise<T>): Promise<string> {
    const { early } = this;
    this.early = undefined;
    const info = this.info.of(this.clock);
    const asked = info === this.infoSent ? undefined : info;
    const body = await request(() => this.client.poll(asked, early));
    this.infoSent = info;
    return body;
  }

  /** A new session (a handshake answered): INFO goes again, and an answer kept belongs to the one that ended. */
  reset(): void {
    this.infoSent = undefined;
    this.early = undefined;
  }
}

function isOk(response: PushResponse): boolean {
  return response.status >= 200 && response.status <= 299;
}
