// What a tap costs the firmware, counted in xstate's steps (never in time): a tap whose time moved is one
// macrostep (its time comes with it, no `clock.tick` before it), and a rush of punches arms the attention
// region's lapse and away timers once, not after every tap; the rules they serve still hold.
import type { InspectionEvent } from 'xstate';
import { describe, expect, it } from 'vitest';
import { testClock } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

const SECOND = 1_000;

/** A test clock whose firmware's macrosteps and events are counted as they happen. */
function countedClock() {
  const seen: InspectionEvent[] = [];
  const clock = testClock({ inspect: (event) => seen.push(event) });
  const macrosteps = () => seen.filter((e) => e.type === '@xstate.snapshot').length;
  const events = (type: string) =>
    seen.filter((e) => e.type === '@xstate.event' && e.event.type.startsWith(type)).length;
  return { clock, macrosteps, events };
}

describe('a tap in real time', () => {
  it('is one macrostep, its time set in that step', () => {
    const { clock, macrosteps, events } = countedClock();
    clock.tapCard(STAFF.user.card);
    clock.advance(1_500);
    const [steps, ticks] = [macrosteps(), events('clock.tick')];

    clock.tapCard(STAFF.secure.card);

    expect(macrosteps() - steps).toBe(1);
    expect(events('clock.tick') - ticks).toBe(0);
    // The punch has the time the tap was given at, not the time of the step before it.
    expect(clock.punches().at(-1)).toMatchObject({ pin: STAFF.secure.pin, time: clock.now() });
  });

  it('is still punched within the duplicate window by its own time', () => {
    const { clock } = countedClock();
    clock.tapCard(STAFF.user.card);
    clock.advance(90 * SECOND);
    clock.tapCard(STAFF.user.card);

    expect(clock.punches()).toHaveLength(2);
    expect(clock.punches()[1]!.time - clock.punches()[0]!.time).toBe(90 * SECOND);
  });
});

describe('a rush of punching taps', () => {
  it('arms the lapse and away timers once, not after every tap', () => {
    const { clock, events } = countedClock();
    // Two people in turn, a tap every 45 s (each past the duplicate window): before, each tap woke the
    // region from `lapsed` or `away` and armed its timers again.
    for (let i = 0; i < 60; i++) {
      clock.tapCard(i % 2 === 0 ? STAFF.user.card : STAFF.secure.card);
      clock.advance(45 * SECOND);
    }

    expect(clock.punches()).toHaveLength(60);
    expect(events('xstate.after.LAPSE_TIMEOUT')).toBe(1);
    expect(events('xstate.after.AWAY_TIMEOUT')).toBe(1);
    // The result screen's own timer still ends every result.
    expect(events('xstate.after.RESULT_TIMEOUT')).toBe(60);
  });

  it('still lets a key typed after it lapse back to idle', () => {
    const { clock } = countedClock();
    clock.tapCard(STAFF.user.card);
    clock.advance(70 * SECOND);
    clock.tapCard(STAFF.secure.card);
    clock.advance(5 * SECOND);

    clock.press('1');
    expect(clock.frame().screen).toBe('idEntry');
    clock.advance(10 * SECOND);

    expect(clock.frame().screen).toBe('idle');
  });
});
