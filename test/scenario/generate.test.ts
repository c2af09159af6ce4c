// `timeclock scenario generate DIR` as a user runs it, with its default budget: the files it writes pass
// under `timeclock scenario`, and `timeclock coverage` on them says 100% of what steps can drive (today
// every transition of the firmware), as the generator said.
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
    generated = await timeclock(['scenario', 'generate', out]);
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
    // The default (--jobs 1), as the README runs it: workers would add their start-ups, not a check.
    const run = await timeclock(['scenario', out]);

    expect(run.stdout).toMatch(/(\d+) scenarios in \1 files: \1 passed, 0 failed, 0 bad files/);
    expect(run.code).toBe(0);
  }, 300_000);

  it('reaches every transition steps can drive, as timeclock coverage counts it', async () => {
    const said = /they take (\d+) of the (\d+) transitions scenario steps can drive; (\d+) cannot be driven/.exec(
      generated.stdout,
    );
    const run = await timeclock(['coverage', out, '--json']);
    const json = JSON.parse(run.stdout) as {
      summary: { states: { reached: number; total: number }; drivable: { reached: number; total: number } };
    };

    expect(said).not.toBeNull();
    expect(json.summary.drivable).toEqual({ reached: Number(said![1]), total: Number(said![2]) });
    expect(Number(said![2]) + Number(said![3])).toBe(machineGraph().transitions.length);
    expect(json.summary.drivable.reached).toBe(json.summary.drivable.total);
    expect(json.summary.states.reached).toBe(json.summary.states.total);
    expect(generated.stdout).not.toContain('not reached');
  }, 300_000);

  it('says 100% of what can be driven, and lists nothing as not taken', async () => {
    const run = await timeclock(['coverage', out]);

    // The three that cannot: a set-up load and its answer, which enter before the first step.
    expect(run.stdout).toMatch(/^Drivable: {4}(\d+)\/\1 taken \(100%\); 3 cannot be driven by scenario steps$/m);
    expect(run.stdout).not.toContain('Transitions not taken:');
  }, 300_000);

  it('writes the planned paths as files named after what they show, each step saying what it takes', () => {
    const files = fs.readdirSync(out);
    const disk = files.find((f) => f.includes('a-full-disk-refuses-the-punch'));
    const text = fs.readFileSync(`${out}/${disk!}`, 'utf8');

    expect(files.some((f) => f.includes('an-sdk-client-disables-the-clock'))).toBe(true);
    expect(text).toContain('name: a full disk refuses the punch, which is stored once the disk takes writes again');
    expect(text).toMatch(
      /# takes clock: store\.failed {2}\/ noteStoreFault\n {2}- press: OK\n {2}- expect: \{ state: result, screen: Memory full \}/,
    );
  });

  it('refuses to overwrite the files it wrote before, naming them', async () => {
    const again = await timeclock(['scenario', 'generate', out, '--walks', '50']);

    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds 001-open-a-full-disk-[\w-]*\.yaml, .*: not overwritten/);
  }, 300_000);
});
