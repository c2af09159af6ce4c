// What the whole fleet (this process's part of it) counted: punches made and acknowledged, attempts that
// made no punch and why, commands, requests and errors, and the latencies, overall and per minute of the
// run. Plain data, so that the live view reads it and the report copies it.
import { newHistogram, record, type Histogram } from './histogram.js';

/** How a punch attempt ended; only `punched` records a punch. */
export const OUTCOMES = [
  'punched',
  'unknown user',
  'already punched',
  'poor read',
  'unknown card',
  'not on the clock',
  'no finger enrolled',
  'no card',
  'clock off',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface MinuteSeries {
  /** Punches made in minute m of the run (clock time after the start). */
  made: number[];
  /** Punches whose upload the server acknowledged in minute m. */
  acked: number[];
  /** Punch-to-acknowledgement latencies (ms) of the punches acknowledged in minute m. */
  latency: Histogram[];
}

export interface Tally {
  made: number;
  acked: number;
  attempts: Record<Outcome, number>;
  /** Cloud commands the clocks applied and answered. */
  commandsApplied: number;
  /** getrequest polls the server answered. */
  polls: number;
  requests: number;
  /** Requests that failed, by kind (`timeout`, `connection`, `HTTP 503` …); simulated drops are not errors. */
  errors: Record<string, number>;
  latency: Histogram;
  /** From a portal change's API call to each clock's answer to its commands (ms). */
  commandTrips: Histogram;
  minutes: MinuteSeries;
}

export function newTally(): Tally {
  return {
    made: 0,
    acked: 0,
    attempts: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
    commandsApplied: 0,
    polls: 0,
    requests: 0,
    errors: {},
    latency: newHistogram(),
    commandTrips: newHistogram(),
    minutes: { made: [], acked: [], latency: [] },
  };
}

export function countError(tally: Tally, kind: string): void {
  tally.errors[kind] = (tally.errors[kind] ?? 0) + 1;
}

export function countMade(tally: Tally, minute: number): void {
  tally.made++;
  bump(tally.minutes.made, minute);
}

export function countAcked(tally: Tally, minute: number, latencyMs: number): void {
  tally.acked++;
  bump(tally.minutes.acked, minute);
  record(tally.latency, latencyMs);
  for (let m = tally.minutes.latency.length; m <= minute; m++) tally.minutes.latency.push(newHistogram());
  record(tally.minutes.latency[minute]!, latencyMs);
}

function bump(series: number[], minute: number): void {
  while (series.length <= minute) series.push(0);
  series[minute]!++;
}
