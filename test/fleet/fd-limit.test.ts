// `--data` within the process's file descriptors, out of process under a shell's `ulimit -n`: the clocks
// share one SQLite file (two descriptors whatever their number), so the 400 clocks under 1,024
// run; a run that cannot fit (too many sockets) is refused up front naming the numbers and the fix, never
// an uncaught SQLITE_CANTOPEN halfway; under a low soft limit Node raises it to the hard one.
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

function fleet(clocks: number, shell: string, more: string[] = []) {
  return fleetProcess(
    [
      ...['--clocks', String(clocks), '--cloud', 'embedded', '--profile', temp.file('profile.yaml')],
      ...['--speed', '10x', '--data', temp.file('clocks'), '--report', temp.file('report.json'), ...more],
    ],
    { shell },
  );
}

describe('--data under a limit on open files', () => {
  it('runs 400 clocks under a hard limit of 1,024 (the issue: it died at clock 314), every punch kept', async () => {
    const run = await fleet(400, 'ulimit -n 1024');

    expect(run.code, run.err).toBe(0);
    const report = readReport(temp.file('report.json'));
    expect(report.totals).toMatchObject({ clocks: 400, planned: 800, made: 800, onServer: 800, lost: 0 });
    expect(fs.readdirSync(temp.file('clocks')).filter((f) => f.startsWith('clocks.db'))).toEqual(
      expect.arrayContaining(['clocks.db']),
    );
  }, 240_000);

  it('refuses a run that would not fit the hard limit, naming the numbers and the fix', async () => {
    const run = await fleet(10, 'ulimit -n 1024', ['--max-sockets', '1000']);

    expect(run.err).toBe(
      "timeclock fleet: 1,000 sockets + 2 for --data (the clocks' SQLite file and its -wal) + 64 for the " +
        'process = 1,066 file descriptors, but this process may open 1,024 (its hard limit, ulimit -Hn). Raise ' +
        'the hard limit to 1,066 or more (ulimit -n 1066 before starting, --ulimit nofile=1066:1066 for a ' +
        'container, LimitNOFILE=1066 for a systemd unit) or give --max-sockets 958 or fewer\n',
    );
    expect(run.err).not.toMatch(/SQLITE_CANTOPEN|at .*\.js:\d+/);
    expect(fs.existsSync(temp.file('clocks'))).toBe(false);
    expect(run.code).toBe(2);
  });

  it('runs 100 clocks under a soft limit of 256, which Node raises to the hard limit', async () => {
    const run = await fleet(100, 'ulimit -Sn 256');

    expect(run.code, run.err).toBe(0);
    const report = readReport(temp.file('report.json'));
    expect(report.totals).toMatchObject({ clocks: 100, planned: 200, made: 200, onServer: 200, lost: 0 });
  });
});
