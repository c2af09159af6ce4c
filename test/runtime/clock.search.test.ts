// The user list's search by name with multi-tap letters, About device under Settings as the support
// article has it, and MENU on a result screen.
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { enterId, openMenuAs, screenBody, testClock } from '../fixtures/clock.js';

let clock: Clock;
afterEach(() => clock.close());

/** A new clock on the menu's user list, opened by its Administrator (1001). */
function openUserList(): Clock {
  const opened = testClock();
  openMenuAs(opened, '1001');
  opened.press('1');
  return opened;
}

describe('the user list', () => {
  it.each<[title: string, search: (list: Clock) => void, heading: string, found: string]>([
    ['searches by ID prefix with digits', (list) => list.type('101'), 'ID: 101_', '1011'],
    [
      'switches to a name search with F1, where 9 9 types "x" within a second',
      (list) => {
        list.press('F1');
        list.type('99');
      },
      'Name: x_',
      'Max Manager',
    ],
  ])('%s', (_title, search, heading, found) => {
    clock = openUserList();

    search(clock);

    expect(clock.frame().lines[0]).toContain(heading);
    expect(screenBody(clock)).toContain(found);
    expect(screenBody(clock)).not.toContain('Ada Admin');
  });

  it('moves to the next letter when the same key comes after a pause', () => {
    clock = openUserList();
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
