// Punch records: the state a punch gets (state keys, the model's default rule), the duplicate-punch
// window, and the brute-force guard on ID entry.
import { describe, expect, it } from 'vitest';
import type { Key } from '../../firmware/index.js';
import { createClock } from '../../src/runtime/index.js';
import { enterId, screenBody, testClock } from '../fixtures/clock.js';
import { seedStaff, STAFF } from '../fixtures/staff.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('the state of a punch', () => {
  it.each([
    ['F1', 0, 'Check In'],
    ['F2', 1, 'Check Out'],
    ['F3', 2, 'Break Out'],
    ['F4', 3, 'Break In'],
  ] as const)('records state %s pressed on the idle screen as state %i (%s)', (key, state, label) => {
    const clock = testClock();

    clock.press(key as Key);
    clock.tapCard(STAFF.user.card);

    expect(clock.punches()).toMatchObject([{ pin: STAFF.user.pin, state }]);
    expect(screenBody(clock)).toContain(label);
  });

  it('takes a state key pressed while typing the ID', () => {
    const clock = testClock();

    clock.type(STAFF.user.pin);
    clock.press('F3');
    clock.press('OK');

    expect(clock.punches()).toMatchObject([{ state: 2 }]);
  });

  it('forgets the state key after the punch: the next punch follows the default rule again', () => {
    const clock = testClock();
    clock.press('F3');
    clock.tapCard(STAFF.user.card);

    clock.tapCard(STAFF.secure.card);

    expect(clock.punches().map((p) => p.state)).toEqual([2, 0]);
  });

  it('alternates in and out by default on the biometric model (toggle)', () => {
    const clock = testClock();

    for (let i = 0; i < 3; i++) {
      clock.tapCard(STAFF.user.card);
      clock.advance(HOUR);
    }

    expect(clock.punches().map((p) => p.state)).toEqual([0, 1, 0]);
  });

  it('starts a new day with an in, whatever the last punch of the day before was', () => {
    const clock = testClock({ start: '2026-11-25T23:59:00' });
    clock.tapCard(STAFF.user.card);

    clock.advance(2 * MINUTE);
    clock.tapCard(STAFF.user.card);

    expect(clock.punches().map((p) => p.state)).toEqual([0, 0]);
  });

  it('follows the time-of-day schedule by default on the proximity model', () => {
    const clock = testClock({ device: 'proximity' });
    const punchAt = (hours: number) => {
      clock.advance(hours * HOUR);
      clock.tapCard(STAFF.user.card);
    };

    punchAt(0); // 07:58
    punchAt(3.5); // 11:28
    punchAt(1); // 12:28
    punchAt(3); // 15:28

    expect(clock.punches().map((p) => p.state)).toEqual([0, 2, 3, 1]);
  });
});

describe('the duplicate-punch window', () => {
  it.each([
    [59, 'Already punched', 1],
    [60, 'Thank you, Una User', 2],
  ])('answers a second card tap %i s after the first with %j, the punches recorded %i', (seconds, answer, recorded) => {
    const clock = testClock();
    clock.tapCard(STAFF.user.card);

    clock.advance(seconds * SECOND);
    clock.tapCard(STAFF.user.card);

    expect(clock.frame().lines[0]).toBe(answer);
    expect(clock.punches()).toHaveLength(recorded);
  });

  it('applies the window per person: someone else punches right after', () => {
    const clock = testClock();
    clock.tapCard(STAFF.user.card);

    clock.tapCard(STAFF.secure.card);

    expect(clock.punches()).toHaveLength(2);
  });
});

