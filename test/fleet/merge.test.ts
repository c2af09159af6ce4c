// `fleet merge`: shard reports of one run become one report with sums and percentiles recomputed from
// the histograms, judged again; reports of another run, a shard given twice, a set with shards missing or
// of another count, or a shard with another number of clocks are refused naming the file and the shards.
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/fleet/index.js';
import { newHistogram, percentile, record } from '../../src/fleet/histogram.js';
import { shardReport } from './report-fixture.js';

/** Merges shard 1/2 of the fixture's run (a.json) with `second` (b.json). */
function afterFirstHalf(second: unknown) {
  return mergeReports([
    { file: 'a.json', data: shardReport('1/2', [1]) },
    { file: 'b.json', data: second },
  ]);
}

describe('merging fleet reports', () => {
  it('sums the counts and recomputes the percentiles from the histograms', () => {
    const fast = Array.from({ length: 99 }, () => 10);
    const merged = mergeReports([
      { file: 'a.json', data: shardReport('1/2', fast) },
      { file: 'b.json', data: shardReport('2/2', [5_000], 1) },
    ]);

    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(merged.totals).toMatchObject({ clocks: 4, made: 101, acknowledged: 100, lost: 1, onServer: 100 });
    expect(merged.totals.errors).toEqual({ timeout: 2 });
    expect(merged.latency.count).toBe(100);
    expect(merged.latencyMs.p50).toBeCloseTo(10, 0);
    expect(merged.latencyMs.max).toBe(5_000);
    expect(merged.minutes.made).toEqual([100]);
    expect(merged.lost).toHaveLength(1);
  });

  it('keeps percentiles within a bucket (2 %) of the exact ones', () => {
    const h = newHistogram();
    for (let v = 1; v <= 1000; v++) record(h, v);

    expect(percentile(h, 50)).toBeGreaterThan(490);
    expect(percentile(h, 50)).toBeLessThan(510);
    expect(percentile(h, 99)).toBeGreaterThan(970);
  });

  it('refuses a report of another run, naming the file and what differs', () => {
    const other = shardReport('2/2', [1]);
    other.run.seed = 2;

    expect(() => afterFirstHalf(other)).toThrow('b.json is of another run than a.json: seed is 2, not 1');
  });

  it('refuses the same shard twice and a file that is no fleet report', () => {
    expect(() =>
      mergeReports([
        { file: 'a.json', data: shardReport('1/2', [1]) },
        { file: 'c.json', data: shardReport('1/2', [1]) },
      ]),
    ).toThrow('c.json and a.json both hold shard 1/2');
    expect(() => mergeReports([{ file: 'x.json', data: { hello: 1 } }])).toThrow(/^x\.json: not a fleet report/);
  });

  it('refuses a lone shard and a set with shards missing, naming them', () => {
    expect(() => mergeReports([{ file: 'a.json', data: shardReport('1/2', [1]) }])).toThrow(
      'missing shard 2/2: the run had 2 shards and 1 was given; merge every shard’s report',
    );
    expect(() =>
      mergeReports([
        { file: 'a.json', data: shardReport('1/4', [1]) },
        { file: 'c.json', data: shardReport('3/4', [1]) },
      ]),
    ).toThrow('missing shards 2/4, 4/4: the run had 4 shards and 2 were given');
  });

  it('refuses shards of another count and a shard with more clocks than its share', () => {
    expect(() => afterFirstHalf(shardReport('2/3', [1]))).toThrow(
      'b.json is shard 2/3 of 3 shards, a.json of 2: give the reports of one run',
    );
    const big = shardReport('2/2', [1]);
    big.totals.clocks = 3;
    expect(() => afterFirstHalf(big)).toThrow('b.json: shards 2/2 of 4 clocks hold 2 clocks, but the report counts 3');
  });

  it('refuses another profile, and judges the merged run again', () => {
    const other = shardReport('2/2', [1]);
    other.run.profileHash = 'other';
    expect(() => afterFirstHalf(other)).toThrow(
      'b.json is of another run than a.json: profileHash is "other", not "h"',
    );

    const nothing = (shard: string) => {
      const r = shardReport(shard, []);
      r.totals.planned = 5;
      r.totals.attempts['not on the clock'] = 5;
      return r;
    };
    const merged = mergeReports([
      { file: 'a.json', data: nothing('1/2') },
      { file: 'b.json', data: nothing('2/2') },
    ]);
    expect(merged.verdict.failures).toEqual([
      'the profile planned 10 punches and the clocks made none (not on the clock 10): the cloud sent the clocks none of the employees the fleet seeded',
    ]);
  });
});
