// The shipped profiles, each run at a few clocks with compressed time against the embedded cloud (in its
// own process): every punch made is acknowledged and stored on the server, and the report says so. The
// three run side by side: a run is mostly its profile's scaled wall time (30 clock-minutes at 200x), and
// nothing here is bounded by wall time (the warm-up waits for each clock to be online with its roster).
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { PROFILES, readReport, runFleet } from './helpers.js';

/**
 * A scratch folder of the test's own, removed when that test ends (not by an afterEach, which the first
 * of the concurrent tests to end would run while the others still write).
 */
function tempDir({ onTestFinished }: TestContext): TempDir {
  const temp = makeTempDir('timeclock-fleet-');
  onTestFinished(() => temp.remove());
  return temp;
}

describe.concurrent('the shipped fleet profiles, at small scale', () => {
  it('monday-rush: the rush is punched, acknowledged and stored, and nothing is lost', async (context) => {
    const { expect } = context;
    const report = tempDir(context).file('rush.json');

    const { code, out, err } = await runFleet(
      ['--clocks', '8', '--cloud', 'embedded', '--profile', path.join(PROFILES, 'monday-rush.yaml')].concat([
        '--duration',
        '30m',
        '--speed',
        '200x',
        '--report',
        report,
      ]),
      { tty: true },
    );

    expect(code, err).toBe(0);
    const r = readReport(report);
    expect(r.totals.made).toBeGreaterThan(40);
    expect(r.totals).toMatchObject({ acknowledged: r.totals.made, onServer: r.totals.made, lost: 0 });
    expect(r.totals.attempts['unknown card']).toBeGreaterThanOrEqual(0);
    expect(r.latency.count).toBe(r.totals.made);
    expect(r.clocks.map((c) => c.sn)).toEqual(Array.from({ length: 8 }, (_, i) => `TC1A90000${i + 1}`));
    expect(out).toMatch(/punches: \d+ planned, (\d+) made, \1 acknowledged, \1 on the server, 0 lost/);
    expect(out).toContain('PASSED: every punch reached the server');
    // At 200x the clocks were online with their rosters before the profile's first minute: no attempt met
    // a clock without its employees (before the warm-up, 5 clock-minutes of red dot refused hundreds).
    expect(r.clocks.every((c) => c.readyAtStart && c.wasOnline)).toBe(true);
    expect(r.totals.attempts['not on the clock']).toBe(0);
    expect(out).toMatch(/latency in the clocks' time \(wall × 200\): p50/);
    // On a terminal the view is redrawn in place: up to its first line, then cleared below.
    expect(err).toContain('\x1b[7F\x1b[J');
    expect(err).toMatch(/clocks {3}8 of 8 on: 8 online/);
    expect(fs.readFileSync(report.replace('.json', '.md'), 'utf8')).toContain('**No punch was lost.**');
    expect(fs.readFileSync(report.replace('.json', '.svg'), 'utf8')).toMatch(
      /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
  }, 180_000);

  it('network-drops: clocks behind a dropped network punch offline and upload the backlog when it returns', async (context) => {
    const { expect } = context;
    const report = tempDir(context).file('drops.json');

    const { code, err } = await runFleet(
      ['--clocks', '10', '--cloud', 'embedded', '--profile', path.join(PROFILES, 'network-drops.yaml')].concat([
        '--duration',
        '30m',
        '--speed',
        '200x',
        '--seed',
        '3',
        '--report',
        report,
      ]),
    );

    expect(code, err).toBe(0);
    const r = readReport(report);
    expect(r.totals).toMatchObject({ acknowledged: r.totals.made, onServer: r.totals.made, lost: 0 });
    // Punches made while the region was cut off waited for it: the slowest took minutes of clock time.
    expect(r.latencyMs.max * 200).toBeGreaterThan(60_000);
    // How many progress lines a run prints depends on the machine's speed, so the view is only checked to
    // be there; the offline backlog is proven by the report's latencies above.
    expect(err).toMatch(/fleet \d\d:\d\d:\d\d: clocks 10\/10 \(/);
  }, 180_000);

  it('firmware-rollout: every clock reboots, takes the portal’s changes, and loses no punch (SQLite files)', async (context) => {
    const { expect } = context;
    const temp = tempDir(context);
    const report = temp.file('rollout.json');
    const data = temp.file('clocks');

    const { code, err } = await runFleet(
      ['--clocks', '6', '--cloud', 'embedded', '--profile', path.join(PROFILES, 'firmware-rollout.yaml')].concat([
        '--duration',
        '35m',
        '--speed',
        '200x',
        '--data',
        data,
        '--report',
        report,
      ]),
    );

    expect(code, err).toBe(0);
    const r = readReport(report);
    expect(r.totals).toMatchObject({ acknowledged: r.totals.made, onServer: r.totals.made, lost: 0 });
    // 5 employees lose PIN entry (one USER command each), 5 are sent again (removed, then re-sent).
    expect(r.commandTrips.count).toBeGreaterThanOrEqual(5);
    expect(r.totals.commandsApplied).toBeGreaterThan(6 * 8 * 2);
    expect(fs.readdirSync(data).sort()).toEqual(expect.arrayContaining(['cloud.db', 'clocks.db']));
  }, 180_000);
});
