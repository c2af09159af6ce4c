// The keypad lock against guessing: five failed tries in a row — unknown IDs, wrong passwords, a password
// abandoned with ESC — lock ID entry for 60 s, the menu's sign-in included, and the host logs it.
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { testClock } from '../fixtures/clock.js';
import { seedUsers } from '../fixtures/staff.js';
import { capturedLogger } from '../sync/helpers.js';

const SECOND = 1_000;
/** The demo's Administrator: fingerprint or password (Verify 5), so that his badge alone opens nothing. */
const ADMIN = newUser('9001', { name: 'Admin Park', privilege: 14, verifyMode: 5, password: '9999' });

function adminClock(options: { logger?: ReturnType<typeof capturedLogger>['logger'] } = {}): Clock {
  const clock = testClock({ staff: [], ...options });
  seedUsers(clock, [ADMIN]);
  return clock;
}

/** MENU, the badge, OK: the clock then asks for the password. */
function startMenuSignIn(clock: Clock): void {
  clock.press('MENU');
  clock.type(ADMIN.pin);
  clock.press('OK');
}

function tryPassword(clock: Clock, password: string): void {
  clock.type(password);
  clock.press('OK');
}

describe('the menu sign-in', () => {
  it('asks the demo Administrator for his password after his badge', () => {
    const clock = adminClock();

    startMenuSignIn(clock);

    expect(clock.frame().screen).toBe('secondFactor');
  });

  it('locks after five wrong passwords, and the right one is then refused', () => {
    const clock = adminClock();
    startMenuSignIn(clock);
    for (let i = 0; i < 3; i++) tryPassword(clock, '0000');
    startMenuSignIn(clock);
    for (let i = 0; i < 2; i++) tryPassword(clock, '0000');

    clock.press('MENU');
    clock.type('9');
    const locked = clock.frame().lines[0];
    clock.press('ESC');
    startMenuSignIn(clock);
    tryPassword(clock, ADMIN.password);

    expect(locked).toBe('Keypad locked');
    expect(clock.frame().screen).not.toMatch(/^menu\./);
  });

  it('counts a wrong password abandoned with ESC, so that guessing two at a time does not get round the lock', () => {
    const clock = adminClock();
    for (let i = 0; i < 5; i++) {
      startMenuSignIn(clock);
      tryPassword(clock, String(i).repeat(4));
      clock.press('ESC');
    }

    clock.press('MENU');
    clock.press('9');

    expect(clock.frame().lines[0]).toBe('Keypad locked');
  });

  it('checks five of 300 guesses typed within a second, then refuses the rest, the right one among them', () => {
    const clock = adminClock();
    const guesses = Array.from({ length: 300 }, (_, i) => String(i).padStart(4, '0'));
    guesses[299] = ADMIN.password;

    for (const guess of guesses) {
      startMenuSignIn(clock);
      tryPassword(clock, guess);
      clock.press('ESC');
      clock.advance(3);
    }

    expect(clock.frame().screen).not.toMatch(/^menu\./);
    expect(clock.records.operations.after(0, 10).map((op) => op.op)).toEqual([0]);
  });

  it('opens to the right password once 60 s have passed on the clock', () => {
    const clock = adminClock();
    for (let i = 0; i < 5; i++) {
      startMenuSignIn(clock);
      tryPassword(clock, '0000');
      clock.press('ESC');
    }

    clock.advance(60 * SECOND);
    startMenuSignIn(clock);
    tryPassword(clock, ADMIN.password);

    expect(clock.frame().screen).toBe('menu.main');
  });

  it('refuses a password typed after a finger while the keypad is locked', () => {
    const clock = testClock({ staff: [] });
    seedUsers(clock, [ADMIN, { ...ADMIN, pin: '9002', verifyMode: 9 }]);
    for (let i = 0; i < 5; i++) {
      startMenuSignIn(clock);
      tryPassword(clock, '0000');
      clock.press('ESC');
    }

    clock.press('MENU');
    clock.placeFinger('9002/right-index');
    clock.press('9');

    expect(clock.frame().lines[0]).toBe('Keypad locked');
  });
});

describe('the lock in the log', () => {
  it('logs a warning when the menu sign-in locks', () => {
    const logs = capturedLogger();
    const clock = adminClock({ logger: logs.logger });

    for (let i = 0; i < 5; i++) {
      startMenuSignIn(clock);
      tryPassword(clock, '0000');
      clock.press('ESC');
    }

    expect(logs.lines().filter((line) => line.level === 40)).toEqual([
      expect.objectContaining({
        msg: 'menu sign-in locked after failed verifications',
        purpose: 'menu',
        failures: 5,
        lockedUntil: '2026-11-25 07:59:00',
      }),
    ]);
  });

  it('logs a warning when ID entry locks after five unknown badges', () => {
    const logs = capturedLogger();
    const clock = adminClock({ logger: logs.logger });

    for (let i = 0; i < 5; i++) {
      clock.type('4242');
      clock.press('OK');
    }

    expect(logs.lines().filter((line) => line.level === 40)).toEqual([
      expect.objectContaining({ msg: 'ID entry locked after failed identifications', purpose: 'punch' }),
    ]);
  });
});
