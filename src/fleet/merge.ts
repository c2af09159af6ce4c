// `timeclock fleet merge`: shard reports of one run combined into the report one process would have
// written — counts summed, histograms added and percentiles recomputed from them, lost punches and clocks
// concatenated. Reports of different runs, or the same shard twice, are refused, naming the file.
import { mergeInto, newHistogram, type Histogram } from './histogram.js';
import { checkReport, withPercentiles, type FleetReport } from './report.js';
import { newTally, type MinuteSeries } from './tally.js';

export class MergeError extends Error {
  override name = 'MergeError';
}

export interface ReportFile {
  file: string;
  data: unknown;
}

export function mergeReports(files: readonly ReportFile[]): FleetReport {
  const first = files[0];
  if (first === undefined) throw new MergeError('give the shard reports to merge');
  const reports = files.map(({ file, data }) => {
    const problem = checkReport(data);
    if (problem) throw new MergeError(`${file}: ${problem}`);
    return { file, report: data as FleetReport };
  });
  const base = reports[0]!;
  const shards = new Map<string, string>();
  for (const { file, report } of reports) {
    const difference = differingKey(base.report.run, report.run);
    if (difference !== undefined) {
      throw new MergeError(
        `${file} is of another run than ${base.file}: ${difference} is ${JSON.stringify(report.run[difference])}, not ${JSON.stringify(base.report.run[difference])}`,
      );
    }
    for (const shard of report.shards) {
      const other = shards.get(shard);
      if (other !== undefined) throw new MergeError(`${file} and ${other} both hold shard ${shard}`);
      shards.set(shard, file);
    }
  }
  const all = reports.map((r) => r.report);
  const sumRecord = (records: Record<string, number>[]) => {
    const sum: Record<string, number> = {};
    for (const record of records) for (const [k, n] of Object.entries(record)) sum[k] = (sum[k] ?? 0) + n;
    return sum;
  };
  const total = (pick: (r: FleetReport) => number) => all.reduce((sum, r) => sum + pick(r), 0);
  const servers = all.map((r) => r.totals.onServer);
  const merged: FleetReport = {
    ...base.report,
    shards: [...shards.keys()].sort(byShard),
    totals: {
      clocks: total((r) => r.totals.clocks),
      made: total((r) => r.totals.made),
      acknowledged: total((r) => r.totals.acknowledged),
      lost: total((r) => r.totals.lost),
      ...(servers.every((n) => n !== undefined) ? { onServer: servers.reduce((a, b) => a + b, 0) } : {}),
      attempts: sumRecord(all.map((r) => r.totals.attempts)) as FleetReport['totals']['attempts'],
      commandsApplied: total((r) => r.totals.commandsApplied),
      polls: total((r) => r.totals.polls),
      requests: total((r) => r.totals.requests),
      errors: sumRecord(all.map((r) => r.totals.errors)),
    },
    latency: sumHistograms(all.map((r) => r.latency)),
    commandTrips: sumHistograms(all.map((r) => r.commandTrips)),
    minutes: sumMinutes(all.map((r) => r.minutes)),
    lost: all.flatMap((r) => r.lost),
    clocks: all.flatMap((r) => r.clocks).sort((a, b) => a.index - b.index),
    processes: all.flatMap((r) => r.processes),
    wallMs: Math.max(...all.map((r) => r.wallMs)),
  };
  return withPercentiles(merged);
}

function differingKey(a: FleetReport['run'], b: FleetReport['run']): keyof FleetReport['run'] | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FleetReport['run']>;
  return [...keys].find((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function byShard(a: string, b: string): number {
  return Number(a.split('/')[0]) - Number(b.split('/')[0]);
}

function sumHistograms(histograms: Histogram[]): Histogram {
  const sum = newHistogram();
  for (const h of histograms) mergeInto(sum, h);
  return sum;
}

function sumMinutes(series: MinuteSeries[]): MinuteSeries {
  const sum = newTally().minutes;
  const add = (into: number[], from: number[]) =>
    from.forEach((n, m) => {
      while (into.length <= m) into.push(0);
      into[m]! += n;
    });
  for (const s of series) {
    add(sum.made, s.made);
    add(sum.acked, s.acked);
    s.latency.forEach((h, m) => {
      while (sum.latency.length <= m) sum.latency.push(newHistogram());
      mergeInto(sum.latency[m]!, h);
    });
  }
  return sum;
}
