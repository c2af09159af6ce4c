// Punch state when no state key was pressed, and the duplicate-punch window.
import { describe, expect, it } from 'vitest';

import {
  defaultPunchState,
  isDuplicatePunch,
  isSameSecondPunch,
  type Punch,
  type PunchState,
} from '../../firmware/punches.js';

/** Device time (naive local calendar) on 25 November 2026, or another day of that month. */
function at(hour: number, minute: number, second = 0, day = 25): number {
  return Date.UTC(2026, 10, day, hour, minute, second);
}

function punch(time: number, state: PunchState): Punch {
  return { seq: 1, pin: '1001', time, state, verify: 1, workCode: 0 };
}

describe('defaultPunchState with a fixed rule', () => {
  it('always gives the fixed state', () => {
    const rule = { kind: 'fixed', state: 2 } as const;

    expect(defaultPunchState(rule, at(8, 0), undefined)).toBe(2);
    expect(defaultPunchState(rule, at(17, 0), punch(at(8, 0), 2))).toBe(2);
  });
});

describe('defaultPunchState with the toggle rule', () => {
  const toggle = { kind: 'toggle' } as const;

  it('checks in a user who never punched', () => {
    expect(defaultPunchState(toggle, at(8, 0), undefined)).toBe(0);
  });

  it('checks out a user who checked in today', () => {
    expect(defaultPunchState(toggle, at(17, 0), punch(at(8, 0), 0))).toBe(1);
  });

  it('checks in a user who checked out today', () => {
    expect(defaultPunchState(toggle, at(13, 0), punch(at(12, 0), 1))).toBe(0);
  });

  it('checks out a user back from a break', () => {
    expect(defaultPunchState(toggle, at(17, 0), punch(at(13, 0), 3))).toBe(1);
  });

  it('checks out a user on overtime', () => {
    expect(defaultPunchState(toggle, at(21, 0), punch(at(18, 0), 4))).toBe(1);
  });

  it('checks in a user whose last punch today was a break-out', () => {
    expect(defaultPunchState(toggle, at(12, 30), punch(at(12, 0), 2))).toBe(0);
  });

  it('checks in a user whose check-in was yesterday, as a new day starts fresh', () => {
    expect(defaultPunchState(toggle, at(0, 1), punch(at(23, 59, 59, 24), 0))).toBe(0);
  });

  it('counts a check-in at midnight exactly as today', () => {
    expect(defaultPunchState(toggle, at(9, 0), punch(at(0, 0), 0))).toBe(1);
  });
});

describe('defaultPunchState with a schedule', () => {
  const schedule = {
    kind: 'schedule',
    slots: [
      { from: '06:00', state: 0 },
      { from: '11:00', state: 2 },
      { from: '12:00', state: 3 },
      { from: '15:00', state: 1 },
    ],
  } as const satisfies { kind: 'schedule'; slots: { from: string; state: PunchState }[] };

  it('gives no state before the first slot', () => {
    expect(defaultPunchState(schedule, at(5, 59), undefined)).toBe(255);
  });

  it('gives the slot that starts at this very minute', () => {
    expect(defaultPunchState(schedule, at(11, 0), undefined)).toBe(2);
  });

  it('keeps the previous slot until the next one starts', () => {
    expect(defaultPunchState(schedule, at(10, 59, 59), undefined)).toBe(0);
  });

  it('gives the last slot until midnight', () => {
    expect(defaultPunchState(schedule, at(23, 59), undefined)).toBe(1);
  });

  it('ignores the user last punch', () => {
    expect(defaultPunchState(schedule, at(12, 30), punch(at(12, 29), 3))).toBe(3);
  });
});

describe('isDuplicatePunch', () => {
  const last = punch(at(8, 0), 0);

  it('is false for a user with no punch', () => {
    expect(isDuplicatePunch(undefined, at(8, 0), 60)).toBe(false);
  });

  it('is true at the same instant', () => {
    expect(isDuplicatePunch(last, at(8, 0), 60)).toBe(true);
  });

  it('is true one millisecond before the window closes', () => {
    expect(isDuplicatePunch(last, at(8, 1) - 1, 60)).toBe(true);
  });

  it('is false once the window has passed exactly', () => {
    expect(isDuplicatePunch(last, at(8, 1), 60)).toBe(false);
  });

  it('is false with a window of zero, which turns the check off', () => {
    expect(isDuplicatePunch(last, at(8, 0), 0)).toBe(false);
  });

  it('is false when the clock was set back before the last punch', () => {
    expect(isDuplicatePunch(last, at(7, 59, 30), 60)).toBe(false);
  });
});

describe('isSameSecondPunch', () => {
  const last = punch(at(8, 0, 5) + 400, 0);
  const noEarlier = () => false;

  it('is false for a user with no punch', () => {
    expect(isSameSecondPunch(undefined, at(8, 0, 5), noEarlier)).toBe(false);
  });

  it('is true later in the same second of device time', () => {
    expect(isSameSecondPunch(last, at(8, 0, 5) + 999, noEarlier)).toBe(true);
  });

  it('is true earlier in the same second, as the timestamp on the wire is the same', () => {
    expect(isSameSecondPunch(last, at(8, 0, 5), noEarlier)).toBe(true);
  });

  it('is false in the next second, however close', () => {
    expect(isSameSecondPunch(last, at(8, 0, 6), noEarlier)).toBe(false);
  });

  it('asks the log about the user and the second when the last punch is later (the clock was set back)', () => {
    const asked: [string, number, number][] = [];
    const log = (pin: string, from: number, to: number) => (asked.push([pin, from, to]), true);

    expect(isSameSecondPunch(last, at(7, 0, 0) + 900, log)).toBe(true);
    expect(asked).toEqual([[last.pin, at(7, 0, 0), at(7, 0, 0) + 999]]);
  });

  it('is false when the log has no punch of the user in that second', () => {
    expect(isSameSecondPunch(last, at(7, 0, 0), noEarlier)).toBe(false);
  });
});
