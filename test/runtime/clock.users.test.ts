// User management on the clock: the user list, its search, a user's details, and deleting a user.
import { describe, expect, it } from 'vitest';
import { openMenuAs, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF, fingerOf } from '../fixtures/staff.js';

/** An Administrator on the User management page. */
function adminOnUserList() {
  const clock = testClock();
  openMenuAs(clock, STAFF.admin.pin);
  clock.press('1');
  return clock;
}

/** An Administrator on the details of the user found by typing their badge number. */
function adminOnDetailsOf(pin: string) {
  const clock = adminOnUserList();
  clock.type(pin);
  clock.press('OK');
  return clock;
}

describe('the user list', () => {
  it('lists users in badge order with the count', () => {
    const clock = adminOnUserList();

    expect(clock.frame().lines[0]).toBe('ID: _ (9) F1:name');
    expect(clock.frame().lines[1]).toBe('> 1001     Ada Admin');
  });

  it('finds a user by the start of the badge number', () => {
    const clock = adminOnUserList();

    clock.type('1004');

    expect(clock.frame().lines.slice(1)).toEqual(['> 1004     Sam Secure']);
  });

  it('says so when nothing matches', () => {
    const clock = adminOnUserList();

    clock.type('9');

    expect(clock.frame().lines[1]).toBe('  (no match)');
  });
});

describe("a user's details", () => {
  it('shows role, card, enrolled fingers and verify mode', () => {
    const clock = adminOnDetailsOf(STAFF.secure.pin);

    expect(clock.frame().lines.slice(0, 5)).toEqual([
      'ID 1004  Sam Secure',
      'Role: user',
      'Card: 4004',
      'Fingers: right-index',
      'Verify: Fingerprint or card',
    ]);
  });

  it('shows the longest verify mode names whole', () => {
    const clock = adminOnDetailsOf(STAFF.idOrCardFinger.pin);

    expect(screenBody(clock)).toContain('(User ID or card) + fingerprint');
  });
});

describe('deleting a user from the menu', () => {
  it('asks for confirmation and warns that templates go too', () => {
    const clock = adminOnDetailsOf(STAFF.secure.pin);

    clock.press('2');

    expect(clock.frame().lines.slice(0, 2)).toEqual(['Delete ID 1004?', 'Templates are deleted too.']);
  });

  it('deletes the user and their templates on OK', () => {
    const clock = adminOnDetailsOf(STAFF.secure.pin);
    clock.press('2');

    clock.press('OK');

    expect(clock.records.users.findByPin(STAFF.secure.pin)).toBeUndefined();
    expect(clock.records.templates.listFor(STAFF.secure.pin)).toEqual([]);
    expect(clock.frame().screen).toBe('menu.users');
    expect(screenBody(clock)).toContain('Deleted 1004');
  });

  it("no longer knows the deleted user's finger or card", () => {
    const clock = adminOnDetailsOf(STAFF.secure.pin);
    clock.press('2');
    clock.press('OK');
    clock.press('ESC');
    clock.press('ESC');

    clock.placeFinger(fingerOf(STAFF.secure));
    const finger = clock.frame().lines[0];
    clock.press('ESC');
    clock.tapCard(STAFF.secure.card);

    expect(finger).toBe('Verification failed');
    expect(clock.frame().lines[0]).toBe('Unknown card');
  });

  it('keeps the user when the confirmation is refused with ESC', () => {
    const clock = adminOnDetailsOf(STAFF.secure.pin);
    clock.press('2');

    clock.press('ESC');

    expect(clock.frame().screen).toBe('menu.userDetail');
    expect(clock.records.users.findByPin(STAFF.secure.pin)).toBeDefined();
  });

  it('records the deletion in the operation log for the cloud', () => {
    const clock = adminOnDetailsOf(STAFF.secure.pin);
    clock.press('2');

    clock.press('OK');

    expect(clock.records.operations.after(0, 100).at(-1)).toMatchObject({ op: 9, admin: STAFF.admin.pin });
  });
});
