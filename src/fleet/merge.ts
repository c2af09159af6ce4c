// `timeclock fleet merge`: shard reports of one run combined into the report one process would have
// written — counts summed, histograms added and percentiles recomputed from them, lost punches and clocks
// concatenated, and the whole judged again. Only a whole run merges: reports of different runs, a shard
// twice, shards of another count, a shard with another number of clocks than its share, or a set with a
// shard missing are refused, naming the files and the missing shards.
import { formatShard, inShard, parseShard, type Shard } from '../shard/index.js';
import { mergeInto, newHistogram, type Histogram } from './histogram.js';
import { checkReport, withPercentiles, type FleetReport } from './report.js';
import { newTally, type MinuteSeries } from './tally.js';
import { judge } from './verdict.js';
import { TimeclockError } from '../errors.js';

export class MergeError extends TimeclockError<'TC_ERR_FLEET_MERGE'> {
  override name = 'MergeError';
  constructor(message: string) {
    super('TC_ERR_FLEET_MERGE', message);
  }
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
    checkClocks(file, report);
  }
  checkComplete(shards);
  const all = reports.map((r) => r.report);
  const sumRecord = (records: Record<string, number>[]) => {
    const sum: Record<string, number> = {};
    for (const record of records) for (const [k, n] of Object.entries(record)) sum[k] = (sum[k] ?? 0) + n;
    return sum;
  };
  const total = (pick: (r: FleetReport) => number) => all.reduce((sum, r) => sum + pick(r), 0);
  const servers = all.map((r) => r.totals.onServer);
  const merged: Omit<FleetReport, 'verdict'> = {
    ...base.report,
    shards: [...shards.keys()].sort(byShard),
    totals: {
      clocks: total((r) => r.totals.clocks),
      planned: total((r) => r.totals.planned),
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
  return withPercentiles({ ...merged, verdict: judge(merged) });
}

function shardOf(file: string, text: string): Shard {
  try {
    return parseShard(text, 'shard');
  } catch (error) {
    throw new MergeError(`${file}: ${(error as Error).message}`);
  }
}

/** A shard's report holds exactly its share of the run's clocks (round-robin by index), each once. */
function checkClocks(file: string, report: FleetReport): void {
  const shards = report.shards.map((text) => shardOf(file, text));
  let expected = 0;
  for (let i = 0; i < report.run.clocks; i++) if (shards.some((shard) => inShard(i, shard))) expected++;
  if (report.totals.clocks !== expected) {
    throw new MergeError(
      `${file}: shards ${report.shards.join(', ')} of ${report.run.clocks} clocks hold ${expected} clocks, ` +
        `but the report counts ${report.totals.clocks}`,
    );
  }
  const stray = report.clocks.find((c) => !shards.some((shard) => inShard(c.index, shard)));
  if (stray !== undefined)
    throw new MergeError(`${file}: clock ${stray.sn} is not of shards ${report.shards.join(', ')}`);
}

/** Every shard 1/N … N/N, all of the same N: a run merged from part of its shards is not the run. */
function checkComplete(shards: Map<string, string>): void {
  const parsed = [...shards].map(([text, file]) => ({ file, shard: shardOf(file, text) }));
  const total = parsed[0]!.shard.total;
  const other = parsed.find((p) => p.shard.total !== total);
  if (other !== undefined) {
    throw new MergeError(
      `${other.file} is shard ${formatShard(other.shard)} of ${other.shard.total} shards, ${parsed[0]!.file} of ${total}: ` +
        'give the reports of one run',
    );
  }
  const have = new Set(parsed.map((p) => p.shard.index));
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !have.has(i));
  if (missing.length > 0) {
    const names = missing.map((i) => `${i}/${total}`);
    const shown = names.length > 20 ? [...names.slice(0, 20), `… ${names.length - 20} more`] : names;
    throw new MergeError(
      `missing shard${missing.length > 1 ? 's' : ''} ${shown.join(', ')}: the run had ${total} shards and ` +
        `${have.size} ${have.size === 1 ? 'was' : 'were'} given; merge every shard’s report`,
    );
  }
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
