// The keypad lockout outlives a power cut: five wrong IDs lock ID entry, the clock process is killed with
// SIGKILL and started again on the same data, and a guess typed at once is still refused for the time
// left of the lock. Virtual time starts at the same minute in both runs, so the time left is the whole
// minute, and advancing past it lets the next ID through.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../fixtures/after-each.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { tempDirForTest } from '../fixtures/temp-dir.js';

function start(data: string): ClockProcess {
  const clock = ClockProcess.start([
    '--data',
    data,
    '--lan',
    'off',
    '--cloud',
    'none',
    '--time',
    'virtual:2026-11-25T07:58:00',
  ]);
  closeAfterEach(() => clock.kill());
  return clock;
}

describe('the keypad lockout across a SIGKILL', () => {
  it('still refuses a guess typed at once after the restart, for the time that was left', async () => {
    const dir = tempDirForTest('timeclock-lockout-');
    const first = start(dir.path);
    await first.waitFor(/Type commands/);
    for (let i = 0; i < 5; i++) await first.send(['4242', 'ok'], /Unknown User/);
    await first.send(['4'], /Keypad locked\n\s*\nTry again in 60 s/);

    await first.kill('SIGKILL');
    const second = start(dir.path);
    await second.waitFor(/Type commands/);

    const guess = await second.send(['1003'], /Keypad locked\n\s*\nTry again in \d+ s/);
    expect(guess).toContain('Try again in 60 s');
    await second.send(['wait 60000'], /\d\d:\d\d/);
    await second.send(['1003', 'ok'], /Thank you, Chen Wei/);
  }, 90_000);

  it('needs the lock: a clock restarted without one takes the ID at once (the check above can fail)', async () => {
    const dir = tempDirForTest('timeclock-lockout-');
    const first = start(dir.path);
    await first.waitFor(/Type commands/);
    for (let i = 0; i < 4; i++) await first.send(['4242', 'ok'], /Unknown User/);
    await first.send(['4'], /Enter ID\n\s*4_/);

    await first.kill('SIGKILL');
    const second = start(dir.path);
    await second.waitFor(/Type commands/);

    await second.send(['1003', 'ok'], /Thank you, Chen Wei/);
  }, 90_000);
});
