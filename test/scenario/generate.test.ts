// `timeclock scenario generate DIR` as a user runs it: the files it writes pass under `timeclock
// scenario`, `timeclock coverage` on them counts what the generator said it reached, and the
// transitions steps cannot drive are listed with why. A small walk budget keeps the test short.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineGraph } from '../../src/scenario/index.js';
import { timeclock, type Finished } from './cli-process.js';
import { tempDir } from './helpers.js';

describe('timeclock scenario generate', () => {
  const dir = tempDir();
  const out = `${dir.path}/generated`;
  let generated: Finished;
  beforeAll(async () => {
    generated = await timeclock(['scenario', 'generate', out, '--walks', '400']);
  }, 300_000);
  afterAll(() => dir.remove());

  it('writes scenario files with expectations after their steps, wired to the schema', () => {
    const files = fs.readdirSync(out);
    const first = fs.readFileSync(`${out}/${files[0]!}`, 'utf8');

    expect(generated.code).toBe(0);
    expect(files.length).toBeGreaterThan(10);
    expect(first).toMatch(
      /^# yaml-language-server: \$schema=.*node_modules\/timeclock-sim\/src\/scenario\/scenario\.schema\.json$/m,
    );
    expect(first).toMatch(/^ {2}- expect: \{ state: \w+/m);
  });

  it('writes files that all pass under timeclock scenario', async () => {
    const run = await timeclock(['scenario', out, '--jobs', '2']);

    expect(run.stdout).toMatch(/(\d+) scenarios in \1 files: \1 passed, 0 failed, 0 bad files/);
    expect(run.code).toBe(0);
  }, 300_000);

  it('reaches what it says it reaches, as timeclock coverage counts it', async () => {
    const said = /they take (\d+) of the (\d+) transitions scenario steps can drive; (\d+) cannot be driven/.exec(
      generated.stdout,
    );
    const run = await timeclock(['coverage', out, '--json']);
    const json = JSON.parse(run.stdout) as { summary: { drivable: { reached: number; total: number } } };

    expect(said).not.toBeNull();
    expect(json.summary.drivable).toEqual({ reached: Number(said![1]), total: Number(said![2]) });
    expect(Number(said![2]) + Number(said![3])).toBe(machineGraph().transitions.length);
    // Beyond what the hand-written scenarios of scripts/scenarios reach (74 when this was written).
    expect(json.summary.drivable.reached).toBeGreaterThan(74);
  }, 300_000);

  it('lists the transitions steps cannot drive, each with why: LAN requests', async () => {
    const run = await timeclock(['coverage', out]);
    const section = run.stdout.split('Transitions scenario steps cannot drive, and why:\n')[1] ?? '';
    const whys = section.split('\n').filter((l) => l.trim().startsWith('why:'));

    expect(run.stdout).toMatch(/^Drivable: {4}\d+\/\d+ taken \(\d+%\); 10 cannot be driven by scenario steps$/m);
    // The tenth: the user list told of a LAN write while it is on screen (screen.menu.users: lan.applied).
    expect(whys).toHaveLength(10);
    for (const why of whys) expect(why).toMatch(/LAN|SDK client/);
    expect(section).toContain('screen.idle: enroll.requested');
    expect(section).toContain('clock: lan.request');
    expect(section).toContain('screen.menu.users: lan.applied');
  }, 300_000);

  it('refuses to overwrite the files it wrote before, naming them', async () => {
    const again = await timeclock(['scenario', 'generate', out, '--walks', '400']);

    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds 001-\w[\w-]*\.yaml, .*: not overwritten/);
  }, 300_000);
});
