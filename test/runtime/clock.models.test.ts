// The two online icons, and what a clock model without a fingerprint reader does not have.
import { describe, expect, it } from 'vitest';
import { openMenuAs, testClock } from '../fixtures/clock.js';
import { STAFF, fingerOf } from '../fixtures/staff.js';

describe('the online icons', () => {
  it.each([
    ['an X on both icons while the network link is down', ['cloud up', 'link down'], { network: 'x', cloud: 'x' }],
    [
      'a red dot on the cloud icon while the link is up and the cloud server does not answer',
      ['cloud up', 'cloud down'],
      { network: 'none', cloud: 'red-dot' },
    ],
    ['no mark when the link and the cloud server are both fine', ['cloud up'], { network: 'none', cloud: 'none' }],
    [
      'the cloud marked at power-on: the clock has not reached its server yet',
      [],
      { network: 'none', cloud: 'red-dot' },
    ],
  ] as const)('show %s', (_case, changes, icons) => {
    const clock = testClock();

    for (const change of changes) {
      const [what, state] = change.split(' ');
      if (what === 'link') clock.setLink(state === 'up');
      else clock.setCloud(state === 'up');
    }

    expect(clock.frame().icons).toEqual(icons);
  });

  it('tells a change of the network cable once, and not a cable set as it already was', () => {
    const clock = testClock();
    const told: boolean[] = [];
    clock.on('link.changed', ({ up }) => told.push(up));

    clock.setLink(true);
    clock.setLink(false);
    clock.setLink(false);
    clock.setLink(true);

    expect(told).toEqual([false, true]);
  });

  it('draw the marks in the status bar text', () => {
    const clock = testClock();

    clock.setLink(false);

    expect(clock.screenText().split('\n')[0]).toMatch(/⇄x ☁x$/);
  });
});

describe('the proximity-only model', () => {
  it('ignores a finger on a reader it does not have', () => {
    const clock = testClock({ device: 'proximity' });

    clock.placeFinger(fingerOf(STAFF.secure));

    expect(clock.frame().screen).toBe('idle');
    expect(clock.punches()).toEqual([]);
  });

  it('punches with a card', () => {
    const clock = testClock({ device: 'proximity' });

    clock.tapCard(STAFF.secure.card);

    expect(clock.frame().lines[0]).toBe('Thank you, Sam Secure');
  });

  it('asks for an ID or a card on the idle screen', () => {
    const clock = testClock({ device: 'proximity' });

    expect(clock.frame().lines.at(-1)).toBe('Enter ID or card');
  });

  it('has no Enroll fingerprint item in the Administrator menu', () => {
    const clock = testClock({ device: 'proximity' });

    openMenuAs(clock, STAFF.admin.pin);

    expect(clock.frame().lines).toEqual(['> 1. User management', '  2. Settings']);
  });

  it('denies a Manager the menu: enrolling fingerprints, all a Manager may do, is not there', () => {
    const clock = testClock({ device: 'proximity' });

    openMenuAs(clock, STAFF.manager.pin);

    expect(clock.frame().lines[0]).toBe('Access denied');
  });

  it('offers no fingerprint enrollment on the user details', () => {
    const clock = testClock({ device: 'proximity' });
    openMenuAs(clock, STAFF.admin.pin);
    clock.press('1');
    clock.press('OK');

    clock.press('1');

    expect(clock.frame().screen).toBe('menu.userDetail');
    expect(clock.frame().lines).not.toContain('1. Enroll fingerprint');
  });

  it('refuses a mode that needs a fingerprint as not supported on this model', () => {
    const clock = testClock({ device: 'proximity' });

    clock.type(STAFF.idFinger.pin);
    clock.press('OK');

    expect(clock.frame().lines[0]).toBe('Verify mode not supported');
  });
});

describe('the network cable across a restart', () => {
  it('stays unplugged after a restart, as a real cable would', () => {
    const clock = testClock();
    clock.setLink(false);

    clock.restart();

    expect(clock.linkUp()).toBe(false);
    expect(clock.frame().icons).toEqual({ network: 'x', cloud: 'x' });
    clock.close();
  });
});
