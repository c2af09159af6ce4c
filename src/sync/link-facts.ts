// The clock's facts the cloud link acts on (link.ts): a record to upload, a set-up load, a power-on, the
// network link. Not frame.changed: listening to frames would make the clock draw one at every step.
import type { Clock } from '../runtime/index.js';

const OP_POWER_ON = 0;

export interface LinkFacts {
  /** A punch or an operation: realtime uploads it at once. */
  recordAdded(): void;
  /** A set-up load may bring punches of its own: the next round looks for them. */
  recordsLoaded(): void;
  /** A power-on is a reboot, whoever caused it: a booting clock handshakes, and its icon starts red. */
  poweredOn(): void;
  linkChanged(): void;
}

/** Subscribes the link to the clock; returns the unsubscribers. */
export function listenToClock(clock: Clock, facts: LinkFacts): (() => void)[] {
  return [
    clock.on('punch.recorded', () => facts.recordAdded()),
    clock.on('records.loaded', () => facts.recordsLoaded()),
    clock.on('operation.recorded', ({ operation }) =>
      operation.op === OP_POWER_ON ? facts.poweredOn() : facts.recordAdded(),
    ),
    clock.on('link.changed', () => facts.linkChanged()),
  ];
}
