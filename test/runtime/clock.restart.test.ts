// Persistence across power cycles on a real SQLite file: what the clock learned is there after a
// restart and after the file is closed and opened again by a new clock.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { MORNING, enterId, openMenuAs, testClock } from '../fixtures/clock.js';
import { STAFF, type StaffKey } from '../fixtures/staff.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';

let dir: TempDir;
const open: Clock[] = [];

/** A clock on the test's store file, closed after the test. */
function clockOnFile(staff: readonly StaffKey[] = []): Clock {
  const clock = testClock({ store: dir.file('clock.db'), staff });
  open.push(clock);
  return clock;
}

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  for (const clock of open.splice(0)) clock.close();
  dir.remove();
});

/** Sets the duplicate window on the keypad, as an Administrator, and goes back to idle. */
function setDuplicateWindow(clock: Clock, seconds: string): void {
  clock.advance(3_000);
  openMenuAs(clock, STAFF.admin.pin);
  for (const key of ['3', '4', '1', 'BACK', 'BACK'] as const) clock.press(key);
  clock.type(seconds);
  for (const key of ['OK', 'ESC', 'ESC', 'ESC'] as const) clock.press(key);
}

describe('restart on a SQLite file', () => {
  it('keeps punches, users and settings across restart()', () => {
    const clock = clockOnFile();
    clock.load({ users: [STAFF.admin] });
    clock.load({ users: [STAFF.user] });
    enterId(clock, STAFF.user.pin);
    setDuplicateWindow(clock, '90');

    clock.restart();

    expect(clock.punches()).toMatchObject([{ pin: STAFF.user.pin, state: 0 }]);
    expect(clock.records.users.count()).toBe(2);
    expect(clock.settings().duplicateWindowSeconds).toBe(90);
  });

  it('comes back from restart() on the idle screen', () => {
    const clock = clockOnFile(['user']);
    clock.type('10');

    clock.restart();

    expect(clock.frame().screen).toBe('idle');
  });

  it('keeps everything when the file is closed and a new clock opens it', () => {
    const first = clockOnFile(['admin', 'user', 'secure']);
    enterId(first, STAFF.user.pin);
    first.tapCard(STAFF.secure.card);
    setDuplicateWindow(first, '30');
    first.close();

    const second = clockOnFile([]);

    expect(second.punches().map((p) => p.pin)).toEqual([STAFF.user.pin, STAFF.secure.pin]);
    expect(second.records.users.findByPin(STAFF.secure.pin)).toEqual(STAFF.secure);
    expect(second.records.templates.count()).toBe(3);
    expect(second.settings().duplicateWindowSeconds).toBe(30);
  });

  it('still knows, after a reopen, who punched last: a punch within the window is refused', () => {
    const first = clockOnFile(['user']);
    first.tapCard(STAFF.user.card);
    first.close();

    const second = clockOnFile([]);
    second.tapCard(STAFF.user.card);

    expect(second.frame().lines[0]).toBe('Already punched');
    expect(second.punches()).toHaveLength(1);
  });

  it('keeps the time set on the clock across a reopen', () => {
    const first = clockOnFile(['admin']);
    openMenuAs(first, STAFF.admin.pin);
    for (const key of ['3', '3'] as const) first.press(key);
    for (let i = 0; i < 12; i++) first.press('BACK');
    first.type('202611251430');
    first.press('OK');
    first.close();

    const second = clockOnFile([]);

    expect(second.frame().title).toBe('14:30');
  });

  it('keeps the menu locked after a reopen once an Administrator is enrolled', () => {
    const first = clockOnFile([]);
    first.load({ users: [newUser('7', { privilege: 14 })] });
    first.close();

    const second = clockOnFile([]);
    second.press('MENU');

    expect(second.frame().screen).toBe('menuAuth');
  });

  it('starts in virtual time at the time it was given, whatever the file holds', () => {
    const clock = clockOnFile([]);

    expect(clock.frame().title).toBe(MORNING.slice(11, 16));
  });
});

describe('a store the clock cannot power on from', () => {
  /** Writes the settings row as raw text, as a damaged flash page would hold it. */
  function writeSettingsRow(json: string): void {
    const db = new Database(dir.file('clock.db'));
    db.prepare('UPDATE settings SET json = ? WHERE id = 1').run(json);
    db.close();
  }

  it('stops start-up with an error naming the clock and the fault', () => {
    const first = clockOnFile(['admin']);
    setDuplicateWindow(first, '30');
    first.close();
    writeSettingsRow('{"duplicateWindowSeconds":');

    expect(() => clockOnFile()).toThrow(/^clock TC1A000001 cannot power on: .*JSON/);
  });

  it('leaves the file unlocked, so that the clock starts once the file is repaired', () => {
    const first = clockOnFile(['admin']);
    setDuplicateWindow(first, '30');
    first.close();
    writeSettingsRow('{"duplicateWindowSeconds":');
    expect(() => clockOnFile()).toThrow();

    writeSettingsRow(JSON.stringify({ ...first.settings(), duplicateWindowSeconds: 45 }));
    const second = clockOnFile();

    expect(second.settings().duplicateWindowSeconds).toBe(45);
  });
});
