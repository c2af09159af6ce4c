// `timeclock fleet merge REPORTS…`: shard reports of one run as one report (the same summary, verdict, exit
// code and files as a single process would give). A set that is not one whole run (another run's report, a
// shard twice, a shard missing) is refused with exit 1, naming the files and shards; unreadable files are
// bad usage (2).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  MergeError,
  REPORT_LOG_PREFIX,
  mergeReports,
  reportFromLog,
  summaryLines,
  writeReport,
  type ReportFile,
} from '../fleet/index.js';
import { UsageError, onAction, optionsOf, timeclockCommand, type OutputIo } from './program.js';

export function createFleetMergeCommand(io: OutputIo): Command {
  const command = timeclockCommand('merge', io)
    .summary('combine the JSON reports of a fleet’s shards into one')
    .argument(
      '<reports...>',
      'the shard reports of one run: JSON files, or the saved logs of fleet runs that printed their report (timeclock fleet … with its report-log option)',
    )
    .option('--report <file.json>', 'write the merged report here, with .md and .svg beside it');
  return onAction(command, (files) => {
    const { report: out } = optionsOf<{ report?: string }>(command);
    const inputs: ReportFile[] = files.map((file) => ({ file, data: readJson(file) }));
    let merged;
    try {
      merged = mergeReports(inputs);
    } catch (error) {
      if (!(error instanceof MergeError)) throw error;
      // Not a usage slip: the run's reports are incomplete or mixed, and no merged report may pass for it.
      io.stderr.write(`timeclock fleet merge: ${error.message}\n`);
      return 1;
    }
    io.stdout.write(`${summaryLines(merged).join('\n')}\n`);
    if (out !== undefined) {
      const written = writeReport(merged, out);
      io.stdout.write(
        `report: ${written.json} (${path.basename(written.markdown)}, ${path.basename(written.chart)})\n`,
      );
    }
    for (const failure of merged.verdict.failures) io.stderr.write(`timeclock fleet merge: FAILED: ${failure}\n`);
    return merged.verdict.failures.length > 0 ? 1 : 0;
  });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  // A shard's log (kubectl logs of a pod run with --report-log) carries its report on one line.
  if (!text.trimStart().startsWith('{')) {
    let logged: unknown;
    try {
      logged = reportFromLog(text);
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message}`);
    }
    if (logged === undefined) {
      throw new UsageError(`${file}: neither a JSON report nor a log with a "${REPORT_LOG_PREFIX.trim()}" line`);
    }
    return logged;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message})`);
  }
}
