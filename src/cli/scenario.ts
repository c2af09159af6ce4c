// `timeclock scenario FILES_OR_DIRS` runs QA scenarios in virtual time and reports them for people
// (text), CI (JUnit XML, TAP) and the machine's coverage; `timeclock coverage` is the coverage view.
// Exit codes: 0 all passed, 1 a scenario failed, 2 a bad file or bad usage.
import fs from 'node:fs';
import { CoverageRecorder, formatCoverage, machineGraph, summarizeCoverage } from '../scenario/coverage.js';
import { DiscoverError, discoverScenarioFiles } from '../scenario/discover.js';
import { runFilesInParallel } from '../scenario/pool.js';
import { formatJUnit } from '../scenario/report-junit.js';
import { formatTap } from '../scenario/report-tap.js';
import { formatReport, formatSummary, totalsOf } from '../scenario/report-text.js';
import type { FileResult } from '../scenario/results.js';
import { runScenarioFile, type RunOptions } from '../scenario/runner.js';
import { UsageError, helpText, parseArgs, type FlagSpec } from './args.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const SCENARIO_FLAGS: Record<string, FlagSpec> = {
  junit: { kind: 'string', describe: 'write a JUnit XML report to this file' },
  tap: { kind: 'boolean', describe: 'print TAP version 13 on stdout (the summary goes to stderr)' },
  jobs: {
    kind: 'string',
    env: 'TIMECLOCK_JOBS',
    describe: 'run this many files at once, in child processes (default 1)',
  },
  seed: { kind: 'string', describe: "seed of the scenarios' random draws (default: the file's seed:, else 1)" },
  'update-snapshots': { kind: 'boolean', describe: 'write the screens of expect: { snapshot } instead of comparing' },
  record: { kind: 'string', describe: 'write the journal of the run (one scenario) to this .jsonl file' },
  coverage: { kind: 'boolean', describe: "print which states and transitions of the firmware's machine were reached" },
  'log-lines': { kind: 'string', describe: 'log lines shown with a failure (default 20)' },
  help: { kind: 'boolean', describe: 'show this help' },
};

const COVERAGE_FLAGS: Record<string, FlagSpec> = {
  jobs: SCENARIO_FLAGS.jobs!,
  seed: SCENARIO_FLAGS.seed!,
  all: { kind: 'boolean', describe: 'list every state and transition with its hits, not only the missed ones' },
  json: { kind: 'boolean', describe: 'print JSON: the summary, and hits by state and by transition' },
  help: { kind: 'boolean', describe: 'show this help' },
};

const defaultIo: CommandIo = { stdout: process.stdout, stderr: process.stderr };

export async function scenarioCommand(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  return usageGuard(io, async () => {
    const { flags, positionals } = parseArgs(argv, SCENARIO_FLAGS);
    if (flags.help) return help(io, 'Usage: timeclock scenario FILES_OR_DIRS [options]', SCENARIO_FLAGS);
    const { files, options, jobs } = prepare(flags, positionals);
    if (typeof flags.record === 'string') {
      if (files.length !== 1) throw new UsageError('--record writes the journal of one scenario: give one file');
      options.record = flags.record;
    }
    if (flags['log-lines'] !== undefined) options.logLines = integerFlag('log-lines', flags['log-lines'], 0, 10_000);
    if (flags.coverage) options.coverage = true;
    const started = performance.now();
    const results = await runAll(files, options, jobs, io);
    const totals = totalsOf(results, performance.now() - started);
    if (flags.tap) {
      io.stdout.write(formatTap(results));
      io.stderr.write(`${formatSummary(totals, options.seed)}\n`);
    } else io.stdout.write(formatReport(results, totals, options.seed));
    if (typeof flags.junit === 'string') fs.writeFileSync(flags.junit, formatJUnit(results, totals.wallMs));
    if (options.coverage) (flags.tap ? io.stderr : io.stdout).write(`\n${formatCoverage(mergedCoverage(results))}`);
    return exitCode(results);
  });
}

