// `timeclock fleet merge` in its own process: a lone shard, a set with a shard missing or of another run
// exits 1 naming the shards and files and writes no merged report; a whole set merges.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { fleetProcess } from './processes.js';
import { shardReport } from './report-fixture.js';

let temp: TempDir;
beforeEach(() => {
  temp = makeTempDir('timeclock-fleet-merge-');
});
afterEach(() => temp.remove());

function write(name: string, report: unknown): string {
  fs.writeFileSync(temp.file(name), JSON.stringify(report));
  return temp.file(name);
}

describe('timeclock fleet merge', () => {
  it('refuses a lone shard with exit 1, naming the missing ones, and writes no report', async () => {
    const one = write('shard-0.json', shardReport('1/3', [5]));

    const run = await fleetProcess(['merge', one, '--report', temp.file('all.json')]);

    expect(run.err).toBe(
      'timeclock fleet merge: missing shards 2/3, 3/3: the run had 3 shards and 1 was given; merge every shard’s report\n',
    );
    expect(fs.existsSync(temp.file('all.json'))).toBe(false);
    expect(run.code).toBe(1);
  });

  it('refuses a report of another size of fleet, naming the file', async () => {
    const other = shardReport('2/2', [5]);
    other.run.clocks = 6;
    other.totals.clocks = 3;
    const files = [write('a.json', shardReport('1/2', [5])), write('b.json', other)];

    const run = await fleetProcess(['merge', ...files]);

    expect(run.err).toMatch(/b\.json is of another run than .*a\.json: clocks is 6, not 4/);
    expect(run.code).toBe(1);
  });

  it('merges a whole set and passes it', async () => {
    const files = [write('a.json', shardReport('1/2', [5])), write('b.json', shardReport('2/2', [7]))];

    const run = await fleetProcess(['merge', ...files, '--report', temp.file('all.json')]);

    expect(run.out).toMatch(/4 of 4 clocks \(shards 1\/2, 2\/2\)/);
    expect(run.out).toContain('PASSED');
    expect(run.code, run.err).toBe(0);
  });
});
