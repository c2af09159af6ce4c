// `timeclock run --time`: real time by default, or virtual time from a given local date and time that
// moves only when advanced, so that a session over the control protocol or the console is reproducible.
import { Command } from 'commander';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addRunOptions, parseRunTime, resolveRunConfig, runFlagsOf } from '../../src/cli/config.js';
import { runCommand } from '../../src/cli/run.js';
import { makeTempDir, type TempDir } from '../store/temp-dir.js';
import { captureRunIo } from './capture.js';

let dir: TempDir | undefined;
afterEach(() => dir?.remove());

function timeOf(argv: string[], env: NodeJS.ProcessEnv = {}) {
  dir = makeTempDir();
  const command = addRunOptions(new Command('run')).exitOverride();
  command.parse(argv, { from: 'user' });
  return resolveRunConfig(runFlagsOf(command), { XDG_DATA_HOME: dir.path, ...env }, dir.path).time;
}

describe('timeclock run --time', () => {
  it('runs in real time unless told otherwise', () => {
    expect(timeOf([])).toBe('real');
  });

  it('takes virtual time from a local date and time, by flag or by TIMECLOCK_TIME', () => {
    expect(timeOf(['--time', 'virtual:2026-11-25T07:58:00'])).toEqual({ virtual: '2026-11-25T07:58:00' });
    expect(timeOf([], { TIMECLOCK_TIME: 'virtual:2026-11-25 07:58' })).toEqual({ virtual: '2026-11-25T07:58' });
  });

  it('starts plain virtual time at the host’s local time now', () => {
    expect(parseRunTime('virtual', new Date(2026, 10, 25, 7, 58, 3))).toEqual({ virtual: '2026-11-25T07:58:03' });
  });

  it('names a bad value with where it came from', () => {
    expect(() => timeOf(['--time', 'virtual:tomorrow'])).toThrow(
      /^--time must be real, virtual or virtual:YYYY-MM-DDTHH:MM\[:SS\].*got "virtual:tomorrow"/,
    );
    expect(() => timeOf([], { TIMECLOCK_TIME: 'fast' })).toThrow(/^TIMECLOCK_TIME must be real, virtual/);
  });

  it('holds the screen still until the console says wait, then times the result out', async () => {
    dir = makeTempDir();
    const run = captureRunIo({ XDG_DATA_HOME: dir.path, TIMECLOCK_LOG_LEVEL: 'silent' }, [
      '1002',
      'ok',
      'wait 5000',
      'quit',
    ]);

    const status = await runCommand(
      ['--memory', '--headless', '--cloud', 'none', '--time', 'virtual:2026-11-25T07:58:00'],
      run.io,
    );

    expect(status).toBe(0);
    expect(run.out()).toContain('time: virtual from 2026-11-25T07:58:00');
    expect(run.out()).toContain('Check In  2026-11-25 07:58:00');
    expect(run.out().split('Thank you, Bruno Silva')[1]).toContain('Enter ID, finger or card');
  });

  it('stays on virtual time with the embedded cloud: its handshake does not set the clock to the host’s', async () => {
    dir = makeTempDir();
    const run = captureRunIo({ XDG_DATA_HOME: dir.path, TIMECLOCK_LOG_LEVEL: 'silent' });
    const stdin = new PassThrough();
    const status = runCommand(['--memory', '--headless', '--lan', 'off', '--time', 'virtual:2026-11-25T07:58:00'], {
      ...run.io,
      stdin,
    });

    // The cloud icon without its red dot: the embedded cloud answered the handshake (and its Date).
    await vi.waitFor(() => expect(run.out()).toMatch(/☁ \n/), { timeout: 10_000 });
    stdin.end('1002\nok\nquit\n');

    expect(await status).toBe(0);
    expect(run.out()).toContain('Check In  2026-11-25 07:58:00');
  });
});
