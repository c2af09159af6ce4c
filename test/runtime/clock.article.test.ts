// The support article the clock models, and punching with each reader: who the badge number, a
// finger or a card identifies, and what the screen answers.
import { describe, expect, it } from 'vitest';
import { enterId, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF, fingerOf } from '../fixtures/staff.js';

describe('the support article: punching with the badge number', () => {
  it('answers "Unknown User" to a secure employee (Verify=6) typing the badge number, and records nothing', () => {
    const clock = testClock();

    enterId(clock, STAFF.secure.pin);

    expect(clock.frame().lines[0]).toBe('Unknown User');
    expect(clock.punches()).toEqual([]);
  });

  it('thanks a non-secure employee (Verify=0) by name and records the punch', () => {
    const clock = testClock();

    enterId(clock, STAFF.user.pin);

    expect(clock.frame().lines[0]).toBe('Thank you, Una User');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.user.pin, verify: 0, time: clock.now() }]);
  });

  it('punches the same employee by badge number once the portal sets them non-secure', () => {
    const clock = testClock();
    clock.load({ users: [{ ...STAFF.secure, verifyMode: 0 }] });

    enterId(clock, STAFF.secure.pin);

    expect(clock.frame().lines[0]).toBe('Thank you, Sam Secure');
  });

  it('answers "Unknown User" to a badge number the clock does not know', () => {
    const clock = testClock();

    enterId(clock, '4242');

    expect(clock.frame().lines[0]).toBe('Unknown User');
  });
});

describe('punching with a finger or a card', () => {
  it('punches a secure employee with an enrolled finger, recorded as a fingerprint punch', () => {
    const clock = testClock();

    clock.placeFinger(fingerOf(STAFF.secure));

    expect(clock.frame().lines[0]).toBe('Thank you, Sam Secure');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.secure.pin, verify: 1 }]);
  });

  it('punches a secure employee with their card, recorded as a card punch', () => {
    const clock = testClock();

    clock.tapCard(STAFF.secure.card);

    expect(clock.frame().lines[0]).toBe('Thank you, Sam Secure');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.secure.pin, verify: 4 }]);
  });

  it('answers "Unknown card" to a card no one has', () => {
    const clock = testClock();

    clock.tapCard(987654);

    expect(clock.frame().lines[0]).toBe('Unknown card');
    expect(clock.punches()).toEqual([]);
  });

  it('answers "Verification failed" to a finger no one enrolled', () => {
    const clock = testClock();

    clock.placeFinger('5555/right-index');

    expect(screenBody(clock)).toContain('Verification failed');
    expect(clock.punches()).toEqual([]);
  });

  it('answers "Poor image" to a poor read of an enrolled finger', () => {
    const clock = testClock();

    clock.placeFinger(fingerOf(STAFF.secure), 'poor');

    expect(clock.frame().lines[0]).toBe('Poor image');
    expect(clock.punches()).toEqual([]);
  });

  it('shows the red LED and the error beep on a failure, the green LED and the good beep on a punch', () => {
    const clock = testClock();

    clock.tapCard(987654);
    const failed = clock.frame();
    clock.press('ESC');
    clock.tapCard(STAFF.secure.card);
    const punched = clock.frame();

    expect([failed.leds, failed.beep]).toEqual([{ green: false, red: true }, 'error']);
    expect([punched.leds, punched.beep]).toEqual([{ green: true, red: false }, 'ok']);
  });
});
