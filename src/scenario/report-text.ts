// The human report: a failure as a QA engineer reads it (the step and where it is written, expected
// against actual, the screen at that moment, the last log lines), and the summary of a run.
import { formatShard, type Shard } from '../shard/index.js';
import { formatDuration } from './duration.js';
import type { FileResult, StepFailure } from './results.js';
import { formatRef } from './yaml-reader.js';

export function formatFailure(f: StepFailure, steps: number): string {
  const out: string[] = [];
  const where = f.index === 0 ? `setup at ${formatRef(f.at)}` : `step ${f.index} of ${steps} at ${formatRef(f.at)}`;
  out.push(`${where}: ${f.text}`);
  for (const use of [...f.via].reverse()) out.push(`  used from ${formatRef(use)}`);
  if (f.clockTime !== '') out.push(`on ${f.on} at ${f.clockTime} (virtual time +${formatDuration(f.elapsedMs)})`);
  if (f.error) out.push(`  ${f.error}`);
  for (const m of f.mismatches) {
    out.push(`  ${m.what}:`, `    expected: ${m.expected}`, `    actual:   ${m.actual}`);
  }
  if (f.frame !== '') out.push('screen:', ...boxed(f.frame));
  if (f.logTail.length > 0) out.push(`last ${f.logTail.length} log lines:`, ...f.logTail.map((l) => `  ${l}`));
  return out.join('\n');
}

/** The frame in a box, so that blank lines and trailing spaces show. */
export function boxed(text: string): string[] {
  const lines = text.split('\n');
  const width = Math.max(...lines.map((l) => [...l].length));
  const pad = (l: string) => l + ' '.repeat(width - [...l].length);
  return [`  ┌${'─'.repeat(width)}┐`, ...lines.map((l) => `  │${pad(l)}│`), `  └${'─'.repeat(width)}┘`];
}

export interface RunTotals {
  files: number;
  scenarios: number;
  passed: number;
  failed: number;
  badFiles: number;
  steps: number;
  virtualMs: number;
  wallMs: number;
  snapshotsUpdated: number;
}

export function totalsOf(results: readonly FileResult[], wallMs: number): RunTotals {
  const scenarios = results.flatMap((r) => r.scenarios);
  return {
    files: results.length,
    scenarios: scenarios.length,
    passed: scenarios.filter((s) => s.ok).length,
    failed: scenarios.filter((s) => !s.ok).length,
    badFiles: results.filter((r) => r.error).length,
    steps: scenarios.reduce((n, s) => n + s.stepsRun, 0),
    virtualMs: scenarios.reduce((n, s) => n + s.virtualMs, 0),
    wallMs,
    snapshotsUpdated: scenarios.reduce((n, s) => n + s.snapshotsUpdated, 0),
  };
}

/**
 * `12 scenarios in 5 files: 11 passed, 1 failed, 0 bad files — 1,234 steps …`; a shard's run starts with
 * `shard 2/4:`, so that the logs of a CI matrix say which part of the suite each one ran.
 */
export function formatSummary(t: RunTotals, seed: number | undefined, shard?: Shard): string {
  const rate = t.wallMs > 0 ? Math.round((t.steps * 1000) / t.wallMs) : 0;
  const parts = [
    ...(shard ? [`shard ${formatShard(shard)}:`] : []),
    `${t.scenarios} scenario${t.scenarios === 1 ? '' : 's'} in ${t.files} file${t.files === 1 ? '' : 's'}:`,
    `${t.passed} passed, ${t.failed} failed, ${t.badFiles} bad file${t.badFiles === 1 ? '' : 's'}`,
    `— ${t.steps.toLocaleString('en-US')} steps, ${formatDuration(t.virtualMs)} virtual in ${formatDuration(t.wallMs)}`,
    `(${rate.toLocaleString('en-US')} steps/s)`,
  ];
  if (seed !== undefined) parts.push(`seed ${seed}`);
  const written = t.snapshotsUpdated === 1 ? '1 snapshot written' : `${t.snapshotsUpdated} snapshots written`;
  return parts.join(' ') + (t.snapshotsUpdated > 0 ? `; ${written}` : '');
}

/** The whole human report of a run: one line per scenario, failures in full, then the summary. */
export function formatReport(
  results: readonly FileResult[],
  totals: RunTotals,
  seed: number | undefined,
  shard?: Shard,
): string {
  const out: string[] = [];
  for (const file of results) {
    if (file.error) {
      out.push(`✗ ${file.file}: bad file`, `  ${file.error.message}`);
      continue;
    }
    for (const s of file.scenarios) {
      out.push(`${s.ok ? '✓' : '✗'} ${s.name}  (${file.file}, ${formatDuration(s.virtualMs)} virtual)`);
      if (s.message) out.push(...s.message.split('\n').map((l) => `    ${l}`), '');
    }
  }
  out.push('', formatSummary(totals, seed, shard));
  return `${out.join('\n')}\n`;
}
