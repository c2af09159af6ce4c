// Inputs that carry their time: the RTC's reading comes with the input it was read for, so that the
// clock's time is set and the input decided in one macrostep. Before, the host sent a `clock.tick` first:
// a whole macrostep of xstate (snapshot, eventless check, observers) for one assign, before every input
// whose millisecond had moved — in real time, nearly every tap was two macrosteps.
import type { ClockMachine } from './clock.machine.js';
import type { ClockEvent } from './events.js';
import type { LocalTime } from './time.js';

/** An event as the host gives it: with the device's local time it was given at, or without (a burst). */
export type TimedEvent = ClockEvent & { readonly now?: LocalTime };

/**
 * The machine whose transition takes the time an event carries before it decides the event, as the
 * `clock.tick` before it did (`setNow`: the time is the RTC's reading, no rule of the clock's to weigh),
 * so that guards and actions of that same step read it. The step stays the machine's: same states, same
 * transitions, same actions; only the tick's macrostep is gone. Pure: the time is the event's.
 */
export function timedInputs(machine: ClockMachine): ClockMachine {
  // A machine of its own (provide() makes one) with its own transition: not Object.create(machine), whose
  // every read of the machine's fields (implementations, root) in xstate's step went up a prototype chain.
  const timed = machine.provide({}) as ClockMachine;
  const decide = timed.transition.bind(timed);
  const transition: ClockMachine['transition'] = (snapshot, event, scope) => {
    const now = (event as TimedEvent).now;
    if (now === undefined || now === snapshot.context.now) return decide(snapshot, event, scope);
    // The snapshot as the tick's assign left it: the same nodes and value, a context with the new time.
    return decide({ ...snapshot, context: { ...snapshot.context, now } }, event, scope);
  };
  Object.defineProperty(timed, 'transition', { value: transition });
  return timed;
}
