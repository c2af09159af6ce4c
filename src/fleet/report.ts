// The fleet report as JSON: everything a person reads at the end of a run, and everything `fleet merge`
// needs to combine shards into one — sums, whole histograms (so that percentiles are recomputed), the
// lost punches and every clock's final state. `run` names the run; shards of one run share it exactly.
import { percentilesOf, type Histogram, type Percentiles } from './histogram.js';
import type { LinkShown } from './fleet-clock.js';
import type { MinuteSeries, Tally } from './tally.js';
import type { Verdict } from './verdict.js';

// 2: the plan's punches, the verdict and each clock's time online (a report of 1 cannot be judged).
export const REPORT_FORMAT = 'timeclock-fleet-report/2';

/** What makes two shard reports parts of the same run. */
export interface RunIdentity {
  profile: string;
  /** sha256 of the profile file's text. */
  profileHash: string;
  model: string;
  clocks: number;
  employeesPerClock: number;
  seed: number;
  durationMs: number;
  speed: number;
  serialPattern: string;
  cloud: 'embedded' | 'url';
  /** Share of attempts that may be refused for reasons the profile did not plan (`--max-refused`). */
  maxRefused: number;
  /**
   * The profile's start, `YYYY-MM-DD HH:MM:SS`: the clocks' local time at the start with the embedded
   * cloud. A cloud at a URL keeps its own time; the run's minutes are still counted from here.
   */
  start: string;
}

export interface LostPunch {
  sn: string;
  pin: string;
  /** The clock's local time of the punch, `YYYY-MM-DD HH:MM:SS`. */
  time: string;
  seq: number;
  reason: 'not acknowledged' | 'not on the server';
}

export interface ClockFinal {
  index: number;
  sn: string;
  shown: LinkShown;
  /** The link's state at the end: online, offline, connecting… */
  link: string;
  punches: number;
  acknowledged: number;
  pending: number;
  /** Whether the clock was ever online (a poll answered) during the run. */
  wasOnline: boolean;
  /** Whether it was online with its roster when the profile's time started. */
  readyAtStart: boolean;
}

export interface ProcessUsage {
  role: 'fleet' | 'cloud';
  shard?: string;
  cpuMs: number;
  peakRssBytes: number;
}

export interface FleetReport {
  format: typeof REPORT_FORMAT;
  run: RunIdentity;
  /** `I/N` of each shard in this report (one, or all that were merged). */
  shards: string[];
  /** The tally's counts (see tally.ts), and what the end of the run found. */
  totals: Pick<Tally, 'attempts' | 'commandsApplied' | 'polls' | 'requests' | 'errors'> & {
    clocks: number;
    /** Punches the profile planned for these clocks within the run (attempts of employees, retries aside). */
    planned: number;
    made: number;
    acknowledged: number;
    lost: number;
    /** Punches found on the server for these clocks; absent when the fleet could not ask (no token). */
    onServer?: number;
  };
  latency: Histogram;
  latencyMs: Percentiles;
  commandTrips: Histogram;
  commandTripMs: Percentiles;
  minutes: MinuteSeries;
  lost: LostPunch[];
  clocks: ClockFinal[];
  processes: ProcessUsage[];
  /** Wall-clock length of the run, ms (the longest shard's, once merged). */
  wallMs: number;
  /** Judged from everything above (verdict.ts); merged reports are judged again. */
  verdict: Verdict;
}

/** Fills the percentiles from the histograms: what a report shows is always what its data says. */
export function withPercentiles(report: FleetReport): FleetReport {
  return { ...report, latencyMs: percentilesOf(report.latency), commandTripMs: percentilesOf(report.commandTrips) };
}

/** A report read from a file: the fields merge relies on, checked; the message names what is missing. */
export function checkReport(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return 'not a JSON object';
  const r = data as Partial<FleetReport>;
  if (r.format !== REPORT_FORMAT) return `not a fleet report of format ${REPORT_FORMAT} (format: ${String(r.format)})`;
  for (const key of ['run', 'shards', 'totals', 'latency', 'commandTrips', 'minutes', 'lost', 'clocks'] as const) {
    if (r[key] === undefined) return `has no "${key}"`;
  }
  if (typeof r.totals?.planned !== 'number') return 'has no "totals.planned"';
  if (typeof r.run?.maxRefused !== 'number') return 'has no "run.maxRefused"';
  return undefined;
}
