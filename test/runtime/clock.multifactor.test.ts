// Multi-factor verify modes: the clock asks for the next factor, punches when all are given, and
// gives a wrong password or finger a limited number of tries.
import { describe, expect, it } from 'vitest';
import { enterId, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF, fingerOf } from '../fixtures/staff.js';

describe('multi-factor verify modes', () => {
  it('asks a mode 8 user (ID + fingerprint) for a finger after the ID, then punches', () => {
    const clock = testClock();

    enterId(clock, STAFF.idFinger.pin);
    const prompt = clock.frame();
    clock.placeFinger(fingerOf(STAFF.idFinger));

    expect(prompt.screen).toBe('secondFactor');
    expect(prompt.lines).toContain('Place finger');
    expect(clock.frame().lines[0]).toBe('Thank you, Ida Eight');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.idFinger.pin, verify: 1 }]);
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

  it('asks a mode 11 user (card + password) for the password after the card, then punches', () => {
    const clock = testClock();

    clock.tapCard(STAFF.cardPassword.card);
    const prompt = clock.frame();
    enterId(clock, STAFF.cardPassword.password);

    expect(prompt.lines).toContain('Enter password');
    expect(clock.frame().lines[0]).toBe('Thank you, Carl Eleven');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.cardPassword.pin, verify: 4 }]);
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

  it('asks a mode 14 user ((ID or card) + fingerprint) for a finger after the card, then punches', () => {
    const clock = testClock();

    clock.tapCard(STAFF.idOrCardFinger.card);
    const prompt = clock.frame();
    clock.placeFinger(fingerOf(STAFF.idOrCardFinger));

    expect(prompt.lines).toContain('Place finger');
    expect(clock.frame().lines[0]).toBe('Thank you, Quin Fourteen');
  });

  it('asks a mode 14 user for a finger after the ID as well', () => {
    const clock = testClock();

    enterId(clock, STAFF.idOrCardFinger.pin);
    clock.placeFinger(fingerOf(STAFF.idOrCardFinger));

    expect(clock.frame().lines[0]).toBe('Thank you, Quin Fourteen');
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
