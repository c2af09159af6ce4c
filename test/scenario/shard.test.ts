// `--shard I/N` over the repository's own scenarios, as a CI matrix runs it: the shards' JUnit reports
// parse, and together they hold exactly what the whole suite's report holds, each file in one shard.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageCommand, scenarioCommand } from '../../src/cli/scenario.js';
import { filesOfShard } from '../../src/scenario/shard-files.js';
import { captureIo, tempDir } from './helpers.js';
import { requireTool } from '../fixtures/tools.js';
import { parseJUnitFiles, type ParsedJUnit } from './junit-parse.js';

const SUITE = path.resolve(import.meta.dirname, '../../scripts/scenarios');
const files = fs
  .readdirSync(SUITE)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => path.join(SUITE, name));
const SHARDS = 3;

/** Suite name and testcase outcomes, in a form two runs can be compared by. */
function testcasesOf(reports: ParsedJUnit[]): string[] {
  return reports
    .flatMap((r) => r.suites.flatMap((s) => s.cases.map((c) => `${s.name} | ${c.name} | ${c.ok ? 'ok' : 'failed'}`)))
    .sort();
}

// The JUnit reports are read by Python's XML parser, as a CI server would read them.
const python = requireTool('python3');
const noPython = python.missing !== undefined;

describe('timeclock scenario --shard', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it.skipIf(noPython)(
    `runs each file in exactly one shard, and the shards together report what the whole suite reports${python.title}`,
    async () => {
      const whole = path.join(dir.path, 'whole.xml');
      expect(await scenarioCommand(['--junit', whole, SUITE], captureIo())).toBe(0);
      const reports: string[] = [];

      for (let index = 1; index <= SHARDS; index++) {
        const report = path.join(dir.path, `shard-${index}.xml`);
        // Named in another order than the folder's: the split must not depend on it.
        const named = index % 2 === 0 ? [...files].reverse() : files;
        expect(await scenarioCommand(['--shard', `${index}/${SHARDS}`, '--junit', report, ...named], captureIo())).toBe(
          0,
        );
        reports.push(report);
      }

      const shards = parseJUnitFiles(reports);
      const suiteNames = shards.flatMap((r) => r.suites.map((s) => s.name));
      expect(new Set(suiteNames).size, 'a file ran in two shards').toBe(suiteNames.length);
      expect(suiteNames.sort()).toEqual([...files].sort());
      expect(testcasesOf(shards)).toEqual(testcasesOf(parseJUnitFiles([whole])));
    },
  );

  it.skipIf(noPython)(
    `names the shard in the JUnit report, on the root and on each testsuite, as well formed XML${python.title}`,
    async () => {
      const report = path.join(dir.path, 'named.xml');

      await scenarioCommand(['--shard', '2/3', '--junit', report, SUITE], captureIo());

      const [parsed] = parseJUnitFiles([report]);
      expect(parsed!.name).toBe('timeclock scenarios, shard 2/3');
      expect(parsed!.suites.length).toBeGreaterThan(0);
      for (const suite of parsed!.suites) expect(suite.properties).toEqual({ shard: '2/3' });
    },
  );

  it('names the shard in the text summary', async () => {
    const io = captureIo();

    await scenarioCommand(['--shard', '1/3', SUITE], io);

    const count = filesOfShard(files, { index: 1, total: 3 }).length;
    expect(io.out()).toMatch(
      new RegExp(`\nshard 1/3: \\d+ scenarios? in ${count} files?: \\d+ passed, 0 failed, 0 bad files — `),
    );
  });

  it.skipIf(noPython)(
    `passes a shard that has no files, saying so, and still writes its JUnit report${python.title}`,
    async () => {
      const io = captureIo();
      const report = path.join(dir.path, 'empty.xml');
      const total = files.length + 1;

      const code = await scenarioCommand(['--shard', `${total}/${total}`, '--junit', report, SUITE], io);

      expect(code).toBe(0);
      expect(io.err()).toContain(`shard ${total}/${total} has no files: the ${files.length} files went to the first`);
      expect(io.out()).toContain(`shard ${total}/${total}: 0 scenarios in 0 files`);
      expect(parseJUnitFiles([report])[0]!.suites).toEqual([]);
    },
  );

  it.each(['0/3', '4/3', '1/0', 'two', '1-3'])('exits 2 for --shard %s, naming the flag', async (value) => {
    const io = captureIo();

    const code = await scenarioCommand(['--shard', value, SUITE], io);

    expect(code).toBe(2);
    expect(io.err()).toMatch(/^timeclock scenario: --shard/);
  });

  it('gives timeclock coverage the same flag: the shards’ hits add up to the whole suite’s', async () => {
    const hitsOf = async (args: string[]) => {
      const io = captureIo();
      expect(await coverageCommand(['--json', ...args, SUITE], io)).toBe(0);
      return (JSON.parse(io.out()) as { states: Record<string, number> }).states;
    };
    const whole = await hitsOf([]);

    const shards: Record<string, number>[] = [];
    for (let index = 1; index <= SHARDS; index++) shards.push(await hitsOf(['--shard', `${index}/${SHARDS}`]));

    const summed = Object.fromEntries(
      Object.keys(whole).map((state) => [state, shards.reduce((n, hits) => n + (hits[state] ?? 0), 0)]),
    );
    expect(summed).toEqual(whole);
  });
});

describe('the files of a shard', () => {
  it('are dealt in path order, whatever order the paths are named in', () => {
    const named = ['c.yaml', 'a.yaml', 'e.yaml', 'b.yaml', 'd.yaml'];

    expect(filesOfShard(named, { index: 1, total: 2 })).toEqual(['a.yaml', 'c.yaml', 'e.yaml']);
    expect(filesOfShard([...named].reverse(), { index: 2, total: 2 })).toEqual(['b.yaml', 'd.yaml']);
  });

  it('sort by code unit, not by locale, so that every machine deals them alike', () => {
    expect(filesOfShard(['b.yaml', 'B.yaml', 'a.yaml', '_.yaml'], { index: 1, total: 1 })).toEqual([
      'B.yaml',
      '_.yaml',
      'a.yaml',
      'b.yaml',
    ]);
  });
});
