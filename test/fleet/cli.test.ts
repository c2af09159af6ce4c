// `timeclock fleet`: bad usage is a message naming the flag or the file, and exit code 2, before any
// cloud is started.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../fixtures/temp-dir.js';
import { PROFILES, runFleet } from './helpers.js';

const rush = path.join(PROFILES, 'monday-rush.yaml');

/** Two clocks of the Monday rush against the cloud given, with the flags added. */
function fleet(cloud: string, ...flags: string[]) {
  return runFleet(['--clocks', '2', '--cloud', cloud, '--profile', rush, ...flags]);
}

describe('timeclock fleet usage', () => {
  it('exits 2 for an unknown option', async () => {
    const { code, err } = await fleet('embedded', '--clock', '3');

    expect(code).toBe(2);
    expect(err).toMatch(/unknown option '--clock'/);
  });

  it('exits 2 naming a missing flag', async () => {
    expect(await runFleet(['--cloud', 'embedded', '--profile', rush])).toMatchObject({
      code: 2,
      err: "timeclock fleet: --clocks is required (see 'timeclock fleet --help')\n",
    });
  });

  it('refuses a faster clock against a cloud at a URL, whose time it cannot share', async () => {
    const { code, err } = await fleet('http://127.0.0.1:9', '--speed', '60x');

    expect(code).toBe(2);
    expect(err).toMatch(/--speed 60x needs --cloud embedded/);
  });

  it('fails a run whose server never answered, saying so, though nothing was lost', async () => {
    const { code, out, err } = await fleet('http://127.0.0.1:9', '--duration', '2s');

    expect(out).toMatch(/punches: \d+ planned, 0 made, 0 acknowledged/);
    expect(out).toMatch(/requests failed: connection \d+/);
    expect(err).toMatch(/the server answered no poll of any clock \(http:\/\/127\.0\.0\.1:9\): is it running there\?/);
    expect(code).toBe(1);
  });

  it('refuses portal changes against a URL without an API token', async () => {
    const profile = path.join(PROFILES, 'firmware-rollout.yaml');
    const { code, err } = await runFleet(['--clocks', '2', '--cloud', 'http://127.0.0.1:9', '--profile', profile]);

    expect(code).toBe(2);
    expect(err).toMatch(/firmware-rollout\.yaml: the profile makes portal changes.*--cloud-token/);
  });

  it('names the file, the line and the path of a bad profile', async () => {
    const temp = makeTempDir('timeclock-fleet-');
    const file = temp.file('bad.yaml');
    fs.writeFileSync(file, "name: bad\nstart: '07:45'\nday:\n  - { at: '08:00', spread: soon, share: 1 }\n");

    const { code, err } = await runFleet(['--clocks', '2', '--cloud', 'embedded', '--profile', file]);

    expect(code).toBe(2);
    expect(err).toBe(
      `timeclock fleet: ${file}:4:28 (day[0].spread): expected a duration such as 15m, 1h30m, 45s or 500ms\n`,
    );
    temp.remove();
  });

  it('refuses a --data folder of other files (one clock’s file of an older version among them)', async () => {
    const temp = makeTempDir('timeclock-fleet-');
    fs.writeFileSync(temp.file('TC1A900001.db'), '');

    const { code, err } = await fleet('embedded', '--data', temp.path);

    expect(code).toBe(2);
    expect(err).toMatch(/--data .* holds files but no fleet's clocks\.db/);
    temp.remove();
  });

  it('refuses a serial pattern that does not fit the model', async () => {
    const { code, err } = await fleet('embedded', '--serial-pattern', 'FLT###');

    expect(code).toBe(2);
    expect(err).toMatch(/--serial-pattern "FLT###" does not fit the biometric model's serial numbers TC1A######/);
  });

  it('lists every option in its help', async () => {
    const { code, out } = await runFleet(['--help']);
    const flags = ['--clocks', '--cloud', '--cloud-token', '--profile', '--duration', '--speed', '--data', '--shard'];

    expect(code).toBe(0);
    for (const flag of [...flags, '--report', '--seed', '--serial-pattern']) expect(out).toContain(flag);
  });
});
