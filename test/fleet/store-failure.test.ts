// A clock whose SQLite file cannot be opened (no descriptor left, a folder gone) does not end the fleet
// with an uncaught error: the other clocks run, the report names it as never online and not started, and
// the verdict fails. In-process, since the CLI's own check refuses such a run before it starts
// (fd-limit.test.ts); this is the path for what the check cannot foresee.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../fixtures/temp-dir.js';
import { loadDeviceModel } from '../../src/devices/index.js';
import { parseProfile, startEmbeddedCloud, startFleet } from '../../src/fleet/index.js';

const PROFILE = `name: store failure
start: '07:59:58'
duration: 5s
employeesPerClock: 1
powerOnSpread: 1s
day:
  - { at: '08:00', spread: 1s, share: 1 }
verify: { pin: 1 }
`;

describe('a clock whose store cannot be opened', () => {
  it('is reported as not started and fails the run, without an uncaught error', async () => {
    const temp = makeTempDir('timeclock-fleet-store-');
    // A file where the clocks' folder should be: every store fails to open, as when descriptors run out.
    fs.writeFileSync(temp.file('not-a-folder'), '');
    const profile = parseProfile(PROFILE, 'store-failure.yaml');
    const cloud = await startEmbeddedCloud({ start: profile.start, delaySeconds: 1, data: ':memory:' });
    try {
      const run = startFleet({
        ...{ profile, model: loadDeviceModel('biometric'), clocks: 2, cloud, speed: 5, durationMs: 5_000, seed: 1 },
        serialPattern: 'TC1A9#####',
        dataDir: temp.file('not-a-folder'),
      });
      const report = await run.result;

      expect(report.clocks.map((c) => [c.sn, c.link, c.wasOnline])).toEqual([
        ['TC1A900001', 'not started', false],
        ['TC1A900002', 'not started', false],
      ]);
      expect(Object.keys(report.totals.errors)[0]).toMatch(/^the clock's store could not be opened: /);
      expect(report.verdict.failures).toContainEqual('2 of 2 clocks were never online (TC1A900001, TC1A900002)');
    } finally {
      await cloud.stop();
      temp.remove();
    }
  });
});
