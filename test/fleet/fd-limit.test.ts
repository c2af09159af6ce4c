// `--data` within the process's file descriptors, out of process under a shell's `ulimit -n`: a fleet that
// cannot fit (2 files a clock) is refused up front naming the numbers and the fix, never an uncaught
// SQLITE_CANTOPEN halfway; under a low soft limit alone Node raises it to the hard one and the run passes.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { readReport } from './helpers.js';
import { fleetProcess } from './processes.js';

const PROFILE = `name: fd test
start: '07:59:50'
duration: 1m
employeesPerClock: 2
powerOnSpread: 5s
day:
  - { at: '08:00', spread: 20s, share: 1 }
verify: { pin: 1 }
`;

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir('timeclock-fleet-fd-');
  fs.writeFileSync(temp.file('profile.yaml'), PROFILE);
});
afterEach(() => temp.remove());

function fleet(clocks: number, shell: string) {
  return fleetProcess(
    [
      ...['--clocks', String(clocks), '--cloud', 'embedded', '--profile', temp.file('profile.yaml')],
      ...['--speed', '10x', '--data', temp.file('clocks'), '--report', temp.file('report.json')],
    ],
    { shell },
  );
}

describe('--data under a limit on open files', () => {
  it('refuses a fleet that would not fit the hard limit, naming the numbers and the fix', async () => {
    const run = await fleet(400, 'ulimit -n 1024');

    expect(run.err).toBe(
      'timeclock fleet: --data: 400 clocks with --data keep 2 files open each (the SQLite file and its ' +
        '-wal): 800 + 256 sockets + 64 for the process = 1,120 file descriptors, but this process may open ' +
        '1,024 (its hard limit, ulimit -Hn). Raise the hard limit to 1,120 or more (ulimit -n 1120 before ' +
        'starting, --ulimit nofile=1120:1120 for a container, LimitNOFILE=1120 for a systemd unit), run at ' +
        'most 352 clocks a process (--shard), or leave out --data (stores in memory)\n',
    );
    expect(run.err).not.toMatch(/SQLITE_CANTOPEN|at .*\.js:\d+/);
    expect(fs.existsSync(temp.file('clocks'))).toBe(false);
    expect(run.code).toBe(2);
  });

  it('runs 100 clocks (200 files) under a soft limit of 256, which Node raises to the hard limit', async () => {
    const run = await fleet(100, 'ulimit -Sn 256');

    expect(run.code, run.err).toBe(0);
    const report = readReport(temp.file('report.json'));
    expect(report.totals).toMatchObject({ clocks: 100, planned: 200, made: 200, onServer: 200, lost: 0 });
    expect(fs.readdirSync(temp.file('clocks')).filter((f) => /^TC1A9\d+\.db$/.test(f))).toHaveLength(100);
  });
});
