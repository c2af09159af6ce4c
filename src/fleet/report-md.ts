// The fleet report for people: the JSON report as Markdown (beside it), and the summary the command
// prints at the end. Both say first whether anything was lost.
import { formatDuration } from '../scenario/index.js';
import { ms } from './live-view.js';
import type { FleetReport } from './report.js';
import { OUTCOMES } from './tally.js';

/** Clocks listed one by one in the Markdown; the JSON has them all. */
const CLOCK_ROWS = 100;
const LOST_ROWS = 200;

export function runLine(r: FleetReport): string {
  const speed = r.run.speed === 1 ? 'real time' : `${r.run.speed}x`;
  return (
    `${r.totals.clocks} of ${r.run.clocks} clocks (shards ${r.shards.join(', ')}), ${r.run.employeesPerClock} employees each, ` +
    `seed ${r.run.seed}; ${formatDuration(r.run.durationMs)} from ${r.run.start} at ${speed}; ${r.run.cloud} cloud`
  );
}

/** The verdict first: what the run failed to test, or that it passed. */
export function verdictLines(r: FleetReport): string[] {
  const failures = r.verdict.failures;
  return failures.length === 0
    ? ['PASSED: every punch reached the server and the run tested what it planned']
    : failures.map((f) => `FAILED: ${f}`);
}

/**
 * Latency percentiles, on the fleet's monotonic (wall) clock; at a compressed speed also in the clocks'
 * time (wall × speed), the time the profile and the chart's axis are in.
 */
export function latencyLines(r: FleetReport): string[] {
  const p = r.latencyMs;
  const line = (scale: number) =>
    `p50 ${ms(p.p50 * scale)}, p90 ${ms(p.p90 * scale)}, p99 ${ms(p.p99 * scale)}, max ${ms(p.max * scale)}`;
  if (r.run.speed === 1) return [`latency (punch thanked to server OK): ${line(1)}`];
  return [
    `latency (punch thanked to server OK), wall time: ${line(1)}`,
    `latency in the clocks' time (wall × ${r.run.speed}): ${line(r.run.speed)}`,
  ];
}

/** The lines printed at the end of a run or a merge. */
export function summaryLines(r: FleetReport): string[] {
  const server = r.totals.onServer === undefined ? 'not checked (no API token)' : String(r.totals.onServer);
  return [
    `fleet ${r.run.profile}: ${runLine(r)}`,
    `punches: ${r.totals.planned} planned, ${r.totals.made} made, ${r.totals.acknowledged} acknowledged, ${server} on the server, ${r.totals.lost} lost`,
    ...latencyLines(r),
    `commands applied: ${r.totals.commandsApplied}; portal round trips p50 ${ms(r.commandTripMs.p50)}, p99 ${ms(r.commandTripMs.p99)}`,
    `requests failed: ${errorsLine(r.totals.errors)}`,
    ...r.lost.slice(0, 20).map((p) => `LOST ${p.sn} PIN ${p.pin} at ${p.time} (seq ${p.seq}): ${p.reason}`),
    ...(r.lost.length > 20 ? [`… and ${r.lost.length - 20} more lost punches (see the report)`] : []),
    ...verdictLines(r),
  ];
}

/** `none`, or each kind with its count, most first: `connection 6, HTTP 503 2`. */
function errorsLine(errors: Record<string, number>): string {
  const kinds = Object.entries(errors).sort((a, b) => b[1] - a[1]);
  return kinds.length === 0 ? 'none' : kinds.map(([kind, n]) => `${kind} ${n}`).join(', ');
}

export function reportMarkdown(r: FleetReport, chartFile: string | undefined): string {
  return [
    ...headSection(r),
    ...latencySection(r, chartFile),
    ...attemptsSection(r),
    ...lostSection(r),
    ...clocksSection(r),
    ...processesSection(r),
  ].join('\n');
}

const rows = (pairs: [string, string | number][]) => pairs.map(([k, v]) => `| ${k} | ${v} |`);

