// What a run tells its caller: plain data (workers send it between processes), one result per
// scenario and one per file.
import type { CoverageData } from './coverage.js';
import type { Mismatch } from './expect.js';
import type { SourceRef } from './types.js';

export interface StepFailure {
  /** 1-based position among the scenario's steps (groups expanded); 0 when the setup failed. */
  index: number;
  at: SourceRef;
  via: SourceRef[];
  /** The step as written. */
  text: string;
  on: string;
  /** The clock's own time when it failed, `2026-11-25 07:58:03`. */
  clockTime: string;
  elapsedMs: number;
  /** What went wrong, in one sentence, when it is not a list of mismatches. */
  error?: string;
  mismatches: Mismatch[];
  /** The clock's screen at that moment (frameText). */
  frame: string;
  logTail: string[];
}

/** One step as run, with the screen it left: what the HTML report shows (`trace` runs only). */
export interface StepTrace {
  /** The step as written. */
  text: string;
  at: SourceRef;
  on: string;
  /** The clock's screen after the step (frameText). */
  frame: string;
  ok: boolean;
}

export interface ScenarioResult {
  name: string;
  file: string;
  /** Index of the document in its file. */
  index: number;
  ok: boolean;
  /** Steps run (the failing one included) and steps in the scenario. */
  stepsRun: number;
  steps: number;
  seed: number;
  virtualMs: number;
  wallMs: number;
  failure?: StepFailure;
  /** The failure as a report prints it; undefined when the scenario passed. */
  message?: string;
  snapshotsUpdated: number;
  coverage?: CoverageData;
  /** Every step run and the screen after it, with RunOptions.trace. */
  trace?: StepTrace[];
}

export interface FileResult {
  file: string;
  scenarios: ScenarioResult[];
  /** A file that cannot run: `timeclock scenario` exits with 2. */
  error?: { message: string; at: SourceRef };
}
