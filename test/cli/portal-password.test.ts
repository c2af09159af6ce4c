// The portal's first SysAdmin password where a newcomer looks, from real processes on a real data folder:
// the first start prints it, every later start says the command that prints it, and after
// `timeclock cloud --data DIR accounts reset-password admin` that command prints the new one, which signs
// in while the old one does not. `--data` names the same folder for run and cloud; a database file given
// the old way still works and says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../src/cloud/domain/accounts.js';
import { openCloudStore } from '../../src/cloud/db/store.js';
import { createLogger } from '../../src/log.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const temp = makeTempDir('timeclock-password-');
afterAll(() => temp.remove());

/** Starts the clock on the data folder, waits for its banner to end, stops it; resolves with what it printed. */
async function startAndStop(data: string): Promise<string> {
  const clock = ClockProcess.start(['--data', data, '--lan', 'off']);
  await clock.waitFor(/Type commands/);
  await clock.stop();
  return clock.text;
}

function timeclock(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

function signsIn(data: string, password: string): boolean {
  const store = openCloudStore(path.join(data, 'cloud.db'), Date.now(), { shared: true });
  try {
    return new Accounts(store, Date.now, createLogger({ level: 'silent' })).signIn('admin', password).ok;
  } finally {
    store.close();
  }
}

describe('the first SysAdmin password of a clock with data on disk', () => {
  const data = temp.file('data');
  const file = path.join(data, 'portal-password.txt');
  let first = '';

  it('is printed at the first start, and kept in the data folder', async () => {
    const banner = await startAndStop(data);

    first = /portal: first SysAdmin "admin", password (\S+)/.exec(banner)?.[1] ?? '';
    expect(first).toMatch(/^\w{16}$/);
    expect(fs.readFileSync(file, 'utf8')).toContain(`password: ${first}`);
  }, 60_000);

  it('is printed by the command every later start shows', async () => {
    const banner = await startAndStop(data);

    const command = /portal: sign in as "admin"; its password: (cat \S+)/.exec(banner)?.[1];
    expect(command).toBe(`cat ${file}`);
    const printed = spawnSync('sh', ['-c', command!], { encoding: 'utf8' }).stdout;
    expect(printed).toContain(`password: ${first}`);
  }, 60_000);

  it('stays true after accounts reset-password on the same --data folder', () => {
    const reset = timeclock('cloud', '--data', data, 'accounts', 'reset-password', 'admin');

    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stderr).toBe('');
    const next = /new password for admin: (\S+)/.exec(reset.stdout)?.[1] ?? '';
    expect(next).toMatch(/^\w{16}$/);
    expect(fs.readFileSync(file, 'utf8')).toContain(`password: ${next}`);
    expect(signsIn(data, next)).toBe(true);
    expect(signsIn(data, first)).toBe(false);
  }, 60_000);

  it('is reached through the database file given the old way, which says so', () => {
    const listed = timeclock('cloud', '--data', path.join(data, 'cloud.db'), 'accounts', 'list');

    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^admin\tsysadmin/m);
    expect(listed.stderr).toContain(`--data now names the data folder, which holds cloud.db (--data ${data})`);
  }, 60_000);
});