/** The title, the run, the verdict and the punches' totals. */
function headSection(r: FleetReport): string[] {
  const t = r.totals;
  return [
    `# Fleet report: ${r.run.profile}`,
    '',
    runLine(r),
    '',
    ...r.verdict.failures.map((f) => `**FAILED**: ${f}.\n`),
    ...(r.verdict.failures.length === 0
      ? ['**PASSED**: every punch reached the server and the run tested what it planned.', '']
      : []),
    t.lost === 0 ? '**No punch was lost.**' : `**${t.lost} punches were lost** (listed below).`,
    '',
    '| punches | |',
    '|---|---|',
    ...rows([
      ['planned by the profile', t.planned],
      ['made at the clocks', t.made],
      ['acknowledged by the server', t.acknowledged],
      ['found on the server', t.onServer ?? 'not checked (no API token)'],
      ['lost', t.lost],
    ]),
    '',
  ];
}

function latencySection(r: FleetReport, chartFile: string | undefined): string[] {
  return [
    '## Latency',
    '',
    'From the punch being thanked at the clock to the server’s OK of the upload that held it, on the fleet',
    'process’s monotonic clock (wall time).',
    ...(r.run.speed === 1
      ? []
      : [`At ${r.run.speed}x the clocks lived ${r.run.speed} times as much: ${latencyLines(r)[1]}.`]),
    '',
    '| | p50 | p90 | p99 | max | count |',
    '|---|---|---|---|---|---|',
    `| punch to acknowledgement | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p90)} | ${ms(r.latencyMs.p99)} | ${ms(r.latencyMs.max)} | ${r.latency.count} |`,
    `| portal change to the clock’s answer | ${ms(r.commandTripMs.p50)} | ${ms(r.commandTripMs.p90)} | ${ms(r.commandTripMs.p99)} | ${ms(r.commandTripMs.max)} | ${r.commandTrips.count} |`,
    '',
    ...(chartFile ? [`![punches per minute and latency](${chartFile})`, ''] : []),
  ];
}

function attemptsSection(r: FleetReport): string[] {
  const t = r.totals;
  return [
    '## Attempts, commands, errors',
    '',
    '| what | count |',
    '|---|---|',
    ...rows(OUTCOMES.filter((o) => t.attempts[o] > 0).map((o) => [`attempt: ${o}`, t.attempts[o]])),
    ...rows([
      ['commands applied', t.commandsApplied],
      ['polls answered', t.polls],
      ['requests', t.requests],
    ]),
    ...rows(Object.entries(t.errors).map(([kind, n]) => [`error: ${kind}`, n])),
    '',
  ];
}

function lostSection(r: FleetReport): string[] {
  return [
    '## Lost punches',
    '',
    ...(r.lost.length === 0
      ? ['None.']
      : table(
          ['clock', 'PIN', 'time', 'seq', 'why'],
          r.lost.map((p) => [p.sn, p.pin, p.time, p.seq, p.reason]),
          LOST_ROWS,
        )),
    '',
  ];
}

function clocksSection(r: FleetReport): string[] {
  return [
    '## Clocks at the end',
    '',
    `${r.clocks.filter((c) => c.readyAtStart).length} of ${r.clocks.length} clocks were online with their roster when the profile's time started.`,
    '',
    ...table(
      ['clock', 'icons', 'link', 'ever online', 'punches', 'acknowledged', 'pending'],
      r.clocks.map((c) => [c.sn, c.shown, c.link, c.wasOnline ? 'yes' : 'no', c.punches, c.acknowledged, c.pending]),
      CLOCK_ROWS,
    ),
    '',
  ];
}

/** A Markdown table of at most `limit` rows; the rest are counted, as the JSON report has them all. */
function table(head: string[], cells: (string | number)[][], limit = Infinity): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---|').join('')}`,
    ...cells.slice(0, limit).map((row) => `| ${row.join(' | ')} |`),
    ...(cells.length > limit ? [`\n… ${cells.length - limit} more in the JSON report.`] : []),
  ];
}

function processesSection(r: FleetReport): string[] {
  return [
    '## Processes',
    '',
    ...table(
      ['process', 'CPU', 'peak memory (RSS)'],
      r.processes.map((p) => [
        `${p.role}${p.shard ? ` ${p.shard}` : ''}`,
        `${(p.cpuMs / 1000).toFixed(1)} s`,
        `${Math.round(p.peakRssBytes / 2 ** 20)} MiB`,
      ]),
    ),
    '',
    `Wall time: ${formatDuration(r.wallMs)}.`,
    '',
  ];
}