/** Runs the scenarios with coverage on and prints the machine's states and transitions reached. */
export async function coverageCommand(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  return usageGuard(io, async () => {
    const { flags, positionals } = parseArgs(argv, COVERAGE_FLAGS);
    if (flags.help) return help(io, 'Usage: timeclock coverage FILES_OR_DIRS [options]', COVERAGE_FLAGS);
    const { files, options, jobs } = prepare(flags, positionals);
    options.coverage = true;
    const results = await runAll(files, options, jobs, io);
    const data = mergedCoverage(results);
    if (flags.json) {
      const graph = machineGraph();
      const json = {
        summary: summarizeCoverage(data, graph),
        states: Object.fromEntries(graph.states.map((s) => [s, data.states[s] ?? 0])),
        transitions: graph.transitions.map((t) => ({ ...t, hits: data.transitions[t.id] ?? 0 })),
      };
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else io.stdout.write(formatCoverage(data, { all: flags.all === true }));
    for (const r of results) if (r.error) io.stderr.write(`${r.error.message}\n`);
    const failed = results.flatMap((r) => r.scenarios).filter((s) => !s.ok);
    for (const s of failed)
      io.stderr.write(`✗ ${s.name} (${s.file}) failed: its coverage counts up to the failing step\n`);
    return exitCode(results);
  });
}

async function usageGuard(io: CommandIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError || error instanceof DiscoverError) {
      io.stderr.write(`timeclock: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function help(io: CommandIo, usage: string, flags: Record<string, FlagSpec>): number {
  io.stdout.write(helpText(usage, flags));
  return 0;
}

function prepare(flags: Record<string, string | boolean | undefined>, positionals: string[]) {
  if (positionals.length === 0) throw new UsageError('name the scenario files or directories to run');
  const files = discoverScenarioFiles(positionals);
  if (files.length === 0) throw new UsageError(`no .yaml scenario files in ${positionals.join(' ')}`);
  const options: RunOptions = {};
  if (flags.seed !== undefined) options.seed = integerFlag('seed', flags.seed, 0, 0xffffffff);
  if (flags['update-snapshots']) options.updateSnapshots = true;
  const jobs = flags.jobs === undefined ? 1 : integerFlag('jobs', flags.jobs, 1, 256);
  return { files, options, jobs };
}

function integerFlag(name: string, value: string | boolean, min: number, max: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

/** Runs every file, in order or in child processes, with a progress line on a terminal. */
async function runAll(files: string[], options: RunOptions, jobs: number, io: CommandIo): Promise<FileResult[]> {
  const progress = new Progress(io.stderr, files.length);
  if (jobs > 1 && files.length > 1) {
    const results = await runFilesInParallel(files, options, jobs, (r) => progress.fileDone(r, true));
    progress.end();
    return results;
  }
  const results: FileResult[] = [];
  for (const file of files) {
    const result = await runScenarioFile(file, { ...options, onStep: () => progress.step() });
    results.push(result);
    progress.fileDone(result);
  }
  progress.end();
  return results;
}

/** One rewritten line on stderr while files run, only on a terminal (CI logs get the summary). */
class Progress {
  private done = 0;
  private failed = 0;
  private steps = 0;
  private lastDraw = 0;
  private readonly started = performance.now();
  private readonly live: boolean;

  constructor(
    private readonly out: CommandIo['stderr'],
    private readonly total: number,
  ) {
    this.live = out.isTTY === true;
  }

  step(): void {
    this.steps++;
    if (this.live && performance.now() - this.lastDraw > 200) this.draw();
  }

  /** `countSteps` when the steps ran in a child process, which cannot call step(). */
  fileDone(result: FileResult, countSteps = false): void {
    this.done++;
    this.failed += result.error ? 1 : result.scenarios.filter((s) => !s.ok).length;
    if (countSteps) this.steps += result.scenarios.reduce((n, s) => n + s.stepsRun, 0);
    if (this.live) this.draw();
  }

  end(): void {
    if (this.live && this.lastDraw > 0) this.out.write('\r\x1b[K');
  }

  private draw(): void {
    this.lastDraw = performance.now();
    const seconds = ((this.lastDraw - this.started) / 1000).toFixed(1);
    this.out.write(
      `\r\x1b[K[${this.done}/${this.total} files] ${this.failed} failed, ${this.steps} steps, ${seconds} s`,
    );
  }
}

function mergedCoverage(results: readonly FileResult[]) {
  const recorder = new CoverageRecorder();
  for (const s of results.flatMap((r) => r.scenarios)) if (s.coverage) recorder.merge(s.coverage);
  return recorder.data();
}

function exitCode(results: readonly FileResult[]): number {
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.scenarios.some((s) => !s.ok)) ? 1 : 0;
}
