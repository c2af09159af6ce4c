// The user list's search by name with multi-tap letters, About device under Settings as the support
// article has it, and MENU on a result screen.
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { enterId, openMenuAs, screenBody, testClock } from '../fixtures/clock.js';

let clock: Clock;
afterEach(() => clock.close());

function openUserList(c: Clock): void {
  openMenuAs(c, '1001');
  c.press('1');
}

describe('the user list', () => {
  it('searches by ID prefix with digits', () => {
    clock = testClock();
    openUserList(clock);

    clock.type('101');

    expect(screenBody(clock)).toContain('1011');
    expect(screenBody(clock)).not.toContain('Ada Admin');
  });

  it('switches to a name search with F1, where 9 9 types "x" within a second', () => {
    clock = testClock();
    openUserList(clock);

    clock.press('F1');
    clock.press('9');
    clock.press('9');

    expect(clock.frame().lines[0]).toContain('Name: x_');
    expect(screenBody(clock)).toContain('Max Manager');
    expect(screenBody(clock)).not.toContain('Ada Admin');
  });

  it('moves to the next letter when the same key comes after a pause', () => {
    clock = testClock();
    openUserList(clock);
    clock.press('F1');

    clock.press('2');
    clock.advance(1_500);
    clock.press('2');

    expect(clock.frame().lines[0]).toContain('Name: aa_');
  });
});

describe('the menu', () => {
  it('has About device under Settings, with the serial number', () => {
    clock = testClock();
    openMenuAs(clock, '1001');

    clock.press('3');
    clock.press('5');

    expect(clock.frame().screen).toBe('menu.about');
    expect(screenBody(clock)).toContain(`Serial number: ${clock.serialNumber}`);
  });

  it('opens from a result screen without waiting for it to time out', () => {
    clock = testClock();
    enterId(clock, '1003');
    expect(clock.frame().screen).toBe('result');

    clock.press('MENU');

    expect(clock.frame().screen).toBe('menuAuth');
  });
});
