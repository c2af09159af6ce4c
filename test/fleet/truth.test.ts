// A fleet run that tested nothing it planned fails, out of process: the reference cloud registers the
// clocks itself (--auto-register) but the fleet has no token to give them employees, so no punch can be
// made; the run must say so and exit 1, not report "0 lost" and pass.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { readReport } from './helpers.js';
import { cloudProcess } from '../fixtures/cloud-process.js';
import { fleetProcess } from './processes.js';

const PROFILE = `name: truth test
start: '07:59:57'
duration: 6s
employeesPerClock: 3
powerOnSpread: 1s
day:
  - { at: '08:00', spread: 1s, share: 1 }
verify: { pin: 1 }
`;

let temp: TempDir;
let stops: (() => Promise<void>)[] = [];
beforeEach(() => {
  temp = makeTempDir('timeclock-fleet-truth-');
  fs.writeFileSync(temp.file('profile.yaml'), PROFILE);
});
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
  temp.remove();
});

describe('a fleet run that tested nothing', () => {
  it('fails when the profile planned punches and the clocks made none (auto-registered, no token)', async () => {
    const cloud = await cloudProcess(['--auto-register', '--delay', '1']);
    stops.push(cloud.stop);

    const run = await fleetProcess([
      ...['--clocks', '3', '--cloud', cloud.url, '--profile', temp.file('profile.yaml')],
      ...['--report', temp.file('report.json')],
    ]);

    expect(run.out).toMatch(/punches: 9 planned, 0 made/);
    expect(run.out).toMatch(/FAILED: the profile planned 9 punches and the clocks made none \(not on the clock 9\)/);
    expect(run.err).toMatch(/timeclock fleet: FAILED: the profile planned 9 punches/);
    const report = readReport(temp.file('report.json'));
    expect(report.totals.planned).toBe(9);
    expect(report.verdict.failures[0]).toMatch(/planned 9 punches and the clocks made none/);
    expect(fs.readFileSync(temp.file('report.md'), 'utf8')).toMatch(/\*\*FAILED\*\*: the profile planned 9 punches/);
    expect(run.code).toBe(1);
  });
});
