// Settings edited on the clock's keypad: each is checked, saved to the store before the screen says
// so, and in force at once.
import { describe, expect, it } from 'vitest';
import type { Key } from '../../firmware/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { openMenuAs, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

/** An Administrator on the Settings page, then on the page the keys lead to (`'1', '2'`: Network, its IP field). */
function adminInSettings(...path: Key[]): Clock {
  const clock = testClock();
  openMenuAs(clock, STAFF.admin.pin);
  clock.press('3');
  for (const key of path) clock.press(key);
  return clock;
}

/** Replaces the text of the field being edited: digits as typed, `.` as F1 and `:` as F2. */
function retype(clock: Clock, text: string): void {
  for (let i = 0; i < 40; i++) clock.press('BACK');
  for (const char of text) clock.press((char === '.' ? 'F1' : char === ':' ? 'F2' : char) as Key);
}

/** An Administrator saves `text` (OK) in the field that `path` leads to, then leaves page by page back to idle. */
function adminSaves(text: string, ...path: Key[]): Clock {
  const clock = adminInSettings(...path);
  retype(clock, text);
  clock.press('OK');
  for (let page = 0; page <= path.length; page++) clock.press('ESC');
  return clock;
}

describe('network settings', () => {
  it('saves a valid IP address and shows it on the Network page', () => {
    const clock = adminInSettings('1', '2');

    retype(clock, '10.0.0.5');
    clock.press('OK');

    expect(clock.frame().screen).toBe('menu.network');
    expect(clock.frame().lines).toContain('2. IP: 10.0.0.5');
    expect(clock.records.settings.load()?.ip).toBe('10.0.0.5');
  });

  it.each(['10.0.0', '300.1.1.1', ''])('refuses "%s" as an IP address and stays on the field', (text) => {
    const clock = adminInSettings('1', '2');

    retype(clock, text);
    clock.press('OK');

    expect(clock.frame().screen).toBe('menu.edit');
    expect(screenBody(clock)).toContain('Not an IPv4 address');
    expect(clock.settings().ip).toBe('192.168.1.201');
  });

  it('toggles DHCP with key 1 and saves it', () => {
    const clock = adminInSettings('1');

    clock.press('1');

    expect(clock.frame().lines).toContain('1. DHCP: off');
    expect(clock.records.settings.load()?.dhcp).toBe(false);
  });

  it('shows whether the link is up', () => {
    const clock = adminInSettings();
    clock.setLink(false);

    clock.press('1');

    expect(clock.frame().lines[0]).toBe('Link: down (DHCP)');
  });
});

describe('the cloud server address', () => {
  it('saves IP:port as an http address', () => {
    const clock = adminInSettings('2');

    retype(clock, '10.1.2.3:8081');
    clock.press('OK');

    expect(clock.frame().screen).toBe('menu.settings');
    expect(clock.records.settings.load()?.cloudServer).toBe('http://10.1.2.3:8081');
  });

  it('refuses an address that is not IP or IP:port', () => {
    const clock = adminInSettings('2');

    retype(clock, '10.1.2');
    clock.press('OK');

    expect(screenBody(clock)).toContain('Use IP or IP:port');
    expect(clock.settings().cloudServer).toBe('');
  });

  it('shows the address the cloud link talks to, though the setting is empty', () => {
    const clock = adminInSettings();
    clock.send({ type: 'cloud.linked', server: 'http://127.0.0.1:8081', attendanceUpload: true });

    clock.press('2');

    expect(clock.frame().lines).toEqual(expect.arrayContaining(['  _', 'Talks to:', '  127.0.0.1:8081']));
    expect(clock.frame().lines).toContain('attendance upload: on');
  });

  it("says attendance upload is off when the server's TransFlag leaves AttLog out", () => {
    const clock = adminInSettings();
    clock.send({ type: 'cloud.linked', server: 'http://10.1.2.3:8081', attendanceUpload: false });

    clock.press('2');

    expect(clock.frame().lines).toEqual(
      expect.arrayContaining(['  10.1.2.3:8081', 'attendance upload: off', "(server's TransFlag)"]),
    );
  });

  it('shows no upload line before a server answered, and no link lines without a cloud link', () => {
    const linked = adminInSettings();
    linked.send({ type: 'cloud.linked', server: 'http://10.1.2.3:8081', attendanceUpload: null });
    const alone = adminInSettings();

    linked.press('2');
    alone.press('2');

    expect(linked.frame().lines).toContain('  10.1.2.3:8081');
    expect(screenBody(linked)).not.toContain('attendance upload');
    expect(screenBody(alone)).not.toContain('Talks to');
  });

  it('keeps the old address when the edit is left with ESC', () => {
    const clock = adminInSettings('2');

    retype(clock, '10.1.2.3');
    clock.press('ESC');

    expect(clock.frame().screen).toBe('menu.settings');
    expect(clock.settings().cloudServer).toBe('');
  });
});

describe('date and time', () => {
  it('sets the clock: the idle screen shows the new time, and it keeps running from there', () => {
    const clock = adminSaves('202611251430', '3');
    const set = clock.frame().title;
    clock.advance(60_000);

    expect(set).toBe('14:30');
    expect(clock.frame().title).toBe('14:31');
    expect(clock.screenText()).toContain('Wed 2026-11-25');
  });

  it('stamps punches with the new time', () => {
    const clock = adminSaves('202612010900', '3');

    clock.tapCard(STAFF.user.card);

    expect(clock.punches()[0]?.time).toBe(Date.parse('2026-12-01T09:00:00Z'));
  });

  it('refuses a date that does not exist', () => {
    const clock = adminInSettings('3');

    retype(clock, '202602301200');
    clock.press('OK');

    expect(screenBody(clock)).toContain('Not a date: YYYYMMDDHHMM');
  });
});

describe('punch rules', () => {
  it('saves a new duplicate window, in force for the next punch', () => {
    const clock = adminSaves('120', '4', '1');

    clock.tapCard(STAFF.user.card);
    clock.advance(90_000);
    clock.tapCard(STAFF.user.card);

    expect(clock.records.settings.load()?.duplicateWindowSeconds).toBe(120);
    expect(clock.frame().lines[0]).toBe('Already punched');
  });

  it('refuses a duplicate window longer than a day', () => {
    const clock = adminInSettings('4', '1');

    retype(clock, '86401');
    clock.press('OK');

    expect(screenBody(clock)).toContain('0 to 86400 seconds');
  });

  it('cycles the default punch state with key 2 and saves it', () => {
    const clock = adminInSettings('4');

    clock.press('2');

    expect(clock.frame().lines[1]).toBe('2. Default state: Check In');
    expect(clock.records.settings.load()?.punchStateRule).toEqual({ kind: 'fixed', state: 0 });
  });
});
