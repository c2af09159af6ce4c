// Who may open the menu and what each clock role finds in it, down to About device.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { enterId, openMenuAs, testClock, type TestClockOptions } from '../fixtures/clock.js';
import { STAFF, fingerOf } from '../fixtures/staff.js';

/** A clock (with `options`) whose menu an Administrator has opened: its main page. */
function adminInMenu(options: TestClockOptions = {}): Clock {
  const clock = testClock(options);
  openMenuAs(clock, STAFF.admin.pin);
  return clock;
}

describe('opening the menu', () => {
  it('opens to anyone while no Manager or Administrator is enrolled', () => {
    const clock = testClock({ staff: ['user', 'secure'] });

    clock.press('MENU');

    expect(clock.frame().screen).toBe('menu.main');
    expect(clock.frame().lines).toContain('  3. Settings');
  });

  it('asks for verification once a Manager or an Administrator is enrolled', () => {
    const clock = testClock({ staff: ['user', 'manager'] });

    clock.press('MENU');

    expect(clock.frame().screen).toBe('menuAuth');
    expect(clock.frame().lines[0]).toBe('Administrator verification');
  });

  it('lets an Administrator in by finger', () => {
    const clock = testClock();
    clock.load({ users: [{ ...STAFF.admin, verifyMode: 6 }] });

    clock.press('MENU');
    clock.placeFinger(fingerOf(STAFF.admin));

    expect(clock.frame().screen).toBe('menu.main');
  });

  it.each<[answer: string, to: string, pin: string, users: (typeof STAFF.admin)[]]>([
    ['Access denied', 'a User (Pri 0) who verifies', STAFF.user.pin, []],
    [
      'Unknown User',
      'a badge number typed by a secure Administrator',
      STAFF.admin.pin,
      [{ ...STAFF.admin, verifyMode: 6 }],
    ],
  ])('answers "%s" to %s for the menu, and records no punch', (answer, _to, pin, users) => {
    const clock = testClock();
    if (users.length > 0) clock.load({ users });

    openMenuAs(clock, pin);

    expect(clock.frame().lines[0]).toBe(answer);
    expect(clock.punches()).toEqual([]);
  });

  it('closes with ESC from the main page, back to idle', () => {
    const clock = adminInMenu();

    clock.press('ESC');

    expect(clock.frame().screen).toBe('idle');
  });
});

describe('what each role sees', () => {
  it.each<[shown: string, pin: string, lines: string[]]>([
    [
      'an Administrator User management, Enroll fingerprint and Settings',
      STAFF.admin.pin,
      ['> 1. User management', '  2. Enroll fingerprint', '  3. Settings'],
    ],
    ['a Manager only Enroll fingerprint', STAFF.manager.pin, ['> 1. Enroll fingerprint']],
  ])('shows %s', (_shown, pin, lines) => {
    const clock = testClock();

    openMenuAs(clock, pin);

    expect(clock.frame().lines).toEqual(lines);
  });

  it('moves the highlight with DOWN and opens the highlighted item with OK', () => {
    const clock = adminInMenu();

    clock.press('DOWN');
    clock.press('DOWN');
    clock.press('OK');

    expect(clock.frame().screen).toBe('menu.settings');
  });
});

/** The support article's path: menu (three lines) > Settings > About device. */
function openAboutDevice(clock: Clock): void {
  clock.press('3');
  clock.press('5');
}

describe('About device', () => {
  it('shows the model, serial number, firmware version and MAC address', () => {
    const clock = adminInMenu({ serialNumber: 'TC1A004711' });

    openAboutDevice(clock);

    expect(clock.frame().title).toBe('About device');
    expect(clock.frame().lines.slice(0, 4)).toEqual([
      'Model: TC-Bio 700',
      'Serial number: TC1A004711',
      `Firmware: ${clock.model.firmwareVersion}`,
      `MAC: ${clock.macAddress}`,
    ]);
  });

  it('shows users, fingerprints, cards and punch records against the model capacity', () => {
    const clock = testClock();
    enterId(clock, STAFF.user.pin);
    clock.press('ESC');
    openMenuAs(clock, STAFF.admin.pin);

    openAboutDevice(clock);

    expect(clock.frame().lines.slice(4)).toEqual([
      'Users: 9/10000',
      'Fingerprints: 9/3000',
      'Cards: 4/10000',
      'Punches: 1/100000',
    ]);
  });

  it('goes back to Settings with ESC', () => {
    const clock = adminInMenu();
    openAboutDevice(clock);

    clock.press('ESC');

    expect(clock.frame().screen).toBe('menu.settings');
  });
});