describe('punches in the same second', () => {
  /** A clock whose duplicate window is off, as a site that wants every tap recorded sets it. */
  function clockWithoutWindow() {
    const clock = testClock();
    clock.send({ type: 'settings.changed', settings: { ...clock.settings(), duplicateWindowSeconds: 0 } });
    return clock;
  }

  it('records one punch of five card taps within one second and answers the other four "Already punched"', () => {
    const clock = clockWithoutWindow();
    const screens: string[] = [];

    for (let tap = 0; tap < 5; tap++) {
      clock.tapCard(STAFF.user.card);
      screens.push(clock.frame().lines[0] ?? '');
      clock.advance(200);
    }

    expect(clock.punches()).toHaveLength(1);
    expect(screens).toEqual(['Thank you, Una User', ...Array<string>(4).fill('Already punched')]);
  });

  it('records a punch in the next second with the window off', () => {
    const clock = clockWithoutWindow();
    clock.tapCard(STAFF.user.card);

    clock.advance(SECOND);
    clock.tapCard(STAFF.user.card);

    expect(clock.punches()).toHaveLength(2);
  });

  it('records two people in the same second', () => {
    const clock = clockWithoutWindow();
    clock.tapCard(STAFF.user.card);

    clock.tapCard(STAFF.secure.card);

    expect(clock.punches().map((p) => p.pin)).toEqual([STAFF.user.pin, STAFF.secure.pin]);
  });

  it('answers "Already punched" in a second that already has the user\'s punch after the clock was set back', () => {
    const clock = clockWithoutWindow();
    clock.tapCard(STAFF.user.card);
    const first = clock.now();
    clock.advance(MINUTE);
    clock.tapCard(STAFF.user.card);
    const setBack = clock.settings().clockOffsetMs - (clock.now() - first);
    clock.send({ type: 'settings.changed', settings: { ...clock.settings(), clockOffsetMs: setBack } });

    clock.tapCard(STAFF.user.card);

    expect(clock.frame().lines[0]).toBe('Already punched');
    expect(clock.punches()).toHaveLength(2);
  });

  it('refuses a second that has an older punch of the user, when a later one came after the clock was set back', () => {
    const clock = clockWithoutWindow();
    clock.tapCard(STAFF.user.card);
    const first = clock.now();
    // The clock is set back a minute, the user punches again, then time comes round to the first second.
    clock.send({
      type: 'settings.changed',
      settings: { ...clock.settings(), clockOffsetMs: clock.settings().clockOffsetMs - MINUTE },
    });
    clock.advance(3_500);
    clock.tapCard(STAFF.user.card);
    clock.advance(first - clock.now());

    clock.tapCard(STAFF.user.card);

    expect(clock.frame().lines[0]).toBe('Already punched');
    expect(clock.punches()).toHaveLength(2);
  });
});

describe('the brute-force guard', () => {
  const failFiveTimes = (clock: ReturnType<typeof testClock>) => {
    for (let i = 0; i < 5; i++) enterId(clock, '4242');
  };

  it('locks ID entry after five failed identifications', () => {
    const clock = testClock();
    failFiveTimes(clock);

    clock.press('1');

    expect(clock.frame().lines[0]).toBe('Keypad locked');
    expect(screenBody(clock)).toContain('Try again in 60 s');
  });

  it('does not lock after four', () => {
    const clock = testClock();
    for (let i = 0; i < 4; i++) enterId(clock, '4242');

    clock.press('1');

    expect(clock.frame().screen).toBe('idEntry');
  });

  it('keeps ID entry locked until 60 s have passed on the clock, then opens it', () => {
    const clock = testClock();
    failFiveTimes(clock);

    clock.advance(59 * SECOND);
    clock.press('1');
    const stillLocked = clock.frame().lines[0];
    clock.advance(1 * SECOND);
    clock.press('ESC');
    enterId(clock, STAFF.user.pin);

    expect(stillLocked).toBe('Keypad locked');
    expect(clock.frame().lines[0]).toBe('Thank you, Una User');
  });

  it('still takes cards while the keypad is locked', () => {
    const clock = testClock();
    failFiveTimes(clock);

    clock.tapCard(STAFF.user.card);

    expect(clock.frame().lines[0]).toBe('Thank you, Una User');
  });

  it('counts failures afresh after a successful punch', () => {
    const clock = testClock();
    for (let i = 0; i < 4; i++) enterId(clock, '4242');
    clock.tapCard(STAFF.user.card);

    enterId(clock, '4242');
    clock.press('1');

    expect(clock.frame().screen).toBe('idEntry');
  });
});

describe('the time an ID is typed at', () => {
  it('is brought up to date once for the keys typed together, not before each key', () => {
    // A source whose time moves at every read, as the wall clock does while a busy process types keys.
    let now = Date.parse('2026-11-25T07:58:00Z');
    const source = { kind: 'virtual' as const, now: () => (now += 1), setTimeout: () => 0, clearTimeout: () => {} };
    // The time comes with the input (clock.time.ts): counted as the inputs that carry it, and no
    // `clock.tick` of its own before any of them.
    let ticks = 0;
    let separateTicks = 0;
    const clock = createClock({
      store: 'memory',
      time: { source },
      inspect: (event) => {
        if (event.type !== '@xstate.event') return;
        if (event.event.type === 'clock.tick') separateTicks++;
        else if ((event.event as { now?: number }).now !== undefined) ticks++;
      },
    });
    seedStaff(clock);
    const before = ticks;

    clock.type(STAFF.user.pin);

    expect(ticks - before).toBe(1);
    clock.press('OK');
    expect(ticks - before).toBe(2);
    expect(separateTicks).toBe(0);
    expect(clock.punches()).toMatchObject([{ pin: STAFF.user.pin }]);
  });
});
