// `timeclock scenario`, `timeclock coverage` and `timeclock replay` as a user runs them: exit codes,
// reports written, output shapes. Files are real, in a temp directory; --jobs forks real processes.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageCommand, scenarioCommand } from '../../src/cli/scenario.js';
import { replayCommand } from '../../src/cli/replay.js';
import { captureIo, tempDir } from './helpers.js';

const PASSING = `name: Bruno punches with his badge
employees: [{ first: Bruno, last: Silva, badge: 1002, nonSecure: true }]
steps:
  - keys: "1002"
  - press: OK
  - expect: { screen: "Thank you, Bruno Silva" }
`;
const FAILING = PASSING.replace('name: Bruno punches with his badge', 'name: Bruno is expected to be refused').replace(
  'Thank you, Bruno Silva',
  'Unknown User',
);

describe('timeclock scenario', () => {
  const dir = tempDir();
  const pass = dir.write('ok/pass.yaml', PASSING);
  const fail = dir.write('fail.yaml', FAILING);
  const bad = dir.write('bad.yaml', 'name: x\nsteps:\n  - press: OKAY\n');
  afterAll(() => dir.remove());

  it('exits 0 when every scenario passes, with a summary of counts and time', async () => {
    const io = captureIo();

    const code = await scenarioCommand([pass], io);

    expect(code).toBe(0);
    expect(io.out()).toContain('✓ Bruno punches with his badge');
    expect(io.out()).toMatch(
      /1 scenario in 1 file: 1 passed, 0 failed, 0 bad files — 3 steps, 0ms virtual in [\d.]+m?s \([\d,]+ steps\/s\)/,
    );
  });

  it('exits 1 when a scenario fails, printing the step, expected and actual, and the screen', async () => {
    const io = captureIo();

    const code = await scenarioCommand([dir.path + '/ok', fail], io);

    expect(code).toBe(1);
    expect(io.out()).toContain(`✗ Bruno is expected to be refused  (${fail}`);
    expect(io.out()).toContain(`step 3 of 3 at ${fail}:6:5 (steps[2]): expect: { screen: "Unknown User" }`);
    expect(io.out()).toContain('expected: shows "Unknown User"');
    expect(io.out()).toContain('│Thank you, Bruno Silva');
    expect(io.out()).toContain('1 passed, 1 failed, 0 bad files');
  });

  it('exits 2 for a bad file, naming its line and column, even when others fail', async () => {
    const io = captureIo();

    const code = await scenarioCommand([bad, fail], io);

    expect(code).toBe(2);
    expect(io.out()).toContain(`${bad}:3:12 (steps[0].press): expected a key:`);
  });

  it('exits 2 for an empty scenario file, naming it', async () => {
    const empty = dir.write('empty.yaml', '---\n');
    const io = captureIo();

    const code = await scenarioCommand([pass, empty], io);

    expect(code).toBe(2);
    expect(io.out()).toContain(`${empty}: the file holds no scenario`);
  });

  it('exits 2 for a folder with no scenario files, naming it', async () => {
    const folder = dir.path + '/none';
    fs.mkdirSync(folder);
    dir.write('none/notes.txt', 'not a scenario');
    const io = captureIo();

    const code = await scenarioCommand([pass, folder], io);

    expect(code).toBe(2);
    expect(io.err()).toContain(`${folder}: the folder holds no scenario files (.yaml, .yml)`);
  });

  it('exits 2 for bad usage', async () => {
    for (const argv of [
      [],
      ['--jobs', '0', pass],
      ['--frobnicate', pass],
      [dir.path + '/nowhere.yaml'],
      ['--record', 'j', pass, fail],
    ]) {
      const io = captureIo();
      expect(await scenarioCommand(argv, io), argv.join(' ')).toBe(2);
      expect(io.err()).toMatch(/^timeclock scenario: /);
    }
  });

  it('writes JUnit XML with --junit and TAP on stdout with --tap', async () => {
    const io = captureIo();
    const junit = dir.path + '/report.xml';

    const code = await scenarioCommand(['--tap', '--junit', junit, pass, fail], io);

    expect(code).toBe(1);
    expect(io.out()).toMatch(
      /^TAP version 13\n1\.\.2\nok 1 - Bruno punches with his badge\nnot ok 2 - Bruno is expected to be refused\n {2}---\n/,
    );
    expect(io.err()).toContain('2 scenarios in 2 files: 1 passed, 1 failed');
    expect(fs.readFileSync(junit, 'utf8')).toContain(
      '<testsuites name="timeclock scenarios" tests="2" failures="1" errors="0"',
    );
  });

  it('runs files in child processes with --jobs, reporting in file order', async () => {
    const io = captureIo();

    const code = await scenarioCommand(['--jobs', '2', fail, pass, bad], io);

    expect(code).toBe(2);
    const out = io.out();
    expect(out.indexOf('✗ Bruno is expected to be refused')).toBeLessThan(
      out.indexOf('✓ Bruno punches with his badge'),
    );
    expect(out.indexOf('✓ Bruno punches with his badge')).toBeLessThan(out.indexOf(`✗ ${bad}: bad file`));
  });

  it('writes and checks screen snapshots', async () => {
    const file = dir.write('snap.yaml', `${PASSING}  - expect: { snapshot: thanks }\n`);

    expect(await scenarioCommand([file], captureIo())).toBe(1);
    expect(await scenarioCommand(['--update-snapshots', file], captureIo())).toBe(0);
    const stored = JSON.parse(fs.readFileSync(dir.path + '/__snapshots__/snap.yaml.snap.json', 'utf8')) as Record<
      string,
      string[]
    >;
    expect(stored['Bruno punches with his badge > thanks']).toContain('Thank you, Bruno Silva');
    expect(await scenarioCommand([file], captureIo())).toBe(0);
    // Two minutes later the same thanks shows another punch: the screen is not the stored one.
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('  - press: OK\n', '  - press: OK\n  - advance: 2m\n  - keys: "1002"\n  - press: OK\n'),
    );
    const io = captureIo();
    expect(await scenarioCommand([file], io)).toBe(1);
    expect(io.out()).toContain('snapshot "thanks":');
  });

  it('prints the machine coverage with --coverage', async () => {
    const io = captureIo();

    expect(await scenarioCommand(['--coverage', pass], io)).toBe(0);
    expect(io.out()).toMatch(/States: +\d+\/\d+ reached/);
  });
});

