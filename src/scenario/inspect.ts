// Watching a running clock's actor for coverage. createClock() is asked to pass `inspect` to
// createActor; until the runtime forwards that option, the observer is attached to the actor the
// clock runs now, and again after each restart (see the note in the issue report).
import type { AnyActorRef, InspectionEvent } from 'xstate';
import { createClock, type Clock, type ClockOptions } from '../runtime/index.js';

export type InspectionObserver = (event: InspectionEvent) => void;

/** The clock and a hook the runner calls after anything that may have booted a new actor. */
export interface InspectedClock {
  clock: Clock;
  /** Follows the clock to the actor it runs now (after a restart or a watchdog reboot). */
  follow(): void;
}

export function createInspectedClock(options: ClockOptions, observer?: InspectionObserver): InspectedClock {
  if (observer === undefined) return { clock: createClock(options), follow: () => {} };
  let forwarded = false;
  const withInspect: ClockOptions & { inspect?: InspectionObserver } = {
    ...options,
    inspect: (event) => {
      forwarded = true;
      observer(event);
    },
  };
  const clock = createClock(withInspect);
  // The actor starts inside createClock: a runtime that forwards `inspect` has reported its first
  // snapshot by now.
  if (forwarded) return { clock, follow: () => {} };
  let watched: AnyActorRef | undefined;
  const follow = (): void => {
    const actor = (clock as unknown as { current?: AnyActorRef }).current;
    if (actor === undefined || actor === watched) return;
    watched = actor;
    actor.system.inspect(observer);
    observer({
      type: '@xstate.snapshot',
      rootId: actor.sessionId,
      actorRef: actor,
      event: { type: 'xstate.init' },
      snapshot: actor.getSnapshot() as never,
    });
  };
  follow();
  if (watched === undefined) throw new Error('coverage: the runtime neither forwards `inspect` nor exposes its actor');
  return { clock, follow };
}
