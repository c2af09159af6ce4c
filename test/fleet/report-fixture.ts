// A shard report as `timeclock fleet --shard` writes it, made by hand: the merge and chart tests' input.
import { REPORT_FORMAT, type FleetReport } from '../../src/fleet/index.js';
import { newHistogram, record } from '../../src/fleet/histogram.js';
import { newTally } from '../../src/fleet/tally.js';
import { inShard, parseShard } from '../../src/shard/index.js';

const CLOCKS = 4;

/** Shard `I/N` of a 4-clock run whose acknowledged punches took `latencies` ms, with `lost` more lost. */
export function shardReport(shard: string, latencies: number[], lost = 0): FleetReport {
  const tally = newTally();
  for (const ms of latencies) record(tally.latency, ms);
  tally.minutes.made.push(latencies.length);
  return {
    format: REPORT_FORMAT,
    run: {
      profile: 'p',
      profileHash: 'h',
      model: 'biometric',
      clocks: CLOCKS,
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
      clocks: Array.from({ length: CLOCKS }, (_, i) => i).filter((i) => inShard(i, parseShard(shard))).length,
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
