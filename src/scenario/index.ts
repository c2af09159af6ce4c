// The scenario room: QA scenarios in YAML run in virtual time against the firmware (and the embedded
// cloud), with reports for people and CI, record and replay, and the machine's coverage.
export { runScenario, runScenarioFile, runLoadedScenario, DEFAULT_SEED, type RunOptions } from './runner.js';
export { loadScenarioFile, parseScenarioText, scenarioFromObject, TOP_KEYS } from './load.js';
export { STEP_KINDS } from './load-steps.js';
export { EXPECT_KEYS } from './load-expect.js';
export { ScenarioFileError, Source, formatRef, readYamlText, yamlErrorRef } from './yaml-reader.js';
export { discoverScenarioFiles, DiscoverError } from './discover.js';
export { formatReport, formatSummary, formatFailure, totalsOf, type RunTotals } from './report-text.js';
export { formatJUnit } from './report-junit.js';
export { formatTap } from './report-tap.js';
export { formatHtml } from './report-html.js';
export { NO_STEP_MAKES, STEPS_OF_EVENT, undrivableTransitions } from './drivable.js';
export { runFilesInParallel } from './pool.js';
export {
  CoverageRecorder,
  describeTransition,
  formatCoverage,
  machineGraph,
  summarizeCoverage,
  type CoverageData,
  type CoverageSummary,
  type MachineGraph,
  type MachineTransition,
} from './coverage.js';
export { readJournal, JournalError, type Act, type Journal, type JournalEntry, type JournalHeader } from './journal.js';
export { replayJournal, type ReplayResult } from './replay.js';
export { recordClock, type ClockRecording } from './record-clock.js';
export type { FileResult, ScenarioResult, StepFailure } from './results.js';
export type { Action, Expectation, Scenario, SourceRef, Step } from './types.js';

// Re-exported so that other rooms reach these only through this index.
export { parseDuration, formatDuration } from './duration.js';
export { boxed } from './report-text.js';
export { type ReplayStep } from './replay.js';
export { generateSetups } from './generate-moves.js';
export { searchPaths } from './generate-search.js';
export { existingFiles, fileNameOf, scenarioText } from './generate-write.js';
export { filesOfShard } from './shard-files.js';
export { seededRandom, type Random } from './random.js';
