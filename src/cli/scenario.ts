// `timeclock scenario FILES_OR_DIRS` runs QA scenarios in virtual time and reports them for people
// (text), CI (JUnit XML, TAP) and the machine's coverage; `timeclock coverage` is the coverage view.
// Exit codes: 0 all passed, 1 a scenario failed, 2 a bad file or bad usage.
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { CoverageRecorder, formatCoverage, machineGraph, summarizeCoverage } from '../scenario/index.js';
import { DiscoverError, discoverScenarioFiles } from '../scenario/index.js';
import { runFilesInParallel } from '../scenario/index.js';
import { formatHtml } from '../scenario/index.js';
import { formatJUnit } from '../scenario/index.js';
import { formatTap } from '../scenario/index.js';
import { formatReport, formatSummary, totalsOf } from '../scenario/index.js';
import type { FileResult } from '../scenario/index.js';
import { runScenarioFile, type RunOptions } from '../scenario/index.js';
import { filesOfShard } from '../scenario/index.js';
import { formatShard, parseShard, type Shard } from '../shard/index.js';
import { createScenarioGenerateCommand } from './scenario-generate.js';
import { watchScenarios } from './scenario-watch.js';
import { UsageError, executeAlone, onAction, optionsOf, timeclockCommand } from './program.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The flags of both commands; `prepare` reads the ones they share. */
interface ScenarioFlags {
  junit?: string;
  html?: string;
  tap?: boolean;
  jobs?: string;
  seed?: string;
  updateSnapshots?: boolean;
  record?: string;
  coverage?: boolean;
  watch?: boolean;
  logLines?: string;
  all?: boolean;
  json?: boolean;
  shard?: string;
}

const defaultIo: CommandIo = { stdout: process.stdout, stderr: process.stderr };

/** The options `scenario` and `coverage` share. */
function addSharedOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'scenario files (.yaml) or directories of them')
    .addOption(
      new Option('--jobs <n>', 'run this many files at once, in child processes (default 1)').env('TIMECLOCK_JOBS'),
    )
    .option('--seed <n>', "seed of the scenarios' random draws (default: the file's seed:, else 1)")
    .option(
      '--shard <i/n>',
      'run the i-th of n slices of the files (files sorted by path, dealt round-robin), for a CI matrix',
    );
}

export function createScenarioCommand(io: CommandIo = defaultIo): Command {
  const command = addSharedOptions(timeclockCommand('scenario', io))
    .description('run QA scenarios (YAML) in virtual time')
    .option('--junit <file>', 'write a JUnit XML report to this file')
    .option('--html <file>', 'write an HTML report: failures first, each step with the screen it left')
    .option('--tap', 'print TAP version 13 on stdout (the summary goes to stderr)')
    .option('--update-snapshots', 'write the screens of expect: { snapshot } instead of comparing')
    .option('--record <file>', 'write the journal of the run (one scenario) to this .jsonl file')
    .option('--coverage', "print which states and transitions of the firmware's machine were reached")
    .option('--log-lines <n>', 'log lines shown with a failure (default 20)')
    .option('--watch', 'run again whenever a scenario file or a file it includes changes, until Ctrl-C');
  command.enablePositionalOptions().addCommand(createScenarioGenerateCommand(io));
  return onAction(command, async (paths) => {
    const flags = optionsOf<ScenarioFlags>(command);
    const { files, options, jobs, shard } = prepare(flags, paths, io);
    if (flags.record !== undefined) {
      if (files.length !== 1) throw new UsageError('--record writes the journal of one scenario: give one file');
      options.record = flags.record;
    }
    if (flags.logLines !== undefined) options.logLines = integerFlag('log-lines', flags.logLines, 0, 10_000);
    if (flags.coverage) options.coverage = true;
    if (flags.html !== undefined) options.trace = true;
    const once = async () => {
      // Found again each run: under --watch a file may have appeared in a folder named.
      const found = flags.watch ? prepare(flags, paths, io).files : files;
      const started = performance.now();
      const results = await runAll(found, options, jobs, io);
      report(results, performance.now() - started);
      return { files: found, results };
    };
    const report = (results: FileResult[], wallMs: number) => {
      const totals = totalsOf(results, wallMs);
      if (flags.tap) {
        io.stdout.write(formatTap(results));
        io.stderr.write(`${formatSummary(totals, options.seed, shard)}\n`);
      } else io.stdout.write(formatReport(results, totals, options.seed, shard));
      // Written for an empty shard too, so that a CI step collecting every shard's report finds one.
      if (flags.junit !== undefined) fs.writeFileSync(flags.junit, formatJUnit(results, totals.wallMs, shard));
      if (flags.html !== undefined) fs.writeFileSync(flags.html, formatHtml(results, totals, options.seed));
      if (options.coverage) (flags.tap ? io.stderr : io.stdout).write(`\n${formatCoverage(mergedCoverage(results))}`);
    };
    if (flags.watch) return watchScenarios(paths, { run: once }, io);
    const { results } = await once();
    return exitCode(results);
  });
}

/** The coverage view: runs the scenarios with coverage on and prints the machine's states and transitions reached. */
export function createCoverageCommand(io: CommandIo = defaultIo): Command {
  const command = addSharedOptions(timeclockCommand('coverage', io))
    .description('firmware states and transitions the scenarios reach')
    .option('--all', 'list every state and transition with its hits, not only the missed ones')
    .option('--json', 'print JSON: the summary, and hits by state and by transition');
  return onAction(command, async (paths) => {
    const flags = optionsOf<ScenarioFlags>(command);
    const { files, options, jobs } = prepare(flags, paths, io);
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

/** `timeclock scenario …argv`; resolves to the exit code. */
export function scenarioCommand(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  return executeAlone(createScenarioCommand(io), argv, io);
}

/** `timeclock coverage …argv`; resolves to the exit code. */
export function coverageCommand(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  return executeAlone(createCoverageCommand(io), argv, io);
}

function prepare(flags: ScenarioFlags, paths: string[], io: CommandIo) {
  if (paths.length === 0) throw new UsageError('name the scenario files or directories to run');
  const suite = discover(paths);
  if (suite.length === 0) throw new UsageError(`no .yaml scenario files in ${paths.join(' ')}`);
  const shard = flags.shard === undefined ? undefined : shardFlag(flags.shard);
  const files = shard ? filesOfShard(suite, shard) : suite;
  const options: RunOptions = {};
  if (flags.seed !== undefined) options.seed = integerFlag('seed', flags.seed, 0, 0xffffffff);
  if (flags.updateSnapshots) options.updateSnapshots = true;
  const jobs = flags.jobs === undefined ? 1 : integerFlag('jobs', flags.jobs, 1, 256);
  // More shards than files leaves some empty. Such a shard passes, saying so (vitest would call it
  // --passWithNoTests), so that a CI matrix sized for a growing suite does not fail while the suite is small.
  if (shard && files.length === 0) {
    const count = `${suite.length} file${suite.length === 1 ? '' : 's'}`;
    io.stderr.write(
      `shard ${formatShard(shard)} has no files: the ${count} went to the first ${suite.length} shards; nothing to run, which passes\n`,
    );
  }
  return { files, options, jobs, shard };
}

function shardFlag(text: string): Shard {
  try {
    return parseShard(text, '--shard');
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** A path that does not exist or cannot be read is bad usage, like a bad flag. */
function discover(paths: string[]): string[] {
  try {
    return discoverScenarioFiles(paths);
  } catch (error) {
    if (error instanceof DiscoverError) throw new UsageError(error.message);
    throw error;
  }
}

function integerFlag(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
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
