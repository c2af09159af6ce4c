// Enrolling a fingerprint on the clock: a Manager for someone else, three scans of the same finger,
// and the cloud's ENROLL_FP, which runs the same enrollment from the idle screen.
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/index.js';
import { openMenuAs, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

const NEWCOMER = newUser('2001', { name: 'Nia New', verifyMode: 6 });
const NIA_INDEX = '2001/right-index';

/** A Manager in the menu, at the scan page for the newcomer's right index finger. */
function managerScanningNewcomer() {
  const clock = testClock();
  clock.load({ users: [NEWCOMER] });
  openMenuAs(clock, STAFF.manager.pin);
  clock.press('1');
  clock.type(NEWCOMER.pin);
  clock.press('OK');
  clock.press('OK');
  return clock;
}

describe('a Manager enrolling a fingerprint for another user', () => {
  it('reaches the scan page for the chosen user, right index preselected', () => {
    const clock = managerScanningNewcomer();

    expect(clock.frame().screen).toBe('menu.enrollScan');
    expect(clock.frame().lines.slice(0, 3)).toEqual(['ID 2001  right-index', '', 'Scan 1 of 3']);
  });

  it('enrolls after three scans of the same finger and stores one template', () => {
    const clock = managerScanningNewcomer();

    for (let i = 0; i < 3; i++) clock.placeFinger(NIA_INDEX);

    expect(clock.frame().screen).toBe('menu.enrollDone');
    expect(screenBody(clock)).toContain('Enrolled');
    expect(clock.records.templates.listFor(NEWCOMER.pin)).toMatchObject([{ fid: 6, valid: true }]);
  });

  it('starts again when a different finger is placed', () => {
    const clock = managerScanningNewcomer();
    clock.placeFinger(NIA_INDEX);
    clock.placeFinger(NIA_INDEX);

    clock.placeFinger('2001/left-index');

    expect(screenBody(clock)).toContain('Different finger: start again');
    expect(screenBody(clock)).toContain('Scan 1 of 3');
    expect(clock.records.templates.listFor(NEWCOMER.pin)).toEqual([]);
  });

  it('does not count a poor scan', () => {
    const clock = managerScanningNewcomer();
    clock.placeFinger(NIA_INDEX);

    clock.placeFinger(NIA_INDEX, 'poor');

    expect(screenBody(clock)).toContain('Poor image: place again');
    expect(screenBody(clock)).toContain('Scan 2 of 3');
  });

  it('lets the newly enrolled finger punch', () => {
    const clock = managerScanningNewcomer();
    for (let i = 0; i < 3; i++) clock.placeFinger(NIA_INDEX);
    clock.press('ESC');
    clock.press('ESC');

    clock.placeFinger(NIA_INDEX);

    expect(clock.frame().lines[0]).toBe('Thank you, Nia New');
    expect(clock.punches()).toMatchObject([{ pin: NEWCOMER.pin, verify: 1 }]);
  });

  it('refuses a finger already enrolled for someone else', () => {
    const clock = managerScanningNewcomer();

    for (let i = 0; i < 3; i++) clock.placeFinger(`${STAFF.user.pin}/right-index`);

    expect(screenBody(clock)).toContain(`Already enrolled: ID ${STAFF.user.pin}`);
    expect(clock.records.templates.listFor(NEWCOMER.pin)).toEqual([]);
  });

  it('does not let a Manager enroll himself', () => {
    const clock = testClock();
    openMenuAs(clock, STAFF.manager.pin);
    clock.press('1');

    clock.type(STAFF.manager.pin);
    clock.press('OK');

    expect(clock.frame().screen).toBe('menu.enrollUser');
    expect(screenBody(clock)).toContain('Unknown ID or not allowed');
  });

  it('says the same of an ID the clock does not know', () => {
    const clock = testClock();
    openMenuAs(clock, STAFF.manager.pin);
    clock.press('1');

    clock.type('4242');
    clock.press('OK');

    expect(screenBody(clock)).toContain('Unknown ID or not allowed');
  });

  it('returns to the main page after the result has shown for 3 s', () => {
    const clock = managerScanningNewcomer();
    for (let i = 0; i < 3; i++) clock.placeFinger(NIA_INDEX);

    clock.advance(3_000);

    expect(clock.frame().screen).toBe('menu.main');
  });
});

describe('enrollment asked for by the cloud (ENROLL_FP)', () => {
  it('opens the scan page from idle without anyone verifying', () => {
    const clock = testClock();
    clock.load({ users: [NEWCOMER] });

    clock.send({ type: 'enroll.requested', pin: NEWCOMER.pin, fid: 6 });

    expect(clock.frame().screen).toBe('menu.enrollScan');
  });

  it('enrolls with three scans and returns to idle, not to the menu', () => {
    const clock = testClock();
    clock.load({ users: [NEWCOMER] });
    clock.send({ type: 'enroll.requested', pin: NEWCOMER.pin, fid: 6 });

    for (let i = 0; i < 3; i++) clock.placeFinger(NIA_INDEX);
    const done = screenBody(clock);
    clock.advance(3_000);

    expect(done).toContain('Enrolled');
    expect(clock.frame().screen).toBe('idle');
    expect(clock.records.templates.find(NEWCOMER.pin, 6)).toBeDefined();
  });

  it('returns to idle when cancelled with ESC', () => {
    const clock = testClock();
    clock.send({ type: 'enroll.requested', pin: NEWCOMER.pin, fid: 6 });

    clock.press('ESC');

    expect(clock.frame().screen).toBe('idle');
  });

  it('does not exist on the proximity-only model', () => {
    const clock = testClock({ device: 'proximity' });

    clock.send({ type: 'enroll.requested', pin: STAFF.user.pin, fid: 6 });

    expect(clock.frame().screen).toBe('idle');
  });
});
