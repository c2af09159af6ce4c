// Multi-factor verify modes: the clock asks for the next factor, punches when all are given, and
// gives a wrong password or finger a limited number of tries.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { enterId, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF, fingerOf } from '../fixtures/staff.js';

describe('multi-factor verify modes', () => {
  const { idFinger, cardPassword, idOrCardFinger } = STAFF;
  it.each<
    [
      title: string,
      first: (clock: Clock) => void,
      prompt: string,
      second: (clock: Clock) => void,
      thanks: string,
      punch: object,
    ]
  >([
    [
      'asks a mode 8 user (ID + fingerprint) for a finger after the ID, then punches',
      (clock) => enterId(clock, idFinger.pin),
      'Place finger',
      (clock) => clock.placeFinger(fingerOf(idFinger)),
      'Ida Eight',
      { pin: idFinger.pin, verify: 1 },
    ],
    [
      'asks a mode 11 user (card + password) for the password after the card, then punches',
      (clock) => clock.tapCard(cardPassword.card),
      'Enter password',
      (clock) => enterId(clock, cardPassword.password),
      'Carl Eleven',
      { pin: cardPassword.pin, verify: 4 },
    ],
    [
      'asks a mode 14 user ((ID or card) + fingerprint) for a finger after the card, then punches',
      (clock) => clock.tapCard(idOrCardFinger.card),
      'Place finger',
      (clock) => clock.placeFinger(fingerOf(idOrCardFinger)),
      'Quin Fourteen',
      { pin: idOrCardFinger.pin },
    ],
    [
      'asks a mode 14 user for a finger after the ID as well',
      (clock) => enterId(clock, idOrCardFinger.pin),
      'Place finger',
      (clock) => clock.placeFinger(fingerOf(idOrCardFinger)),
      'Quin Fourteen',
      { pin: idOrCardFinger.pin },
    ],
  ])('%s', (_title, first, prompt, second, thanks, punch) => {
    const clock = testClock();

    first(clock);
    const asked = clock.frame();
    second(clock);

    expect(asked.screen).toBe('secondFactor');
    expect(asked.lines).toContain(prompt);
    expect(clock.frame().lines[0]).toBe(`Thank you, ${thanks}`);
    expect(clock.punches()).toMatchObject([punch]);
  });

  it('asks a mode 8 user who placed a finger first for the ID, then punches', () => {
    const clock = testClock();

    clock.placeFinger(fingerOf(STAFF.idFinger));
    const prompt = screenBody(clock);
    enterId(clock, STAFF.idFinger.pin);

    expect(prompt).toContain('Enter your ID');
    expect(clock.frame().lines[0]).toBe('Thank you, Ida Eight');
  });

  it('asks a mode 9 user (fingerprint + password) for the password after the finger, masked, then punches', () => {
    const clock = testClock();

    clock.placeFinger(fingerOf(STAFF.fingerPassword));
    clock.type('99');
    const typing = clock.frame();
    clock.press('OK');

    expect(typing.lines).toContain('Enter password');
    expect(typing.lines).toContain('  **_');
    expect(clock.frame().lines[0]).toBe('Thank you, Fay Nine');
  });

  it('asks a mode 13 user (ID + fingerprint + password) for both further factors, one after the other', () => {
    const clock = testClock();

    enterId(clock, STAFF.idFingerPassword.pin);
    const first = clock.frame();
    clock.placeFinger(fingerOf(STAFF.idFingerPassword));
    const second = clock.frame();
    enterId(clock, STAFF.idFingerPassword.password);

    expect(first.lines).toContain('Place finger or enter password');
    expect(second.lines).toContain('Enter password');
    expect(clock.frame().lines[0]).toBe('Thank you, Tia Thirteen');
  });

  it('lets a wrong password be tried again, saying so on the prompt', () => {
    const clock = testClock();
    clock.placeFinger(fingerOf(STAFF.fingerPassword));

    enterId(clock, '12');

    expect(clock.frame().screen).toBe('secondFactor');
    expect(screenBody(clock)).toContain('Verification failed: try again');
  });

  it('gives up after the third wrong password, and a right one after that is too late', () => {
    const clock = testClock();
    clock.placeFinger(fingerOf(STAFF.fingerPassword));

    enterId(clock, '1');
    enterId(clock, '2');
    enterId(clock, '3');

    expect(clock.frame().screen).toBe('result');
    expect(clock.frame().lines[0]).toBe('Verification failed');
    expect(clock.punches()).toEqual([]);
  });

  it('punches when the right password comes on the third try', () => {
    const clock = testClock();
    clock.placeFinger(fingerOf(STAFF.fingerPassword));

    enterId(clock, '1');
    enterId(clock, '2');
    enterId(clock, STAFF.fingerPassword.password);

    expect(clock.frame().lines[0]).toBe('Thank you, Fay Nine');
  });

  it('gives a wrong finger on the second factor the same three tries', () => {
    const clock = testClock();
    enterId(clock, STAFF.idFinger.pin);

    clock.placeFinger(fingerOf(STAFF.user));
    clock.placeFinger(fingerOf(STAFF.user));
    const afterTwo = clock.frame().screen;
    clock.placeFinger(fingerOf(STAFF.user));

    expect(afterTwo).toBe('secondFactor');
    expect(clock.frame().lines[0]).toBe('Verification failed');
  });

  it('cancels the second factor with ESC, back to idle with nothing recorded', () => {
    const clock = testClock();
    enterId(clock, STAFF.idFinger.pin);

    clock.press('ESC');

    expect(clock.frame().screen).toBe('idle');
    expect(clock.punches()).toEqual([]);
  });
});
