// `include:` of shared set-ups and `examples:` tables: what is merged, how each row becomes a scenario
// of its own, and that a missing, cyclic or unknown reference is named by file and line.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { timeclock } from './cli-process.js';
import { tempDir } from './helpers.js';

const OFFICE = `cloud: none
clock: { time: '2026-11-25T07:58:00', serial: TC1A000001 }
groups: { punch: [{ keys: '1001' }, { press: OK }] }
employees: [{ badge: 1001, first: Ada, last: Admin, nonSecure: true }]
steps: [{ expect: { state: idle } }]
`;

const TABLE = `name: Ada punches \${state} with \${key}
include: shared/office.yaml
examples: [{ key: F1, state: Check In }, { key: F2, state: Check Out }]
steps:
  - press: \${key}
  - use: punch
  - expect: { screen: ['Thank you, Ada Admin', '\${state}'] }
`;

const loadError = (file: string): string => {
  try {
    loadScenarioFile(file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${file} loaded`);
};

describe('include: and examples:', () => {
  const dir = tempDir();
  dir.write('shared/office.yaml', OFFICE);
  const table = dir.write('table.yaml', TABLE);
  afterAll(() => dir.remove());

  it('merges the included clock, employees and groups, and runs the included steps first', () => {
    const [first] = loadScenarioFile(table);

    expect(first!.clocks.map((c) => c.serial)).toEqual(['TC1A000001']);
    expect(first!.employees.map((e) => e.badge)).toEqual(['1001']);
    expect(first!.steps.map((s) => s.text)).toEqual([
      '{ expect: { state: idle } }',
      'press: F1',
      "{ keys: '1001' }",
      '{ press: OK }',
      "expect: { screen: ['Thank you, Ada Admin', 'Check In'] }",
    ]);
    expect(first!.steps[0]!.at.file).toBe(path.join(dir.path, 'shared/office.yaml'));
    expect(first!.includes).toEqual([path.join(dir.path, 'shared/office.yaml')]);
  });

  it('makes one scenario per row, named by the row, with its values in steps and expectations', () => {
    const scenarios = loadScenarioFile(table);

    expect(scenarios.map((s) => s.name)).toEqual(['Ada punches Check In with F1', 'Ada punches Check Out with F2']);
    expect(scenarios[1]!.steps[1]!.action).toEqual({ kind: 'press', keys: ['F2'] });
  });

  it('names a row by its values when the name has no ${column}, and keeps a number as written', () => {
    const file = dir.write(
      'plain.yaml',
      `name: PIN punch\ninclude: shared/office.yaml\nexamples: [{ badge: '1001' }, { badge: 0042 }]\nsteps:\n  - keys: \${badge}\n`,
    );

    const scenarios = loadScenarioFile(file);

    expect(scenarios.map((s) => s.name)).toEqual(['PIN punch (badge=1001)', 'PIN punch (badge=0042)']);
    expect(scenarios[1]!.steps[1]!.action).toEqual({ kind: 'keys', digits: '0042' });
  });

  it('names the file and line of an include that does not exist', () => {
    const file = dir.write('missing.yaml', 'name: x\ninclude:\n  - shared/nothere.yaml\nsteps: [{ press: OK }]\n');

    expect(loadError(file)).toBe(
      `${file}:3:5 (include[0]): cannot include "shared/nothere.yaml" (${path.join(dir.path, 'shared/nothere.yaml')}): no such file`,
    );
  });

  it('names the include line that closes a cycle, and the cycle', () => {
    const file = dir.write('loop-a.yaml', 'name: x\ninclude: loop-b.yaml\nsteps: [{ press: OK }]\n');
    dir.write('loop-b.yaml', '# the other half\ninclude: loop-a.yaml\n');

    expect(loadError(file)).toBe(
      `${path.join(dir.path, 'loop-b.yaml')}:2:10 (include): include "loop-a.yaml" makes a cycle: loop-a.yaml → loop-b.yaml → loop-a.yaml`,
    );
  });

  it('names the file and line of a ${column} the table does not have', () => {
    const file = dir.write(
      'typo.yaml',
      'name: x\ninclude: shared/office.yaml\nexamples: [{ key: F1 }]\nsteps:\n  - press: ${kee}\n',
    );

    expect(loadError(file)).toBe(`${file}:5:12: \${kee} is not a column of examples: (key)`);
  });

  it('refuses a key an included set-up cannot hold, in the included file', () => {
    const file = dir.write('named.yaml', 'name: x\ninclude: shared/named.yaml\nsteps: [{ press: OK }]\n');
    dir.write('shared/named.yaml', 'name: a set-up has no name\n');

    expect(loadError(file)).toMatch(/shared\/named\.yaml:1:1 \(name\): unknown key "name" in an included set-up/);
  });

  it('runs each row as its own scenario from the command line', async () => {
    const run = await timeclock(['scenario', table]);

    expect(run.stdout).toContain('✓ Ada punches Check In with F1');
    expect(run.stdout).toContain('✓ Ada punches Check Out with F2');
    expect(run.stdout).toContain('2 scenarios in 1 file: 2 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('fails the row whose values do not hold, and only that row', async () => {
    const file = dir.write(
      'wrong-row.yaml',
      TABLE.replace('{ key: F2, state: Check Out }', '{ key: F2, state: Check In }'),
    );

    const run = await timeclock(['scenario', file]);

    expect(run.stdout).toContain('✓ Ada punches Check In with F1');
    expect(run.stdout).toContain('✗ Ada punches Check In with F2');
    expect(run.stdout).toContain(
      `step 5 of 5 at ${file}:7:5 (steps[2]): expect: { screen: ['Thank you, Ada Admin', 'Check In'] }`,
    );
    expect(run.code).toBe(1);
  });
});
