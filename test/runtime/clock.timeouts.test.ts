// The screen's timers, in virtual time: results go away, an abandoned ID entry or menu closes.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { enterId, openMenuAs, testClock } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

const SECOND = 1_000;

/** The screen a millisecond before `ms` have passed, and the one when they have: a timer's edge. */
function screensAround(clock: Clock, ms: number): [before: string, at: string] {
  clock.advance(ms - 1);
  const before = clock.frame().screen;
  clock.advance(1);
  return [before, clock.frame().screen];
}

describe('screen timeouts', () => {
  it.each<[title: string, open: (clock: Clock) => void, ms: number, screen: string]>([
    ['shows the result for 3 s, then returns to idle', (clock) => enterId(clock, STAFF.user.pin), 3 * SECOND, 'result'],
    ['returns to idle 3 s after a failure too', (clock) => enterId(clock, '4242'), 3 * SECOND, 'result'],
    ['abandons an ID entry after 10 s without a key', (clock) => clock.type('10'), 10 * SECOND, 'idEntry'],
    [
      'abandons a second-factor prompt after 10 s',
      (clock) => enterId(clock, STAFF.idFinger.pin),
      10 * SECOND,
      'secondFactor',
    ],
    ['abandons the menu verification prompt after 10 s', (clock) => clock.press('MENU'), 10 * SECOND, 'menuAuth'],
    [
      'closes the menu after 60 s without input, and not before',
      (clock) => openMenuAs(clock, STAFF.admin.pin),
      60 * SECOND,
      'menu.main',
    ],
  ])('%s', (_title, open, ms, screen) => {
    const clock = testClock();
    open(clock);

    expect(screensAround(clock, ms)).toEqual([screen, 'idle']);
  });

  it('shows a card tapped on the result screen for 3 s of its own', () => {
    const clock = testClock();
    clock.tapCard(STAFF.user.card);
    clock.advance(2 * SECOND);
    clock.tapCard(STAFF.secure.card);

    clock.advance(2_999);
    const before = clock.frame();
    clock.advance(1);

    expect(before.screen).toBe('result');
    expect(before.lines.join(' ')).toContain(STAFF.secure.name);
    expect(clock.frame().screen).toBe('idle');
  });

  it('counts the 10 s from the last key pressed', () => {
    const clock = testClock();
    clock.type('1');
    clock.advance(8 * SECOND);

    clock.type('0');
    clock.advance(8 * SECOND);

    expect(clock.frame().screen).toBe('idEntry');
  });

  it("counts a second-factor prompt's 10 s from a card tapped on it, even one that would punch at once", () => {
    const clock = testClock();
    enterId(clock, STAFF.idFinger.pin);
    clock.advance(8 * SECOND);

    clock.tapCard(STAFF.user.card);
    clock.advance(8 * SECOND);

    expect(clock.frame().screen).toBe('secondFactor');
    expect(clock.punches()).toEqual([]);
  });

  it('keeps the menu open while keys are pressed', () => {
    const clock = testClock();
    openMenuAs(clock, STAFF.admin.pin);

    for (let i = 0; i < 3; i++) {
      clock.advance(50 * SECOND);
      clock.press('DOWN');
    }

    expect(clock.frame().screen).toBe('menu.main');
  });

  it("counts the menu's 60 s from the last card tapped in it, in a menu open to anyone", () => {
    const clock = testClock({ staff: ['user'] });
    clock.press('MENU');
    clock.advance(9 * SECOND);
    clock.tapCard(STAFF.user.card);

    expect(screensAround(clock, 60 * SECOND)).toEqual(['menu.main', 'idle']);
  });

  it('asks for verification again after the menu closed by itself', () => {
    const clock = testClock();
    openMenuAs(clock, STAFF.admin.pin);
    clock.advance(60 * SECOND);

    clock.press('MENU');

    expect(clock.frame().screen).toBe('menuAuth');
  });
});
