// Running a scenario: the world is built, the steps run in order in virtual time, and the first step
// that does not hold stops the run with what it expected, what was there, the screen and the log.
import { formatTimestamp } from '../../firmware/index.js';
import type { Cloud } from '../cloud/index.js';
import { CoverageRecorder } from './coverage.js';
import { JOURNAL_VERSION, JournalWriter } from './journal.js';
import { loadScenarioFile, scenarioFromObject } from './load.js';
import { formatFailure } from './report-text.js';
import type { FileResult, ScenarioResult, StepFailure } from './results.js';
import { SnapshotStore } from './snapshots.js';
import { runStep, type StepProblem } from './steps.js';
import type { Scenario, Step } from './types.js';
import { World } from './world.js';
import { ScenarioFileError } from './yaml-reader.js';

export interface RunOptions {
  /** Overrides the file's `seed:`; 1 when neither says. */
  seed?: number;
  updateSnapshots?: boolean;
  /** Write the session's journal to this file (one scenario per journal). */
  record?: string;
  /** Collect the machine coverage of the run into the result. */
  coverage?: boolean;
  /** Log lines shown with a failure (default 20). */
  logLines?: number;
  logLevel?: string;
  /** Picks one scenario of a file that holds several. */
  name?: string;
  /** Keep every step and the screen it left in the result (the HTML report). */
  trace?: boolean;
  /** Called after each step: progress lines and steps per second. */
  onStep?: () => void;
  /** Called when a clock's LAN listener (`lan: true`) opened, before the first step. */
  onLan?: (serial: string, address: { host: string; port: number }) => void;
  /** Called with the embedded cloud once it runs, for benchmarks that count what it answered. */
  onCloud?: (cloud: Cloud) => void;
}

export const DEFAULT_SEED = 1;

/**
 * Runs one scenario: a file holding one (or `options.name`), or a scenario written as an object.
 * Throws ScenarioFileError for a file or object that cannot run; a failing step is in the result.
 */
export async function runScenario(fileOrObject: string | object, options: RunOptions = {}): Promise<ScenarioResult> {
  const scenarios =
    typeof fileOrObject === 'string' ? loadScenarioFile(fileOrObject) : [scenarioFromObject(fileOrObject)];
  const chosen = options.name === undefined ? scenarios : scenarios.filter((s) => s.name === options.name);
  if (chosen.length !== 1) {
    const names = scenarios.map((s) => `"${s.name}"`).join(', ');
    const file = typeof fileOrObject === 'string' ? fileOrObject : '(object)';
    throw new ScenarioFileError(
      { file, path: '' },
      options.name === undefined
        ? `holds ${scenarios.length} scenarios (${names}): pass { name }`
        : `has no scenario "${options.name}" (${names})`,
    );
  }
  return runLoadedScenario(chosen[0]!, options);
}

/** Every scenario of a file; a bad file is reported in the result, not thrown. */
export async function runScenarioFile(file: string, options: RunOptions = {}): Promise<FileResult> {
  let scenarios: Scenario[];
  try {
    scenarios = loadScenarioFile(file);
  } catch (error) {
    if (!(error instanceof ScenarioFileError)) throw error;
    return { file, scenarios: [], error: { message: error.message, at: error.at } };
  }
  if (options.record !== undefined && scenarios.length > 1) {
    const message = `${file}: --record writes the journal of one scenario; this file holds ${scenarios.length}`;
    return { file, scenarios: [], error: { message, at: { file, path: '' } } };
  }
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) results.push(await runLoadedScenario(scenario, options));
  return { file, scenarios: results };
}

export async function runLoadedScenario(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
  const started = performance.now();
  const seed = options.seed ?? scenario.seed ?? DEFAULT_SEED;
  const coverage = options.coverage ? new CoverageRecorder() : undefined;
  const snapshots = scenario.file.startsWith('(')
    ? new SnapshotStore(undefined, options.updateSnapshots ?? false)
    : SnapshotStore.forScenarioFile(scenario.file, options.updateSnapshots ?? false);
  const result: ScenarioResult = {
    name: scenario.name,
    file: scenario.file,
    index: scenario.index,
    ok: true,
    stepsRun: 0,
    steps: scenario.steps.length,
    seed,
    virtualMs: 0,
    wallMs: 0,
    snapshotsUpdated: 0,
  };
  let world: World | undefined;
  try {
    world = new World(scenario, {
      seed,
      ...(coverage ? { coverage } : {}),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
    if (world.cloud?.embedded) options.onCloud?.(world.cloud.embedded);
    await world.startLan(options.onLan);
    if (options.record) {
      const { steps: _steps, includes: _includes, ...setup } = scenario;
      world.journal = new JournalWriter(options.record, {
        journal: 'timeclock-sim',
        version: JOURNAL_VERSION,
        seed,
        kind: 'scenario',
        setup,
      });
    }
    const context = {
      world,
      on: scenario.clocks[0]!.serial,
      snapshots,
      snapshotKey: (name: string) => `${scenario.name} > ${name}`,
    };
    for (const [i, step] of scenario.steps.entries()) {
      result.stepsRun = i + 1;
      const problem = await runStep(world, step, { ...context, on: step.on });
      if (options.trace) {
        const frame = world.clock(step.on).screenText();
        (result.trace ??= []).push({ text: step.text, at: step.at, on: step.on, frame, ok: problem === undefined });
      }
      options.onStep?.();
      if (problem) {
        result.failure = failureAt(world, step, i + 1, problem, options.logLines ?? 20);
        break;
      }
    }
  } catch (error) {
    // The world could not be built (the portal refused an employee…) or a bug surfaced: still a result.
    const problem = { error: error instanceof Error ? error.message : String(error), mismatches: [] };
    result.failure = setupFailure(scenario, world, problem, options.logLines ?? 20);
  } finally {
    if (world) {
      result.virtualMs = world.elapsed();
      await world.close();
    }
  }
  snapshots.save();
  result.snapshotsUpdated = snapshots.updated;
  result.ok = result.failure === undefined;
  if (result.failure) result.message = formatFailure(result.failure, result.steps);
  if (coverage) result.coverage = coverage.data();
  result.wallMs = performance.now() - started;
  return result;
}

function failureAt(world: World, step: Step, index: number, problem: StepProblem, logLines: number): StepFailure {
  const clock = world.clock(step.on);
  const failure: StepFailure = {
    index,
    at: step.at,
    via: step.via,
    text: step.text,
    on: step.on,
    clockTime: formatTimestamp(clock.now()),
    elapsedMs: world.elapsed(),
    mismatches: problem.mismatches,
    frame: clock.screenText(),
    logTail: world.log.tail(logLines),
  };
  if (problem.error !== '') failure.error = problem.error;
  return failure;
}

function setupFailure(
  scenario: Scenario,
  world: World | undefined,
  problem: StepProblem,
  logLines: number,
): StepFailure {
  const on = scenario.clocks[0]!.serial;
  const clock = world?.clocks.get(on);
  return {
    index: 0,
    at: scenario.at,
    via: [],
    text: '(setup: clocks, cloud, employees)',
    on,
    clockTime: clock ? formatTimestamp(clock.now()) : '',
    elapsedMs: world?.elapsed() ?? 0,
    error: problem.error,
    mismatches: [],
    frame: clock?.screenText() ?? '',
    logTail: world?.log.tail(logLines) ?? [],
  };
}
