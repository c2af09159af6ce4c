// `fleet merge`: shard reports of one run become one report with sums and percentiles recomputed from
// the histograms; reports of another run, or a shard given twice, are refused naming the file.
import { describe, expect, it } from 'vitest';
import { mergeReports, REPORT_FORMAT, type FleetReport } from '../../src/fleet/index.js';
import { newHistogram, percentile, record } from '../../src/fleet/histogram.js';
import { newTally } from '../../src/fleet/tally.js';

function shardReport(shard: string, latencies: number[], lost = 0): FleetReport {
  const tally = newTally();
  for (const ms of latencies) record(tally.latency, ms);
  tally.minutes.made.push(latencies.length);
  return {
    format: REPORT_FORMAT,
    run: {
      profile: 'p',
      profileHash: 'h',
      model: 'biometric',
      clocks: 4,
      employeesPerClock: 2,
      seed: 1,
      durationMs: 60_000,
      speed: 1,
      serialPattern: 'TC1A9#####',
      cloud: 'url',
      start: '2026-03-02 07:45:00',
      maxRefused: 0.05,
    },
    shards: [shard],
    totals: {
      clocks: 2,
      planned: latencies.length + lost,
      made: latencies.length + lost,
      acknowledged: latencies.length,
      lost,
      onServer: latencies.length,
      attempts: tally.attempts,
      commandsApplied: 3,
      polls: 10,
      requests: 12,
      errors: { timeout: 1 },
    },
    latency: tally.latency,
    latencyMs: { p50: 0, p90: 0, p99: 0, max: 0 },
    commandTrips: newHistogram(),
    commandTripMs: { p50: 0, p90: 0, p99: 0, max: 0 },
    minutes: tally.minutes,
    lost: Array.from({ length: lost }, (_, i) => ({
      sn: 'TC1A900001',
      pin: '700000000',
      time: '2026-03-02 08:00:00',
      seq: i + 1,
      reason: 'not acknowledged' as const,
    })),
    clocks: [],
    processes: [{ role: 'fleet', shard, cpuMs: 10, peakRssBytes: 1 }],
    wallMs: 1_000,
    verdict: { failures: [] },
  };
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

    expect(() =>
      mergeReports([
        { file: 'a.json', data: shardReport('1/2', [1]) },
        { file: 'b.json', data: other },
      ]),
    ).toThrow('b.json is of another run than a.json: seed is 2, not 1');
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
});
