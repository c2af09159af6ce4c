// `npm run checks`, half of `npm test` (scripts/test.ts runs them beside vitest): the two TypeScript
// checks, eslint and prettier, a core each at a time instead of one after the other (on two cores, about
// half the wall time), each keeping what it learnt of unchanged files in node_modules/.cache/checks
// (below). Each command's output is printed whole when it ends, never interleaved; the exit status is 1
// when any of them failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'checks');

/**
 * The same checks, remembering unchanged files between runs: from nothing they cost about 175 s of CPU,
 * about 6 s when nothing changed (busy machine). Each tool's own cache knows what to look at again:
 * eslint and prettier key each file by its content (not its time, which a checkout resets), their own
 * version and the config; tsc runs in build mode (`tsc -b`) on a config that extends the project's with
 * a build info file, which follows every file the program reads and keeps the errors it found, so an
 * unchanged project is not even parsed (`--incremental` alone still parses it all: 13 s of CPU).
 */
function withCache(command: string[]): string[] {
  const [bin, ...args] = command;
  if (bin === 'tsc') return ['tsc', '-b', buildConfig(args)];
  if (bin === 'eslint' || bin === 'prettier')
    return [...command, '--cache', '--cache-location', path.join(CACHE, `${bin}-cache`), '--cache-strategy', 'content'];
  return command;
}

/** `tsc -p X --noEmit` as a config for `tsc -b`: X's files and options, no output, its build info in CACHE. */
function buildConfig(args: string[]): string {
  const unknown = args.filter((arg, i) => !(arg === '-p' || args[i - 1] === '-p' || arg === '--noEmit'));
  if (unknown.length > 0)
    throw new Error(`scripts/checks.ts: tsc ${args.join(' ')}: ${unknown.join(' ')} is not understood here`);
  const at = args.indexOf('-p');
  const project = at >= 0 ? (args[at + 1] ?? 'tsconfig.json') : 'tsconfig.json';
  const name = project.replace(/[/.]/g, '-');
  const file = path.join(CACHE, `${name}.check.json`);
  const config = {
    extends: path.join(ROOT, project),
    compilerOptions: { noEmit: true, incremental: true, tsBuildInfoFile: path.join(CACHE, `${name}.tsbuildinfo`) },
  };
  const text = `${JSON.stringify(config, null, 2)}\n`;
  // Written only when it changes: tsc -b takes a config newer than its build info for a changed one.
  fs.mkdirSync(CACHE, { recursive: true });
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return file;
}

/**
 * The commands of package.json's `typecheck` and `lint` scripts, read from it so that the two never
 * drift apart, taken in turn (the project's tsc, eslint, prettier, the firmware's tsc): the longest
 * first, so that the short ones fill in beside them.
 */
function checks(): { name: string; command: string[] }[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [types, lint] = ['typecheck', 'lint'].map((name) => (scripts[name] ?? '').split(' && '));
  const lines = Array.from({ length: Math.max(types!.length, lint!.length) }, (_, i) => [types![i], lint![i]]).flat();
  return lines
    .filter((line): line is string => line !== undefined && line.trim() !== '')
    .map((line) => ({ name: line.trim(), command: withCache(line.trim().split(/\s+/)) }));
}

export interface Outcome {
  name: string;
  status: number | null;
  output: string;
}

/**
 * `nice`: at the lowest priority (nice 19, set before the command starts, so that every thread it makes
 * has it too), to take only the CPU that what runs beside it leaves idle.
 */
function run(check: { name: string; command: string[] }, nice: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const [bin, ...args] = check.command;
    const file = path.join(ROOT, 'node_modules', '.bin', bin!);
    const child = nice ? spawn('nice', ['-n', '19', file, ...args], { cwd: ROOT }) : spawn(file, args, { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) => resolve({ name: check.name, status: null, output: `${output}${error.message}\n` }));
    child.on('close', (status) => resolve({ name: check.name, status, output }));
  });
}

/**
 * Every check, a core each at a time; `report` is told each outcome as it comes (in the order they end),
 * and the promise holds them all.
 */
export async function runChecks(options: { nice: boolean; report: (outcome: Outcome) => void }): Promise<Outcome[]> {
  fs.mkdirSync(CACHE, { recursive: true });
  const queue = checks();
  const count = queue.length;
  const outcomes: Outcome[] = [];
  const worker = async () => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const outcome = await run(check, options.nice);
      outcomes.push(outcome);
      options.report(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), count)) }, worker));
  return outcomes;
}

/** A check's result as printed: its command, its verdict, then its output whole. */
export function formatOutcome(outcome: Outcome): string {
  const verdict = outcome.status === 0 ? 'ok' : `FAILED (exit ${outcome.status ?? 'none'})`;
  return `> ${outcome.name}: ${verdict}\n${outcome.output}`;
}

/** The names of the checks that failed. */
export function failedChecks(outcomes: Outcome[]): string[] {
  return outcomes.filter((outcome) => outcome.status !== 0).map((outcome) => outcome.name);
}

async function main(): Promise<number> {
  const outcomes = await runChecks({ nice: false, report: (outcome) => process.stdout.write(formatOutcome(outcome)) });
  const failed = failedChecks(outcomes);
  if (failed.length > 0) process.stdout.write(`checks failed: ${failed.join(', ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

// Run as `npm run checks`; imported by scripts/test.ts.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
