// The end of a fleet run, once the backlog drained: what each clock holds and shows, read before the clocks
// close, and the report put together from the tally, the server's verdict and the processes' usage.
import { createHash } from 'node:crypto';
import { formatPushTime } from '../protocol/index.js';
import { formatShard, type Shard } from '../shard/index.js';
import type { FleetClock } from './fleet-clock.js';
import { percentilesOf } from './histogram.js';
import { REPORT_FORMAT, type ClockFinal, type FleetReport, type ProcessUsage } from './report.js';
import type { FleetOptions, Unstarted } from './run.js';
import type { Tally } from './tally.js';
import { DEFAULT_MAX_REFUSED, judge } from './verdict.js';
import type { HeldPunch, Verdict as ServerVerdict } from './verify.js';

/** Every punch the clocks hold, with whether the server acknowledged it (the clock's ATTLOG cursor). */
export function heldPunches(clocks: readonly FleetClock[]): HeldPunch[] {
  const held: HeldPunch[] = [];
  for (const clock of clocks) {
    const cursor = clock.clock.records.cursors.get('ATTLOG');
    for (const p of clock.clock.punches()) {
      held.push({ sn: clock.serialNumber, pin: p.pin, time: p.time, seq: p.seq, acknowledged: p.seq <= cursor });
    }
  }
  return held;
}

/** Each clock's last state, the unstarted ones among them, in index order. */
export function clockFinals(
  clocks: readonly FleetClock[],
  unstarted: readonly Unstarted[],
  ready: ReadonlySet<FleetClock>,
): ClockFinal[] {
  return [
    ...clocks.map((c) => ({
      ...{ index: c.index, sn: c.serialNumber, shown: c.shown(), link: c.link.status().state },
      ...{ punches: c.made, acknowledged: c.acked, pending: c.pendingCount },
      ...{ wasOnline: c.wasOnline, readyAtStart: ready.has(c) },
    })),
    ...unstarted.map(({ index, sn }) => ({
      ...{ index, sn, shown: 'X' as const, link: 'not started', punches: 0, acknowledged: 0, pending: 0 },
      ...{ wasOnline: false, readyAtStart: false },
    })),
  ].sort((a, b) => a.index - b.index);
}

/** The fleet process's CPU since `cpuStart` and its peak RSS, and the embedded cloud's when there is one. */
export async function processUsage(
  o: FleetOptions,
  shard: Shard,
  cpuStart: NodeJS.CpuUsage,
  peakRssBytes: number,
): Promise<ProcessUsage[]> {
  const cpu = process.cpuUsage(cpuStart);
  const processes: ProcessUsage[] = [
    { role: 'fleet', shard: formatShard(shard), cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes },
  ];
  const cloudUsage = await o.cloud.usage?.();
  if (cloudUsage) {
    const cpuMs = (cloudUsage.cpu.user + cloudUsage.cpu.system) / 1000;
    processes.push({ role: 'cloud', cpuMs, peakRssBytes: cloudUsage.peakRssBytes });
  }
  return processes;
}

export interface RunFacts {
  shard: Shard;
  /** Clocks of this process and the punches their plans hold within the run. */
  clocks: number;
  planned: number;
  tally: Tally;
  server: ServerVerdict;
  finals: ClockFinal[];
  processes: ProcessUsage[];
  wallMs: number;
}

/** The report of one process (a shard of the fleet, or all of it), with its verdict. */
export function fleetReport(o: FleetOptions, f: RunFacts): FleetReport {
  const { profile } = o;
  const t = f.tally;
  const report: Omit<FleetReport, 'verdict'> = {
    format: REPORT_FORMAT,
    run: {
      ...{ profile: profile.name, profileHash: createHash('sha256').update(profile.text).digest('hex') },
      ...{ model: o.model.model, clocks: o.clocks, employeesPerClock: profile.employeesPerClock, seed: o.seed },
      ...{ durationMs: o.durationMs, speed: o.speed, serialPattern: o.serialPattern, cloud: o.cloud.kind },
      start: formatPushTime(profile.start),
      maxRefused: o.maxRefused ?? DEFAULT_MAX_REFUSED,
    },
    shards: [formatShard(f.shard)],
    totals: {
      ...{ clocks: f.clocks, planned: f.planned, made: t.made, acknowledged: t.acked, lost: f.server.lost.length },
      ...(f.server.onServer === undefined ? {} : { onServer: f.server.onServer }),
      ...{ attempts: t.attempts, commandsApplied: t.commandsApplied, polls: t.polls },
      ...{ requests: t.requests, errors: t.errors },
    },
    ...{ latency: t.latency, latencyMs: percentilesOf(t.latency) },
    ...{ commandTrips: t.commandTrips, commandTripMs: percentilesOf(t.commandTrips) },
    ...{ minutes: t.minutes, lost: f.server.lost, clocks: f.finals, processes: f.processes },
    wallMs: f.wallMs,
  };
  return { ...report, verdict: judge(report) };
}
