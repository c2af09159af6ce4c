// `npm test`: vitest and the checks (scripts/checks.ts: tsc, eslint, prettier) side by side instead of one
// after the other. vitest leaves a core idle while its files wait on sockets and child processes, and for
// the floods it runs alone at the end; the checks, at the lowest priority, take that idle CPU and little
// else. On a fresh clone (CI's) they cost about 175 s of CPU, most of it hidden this way; with their cache
// warm, a few seconds. vitest's output is live; the checks' is held until vitest ends, then printed whole,
// and the last line names both results. The exit status is 1 when either failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { failedChecks, formatOutcome, runChecks, type Outcome } from './checks.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** vitest run, with the arguments given to `npm test --`, its output straight to the terminal. */
function runVitest(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      process.stderr.write(`npm test: could not start vitest: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
}

/** The counts of vitest's JSON report (vitest.config.ts), as .ci/run reads them, or undefined without one. */
function vitestCounts(): string | undefined {
  const file = path.join(ROOT, 'test-results', 'vitest.json');
  if (!fs.existsSync(file)) return undefined;
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  return `${report.numPassedTests} passed, ${report.numFailedTests} failed`;
}

async function main(): Promise<number> {
  const started = Date.now();
  fs.rmSync(path.join(ROOT, 'test-results', 'vitest.json'), { force: true });
  let checksEnded = 0;
  const checks = runChecks({ nice: true, report: () => (checksEnded = Date.now()) });
  const vitestStatus = await runVitest(process.argv.slice(2));
  const vitestEnded = Date.now();
  const outcomes: Outcome[] = await checks;
  const failed = failedChecks(outcomes);

  const after = checksEnded > vitestEnded ? `${Math.round((checksEnded - vitestEnded) / 1000)} s after vitest` : '';
  process.stdout.write(`\nchecks, run beside vitest at low priority${after ? ` (ended ${after})` : ''}:\n`);
  for (const outcome of outcomes) process.stdout.write(formatOutcome(outcome));
  const checksLine =
    failed.length === 0 ? `checks ${outcomes.length} of ${outcomes.length} ok` : `checks failed: ${failed.join(', ')}`;
  const vitestLine = `vitest ${vitestCounts() ?? `exit ${vitestStatus}, no report`}`;
  process.stdout.write(`npm test (${Math.round((Date.now() - started) / 1000)} s): ${checksLine}; ${vitestLine}\n`);
  return vitestStatus === 0 && failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
