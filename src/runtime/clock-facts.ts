// How a running clock tells what happens: the listeners of each fact, the log line an operator looks
// for, and the screen told as `frame.changed` once the firmware has settled (never between its steps).
import { formatTimestamp, type ClockEmitted, type ScreenFrame } from '../../firmware/index.js';
import type { Logger } from '../log.js';
import type { ClockFact } from './clock-api.js';

type Handler = (fact: ClockFact) => void;

/** Who listens to which fact. */
export class FactListeners {
  private readonly handlers = new Map<string, Set<Handler>>();

  on<T extends ClockFact['type']>(type: T, handler: (fact: Extract<ClockFact, { type: T }>) => void): () => void {
    const set = this.handlers.get(type) ?? new Set();
    set.add(handler as Handler);
    this.handlers.set(type, set);
    return () => set.delete(handler as Handler);
  }

  count(type: ClockFact['type']): number {
    return this.handlers.get(type)?.size ?? 0;
  }

  dispatch(fact: ClockFact): void {
    for (const handler of this.handlers.get(fact.type) ?? []) handler(fact);
  }
}

/** The log line of a firmware fact, at its level. */
export function logFact(log: Logger, fact: ClockEmitted): void {
  if (fact.type === 'punch.recorded') {
    const { pin, state, verify, seq } = fact.punch;
    log.info({ pin, state, verify, seq }, 'punch recorded');
  } else if (fact.type === 'keypad.locked') {
    const { purpose, failures, until } = fact;
    log.warn(
      { purpose, failures, lockedUntil: formatTimestamp(until) },
      purpose === 'menu'
        ? 'menu sign-in locked after failed verifications'
        : 'ID entry locked after failed identifications',
    );
  } else if (fact.type === 'store.failed') {
    const { what, fault, detail, pin } = fact;
    log.error({ what, fault, pin, detail }, `store write refused (${fault}): the clock keeps running`);
  } else if (fact.type === 'settings.saved') {
    log.info('settings saved');
  } else {
    log.debug({ fact: fact.type }, 'firmware fact');
  }
}

/** The screen as `frame.changed` facts: told when its text changes, once an input has been delivered. */
export class ScreenRelay {
  private lastText = '';
  /** Inputs being delivered: the screen is drawn once the firmware has settled, not between its steps. */
  private delivering = 0;
  private due = false;

  constructor(
    /** The frame now, or undefined while the clock has no running firmware. */
    private readonly draw: () => { frame: ScreenFrame; text: string } | undefined,
    private readonly listeners: FactListeners,
  ) {}

  /** Delivers an input: a punch is decided, written, then told in steps whose frames are never drawn. */
  deliver(fn: () => void): void {
    this.delivering++;
    try {
      fn();
    } finally {
      this.delivering--;
      if (this.delivering === 0 && this.due) this.flush();
    }
  }

  /** The firmware's snapshot changed. */
  changed(): void {
    // Drawing a frame nobody listens to would cost every punch a render.
    if (this.listeners.count('frame.changed') === 0) return;
    if (this.delivering > 0) {
      this.due = true;
      return;
    }
    this.flush();
  }

  /** A fact is about to be told: whoever hears it has seen the screen that goes with it. */
  beforeFact(): void {
    if (this.due) this.flush();
  }

  private flush(): void {
    this.due = false;
    const drawn = this.draw();
    if (drawn === undefined || drawn.text === this.lastText) return;
    this.lastText = drawn.text;
    this.listeners.dispatch({ type: 'frame.changed', ...drawn });
  }
}