describe('timeclock coverage', () => {
  const dir = tempDir();
  const pass = dir.write('pass.yaml', PASSING);
  afterAll(() => dir.remove());

  it('lists what the scenarios reached, and everything with --all', async () => {
    const io = captureIo();

    expect(await coverageCommand([pass], io)).toBe(0);
    expect(io.out()).toMatch(/^States: +\d+\/\d+ reached \(\d+%\)\nTransitions: +\d+\/\d+ taken/);
    expect(io.out()).toContain('screen.menu.about');
    const all = captureIo();
    await coverageCommand(['--all', pass], all);
    expect(all.out()).toMatch(
      / +1 {2}screen\.idEntry: keypad\.key \[punchesAtOnce\(keypad\)\] -> screen\.result {2}\/ identifyAndPunch/,
    );
    expect(all.out()).toMatch(/ +0 {2}screen\.idEntry: keypad\.key \[key\(OK\)\] -> screen\.verifying {2}\/ identify/);
  });

  it('prints JSON with --json', async () => {
    const io = captureIo();

    await coverageCommand(['--json', pass], io);

    const json = JSON.parse(io.out()) as { summary: { states: { reached: number } }; transitions: { hits: number }[] };
    expect(json.summary.states.reached).toBeGreaterThan(5);
    expect(json.transitions.some((t) => t.hits > 0)).toBe(true);
  });
});

describe('timeclock replay', () => {
  const dir = tempDir();
  const pass = dir.write('pass.yaml', PASSING);
  const journal = dir.path + '/j.jsonl';
  afterAll(() => dir.remove());

  it('reproduces a recorded run with the same screens', async () => {
    expect(await scenarioCommand(['--record', journal, pass], captureIo())).toBe(0);
    const io = captureIo();

    expect(await replayCommand([journal], io)).toBe(0);
    expect(io.out()).toBe(`${journal}: 5 inputs over 0ms of virtual time replayed; every screen matched\n`);
  });

  it('exits 1 and shows both screens when a screen differs', async () => {
    const tampered = dir.path + '/tampered.jsonl';
    fs.writeFileSync(
      tampered,
      fs.readFileSync(journal, 'utf8').replace('Thank you, Bruno Silva', 'Thank you, Brian Silva'),
    );
    const io = captureIo();

    expect(await replayCommand([tampered], io)).toBe(1);
    expect(io.out()).toMatch(new RegExp(`^${tampered}:6: the screen of TC1A000001 differs after \\{"press":"OK"\\}`));
    expect(io.out()).toContain('recorded:');
    expect(io.out()).toContain('│Thank you, Brian Silva');
    expect(io.out()).toContain('│Thank you, Bruno Silva');
  });

  it('exits 2 for a file that is not a journal', async () => {
    const io = captureIo();

    expect(await replayCommand([pass], io)).toBe(2);
    expect(io.err()).toMatch(/pass\.yaml:1: not a JSON line/);
  });
});
