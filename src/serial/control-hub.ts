// The clock's events for every control client: heard once from the clock, encoded once, handed to each
// client's outbox. While a request runs, the screen changes it causes beyond the first few are coalesced:
// one `advance` of a day is 1,440 minute ticks of the idle screen, and a client needs the last one.
import type { Clock } from '../runtime/index.js';
import { STORE_FAULT_TITLES, type StoreFault, type StoreWrite } from '../../firmware/index.js';
import { encodeLine, frameMessage, punchMessage } from './control-codec.js';

/** Screen changes sent as they happen in one request; a PIN and OK is six, a menu walk a few dozen. */
export const SCREENS_PER_REQUEST = 32;

export interface EventClient {
  /** False until the client has authenticated: it hears nothing before. */
  readonly listening: boolean;
  /** One event line, the same bytes for every client: 200 clients cost one copy, not 200. */
  event(line: Uint8Array): void;
}

type Message = Record<string, unknown>;

export class ControlHub {
  private readonly clients = new Set<EventClient>();
  private readonly unsubscribe: (() => void)[];
  private last: { icons: string; leds: string; beep: string };
  private depth = 0;
  private screensSent = 0;
  /** Writes the store refused so far, and the last one's words: a request that caused one is refused. */
  storeFailures = 0;
  lastStoreFailure = '';
  /** The latest screen change held back in this request, and how many before it were never sent. */
  private held: { message: Message; skipped: number } | undefined;

  constructor(
    clock: Clock,
    private readonly screensPerRequest = SCREENS_PER_REQUEST,
  ) {
    const frame = clock.frame();
    this.last = { icons: JSON.stringify(frame.icons), leds: JSON.stringify(frame.leds), beep: frame.beep };
    this.unsubscribe = [
      clock.on('frame.changed', ({ frame: f, text }) => {
        this.screen({ type: 'event', event: 'screen.changed', frame: frameMessage(f, text) });
        const icons = JSON.stringify(f.icons);
        const leds = JSON.stringify(f.leds);
        if (icons !== this.last.icons) this.other({ type: 'event', event: 'icons.changed', icons: f.icons });
        if (leds !== this.last.leds) this.other({ type: 'event', event: 'leds.changed', leds: f.leds });
        if (f.beep !== this.last.beep && f.beep !== 'none')
          this.other({ type: 'event', event: 'beeper', beep: f.beep });
        this.last = { icons, leds, beep: f.beep };
      }),
      clock.on('punch.recorded', ({ punch }) =>
        this.other({ type: 'event', event: 'punch.recorded', punch: punchMessage(punch) }),
      ),
      clock.on('store.failed', ({ what, fault, pin }) => {
        this.storeFailures++;
        this.lastStoreFailure = storeFailureText(what, fault, pin);
        this.other({ type: 'event', event: 'store.failed', what, fault, ...(pin === undefined ? {} : { pin }) });
      }),
    ];
  }

  join(client: EventClient): void {
    this.clients.add(client);
  }

  leave(client: EventClient): void {
    this.clients.delete(client);
  }

  /** Runs one request; its held-back screen change goes out before `fn` returns, so before the reply. */
  during<T>(fn: () => T): T {
    this.begin();
    try {
      return fn();
    } finally {
      this.end();
    }
  }

  /**
   * A request that runs over several turns (a long `advance`) begins and ends explicitly; requests of
   * other clients may run between its turns, and each one's end sends the held screen, so that every
   * reply still comes after the events its request caused.
   */
  begin(): void {
    this.depth++;
  }

  end(): void {
    this.depth = Math.max(0, this.depth - 1);
    this.flushHeld();
    if (this.depth === 0) this.screensSent = 0;
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.clients.clear();
  }

  private screen(message: Message): void {
    if (this.depth === 0 || this.screensSent < this.screensPerRequest) {
      if (this.depth > 0) this.screensSent++;
      this.publish(message);
      return;
    }
    this.held = { message, skipped: this.held === undefined ? 0 : this.held.skipped + 1 };
  }

  /** Any other event: the held screen goes first, so that a client never sees a punch before its screen. */
  private other(message: Message): void {
    this.flushHeld();
    this.publish(message);
  }

  private flushHeld(): void {
    const held = this.held;
    if (held === undefined) return;
    this.held = undefined;
    this.publish(held.skipped > 0 ? { ...held.message, coalesced: held.skipped } : held.message);
  }

  private publish(message: Message): void {
    if (this.clients.size === 0) return;
    const line = Buffer.from(encodeLine(message));
    for (const client of this.clients) if (client.listening) client.event(line);
  }
}

/** `memory full: the punch of 1002 was not stored`: what a refused request's reply says. */
function storeFailureText(what: StoreWrite, fault: StoreFault, pin: string | undefined): string {
  const thing = what === 'punch' ? `the punch${pin === undefined ? '' : ` of ${pin}`}` : `the ${what} change`;
  return `${STORE_FAULT_TITLES[fault].toLowerCase()}: ${thing} was not stored`;
}
