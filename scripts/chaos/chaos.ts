// The crash test: a clock process killed with SIGKILL at random moments while it punches and uploads,
// started again on the same SQLite file each time; then a last run uploads everything. Every punch the
// screen thanked must be in the clock's log and in the cloud exactly once, and the store must open after
// every kill. `npm run chaos -- --trials N [--seed S]` prints trials, punches, lost and duplicated;
// `npm run chaos -- --cloud --trials N [--punches P]` kills the cloud's process instead (cloud-chaos.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { createCloud } from '../../src/cloud/index.js';
import { seededRandom } from '../../src/scenario/index.js';
import { runCloudChaos } from './cloud-chaos.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let bundledWorker: string | undefined;

/**
 * worker.ts as one module (esbuild), built once per process: a trial is mostly a clock's start, and node
 * starts the bundle on about a fifth of the CPU that tsx's loader spends on the hundreds of source files
 * (0.26 against 1.2 s, busy machine). Kept inside the checkout, where node finds its packages and the code
 * finds devices/ as from the sources; named by its content, so that a changed source makes a new one.
 */
function workerScript(): string {
  if (bundledWorker !== undefined) return bundledWorker;
  const [output] = buildSync({
    entryPoints: [WORKER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  }).outputFiles;
  const text = output!.text;
  const dir = path.join(ROOT, 'node_modules', '.cache', 'timeclock-chaos');
  const file = path.join(dir, `worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Two runs at once: each writes its own file, then moves it in place whole.
    fs.writeFileSync(`${file}.${process.pid}`, text);
    fs.renameSync(`${file}.${process.pid}`, file);
  }
  return (bundledWorker = file);
}

/** A punch as the wire and the cloud know it: PIN and time to the second (the clock's log keeps ms). */
export function key(pin: string, time: number | string): string {
  return `${pin} ${Math.floor(Number(time) / 1000)}`;
}

export interface ChaosResult {
  trials: number;
  /** Punches the screen thanked for, over all trials. */
  acknowledged: number;
  /** In the clock's log at the end. */
  stored: number;
  /** In the cloud at the end. */
  uploaded: number;
  /** Thanked but missing from the clock's log or the cloud. */
  lost: string[];
  /** The same PIN and time twice in the clock's log, or the cloud holding a punch the clock does not. */
  duplicated: string[];
  /** Runs whose store did not open (the worker died before saying ready). */
  unopened: number;
}

export interface WorkerRun {
  ready: boolean;
  acks: string[];
  final?: { pin: string; time: number }[];
}

export interface StartedWorker {
  child: ChildProcess;
  /** Filled in as the worker prints. */
  run: WorkerRun;
  /** Resolves once the worker has exited. */
  done: Promise<WorkerRun>;
}

/** A clock worker on `dataDir`, linked to `url`; `onReady` runs once its store opened and its link started. */
export function startWorker(dataDir: string, url: string, mode: 'run' | 'final', onReady?: () => void): StartedWorker {
  const child = spawn(process.execPath, [workerScript(), dataDir, url, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: WorkerRun = { ready: false, acks: [] };
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let at: number;
    while ((at = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      if (line === 'ready') {
        run.ready = true;
        onReady?.();
      } else if (line.startsWith('ack ')) {
        const [pin = '', time = ''] = line.slice(4).split(' ');
        run.acks.push(key(pin, time));
      } else if (line.startsWith('final ')) run.final = JSON.parse(line.slice(6)) as WorkerRun['final'];
    }
  });
  const done = new Promise<WorkerRun>((resolve) =>
    child.on('exit', () => {
      if (!run.ready) process.stderr.write(`chaos: a clock did not start:\n${stderr.slice(-2_000)}\n`);
      resolve(run);
    }),
  );
  return { child, run, done };
}

function runWorker(dataDir: string, url: string, mode: 'run' | 'final', killAfterMs?: number): Promise<WorkerRun> {
  const worker = startWorker(dataDir, url, mode, () => {
    if (killAfterMs !== undefined) setTimeout(() => worker.child.kill('SIGKILL'), killAfterMs);
  });
  return worker.done;
}

/** Lost and duplicated punches: what the screen thanked for, against the clock's log and the cloud's rows. */
export function tally(
  trials: number,
  acknowledged: readonly string[],
  stored: readonly string[],
  inCloud: readonly string[],
  unopened: number,
): ChaosResult {
  const storedSet = new Set(stored);
  const cloudSet = new Set(inCloud);
  return {
    trials,
    acknowledged: acknowledged.length,
    stored: stored.length,
    uploaded: inCloud.length,
    lost: acknowledged.filter((a) => !storedSet.has(a) || !cloudSet.has(a)),
    duplicated: [...repeats(stored), ...repeats(inCloud), ...inCloud.filter((p) => !storedSet.has(p))],
    unopened,
  };
}

/** Each entry that came before, once per repeat. */
function repeats(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((p) => seen.size === seen.add(p).size);
}

export async function runChaos(options: { trials: number; seed?: number; maxKillMs?: number }): Promise<ChaosResult> {
  const random = seededRandom(options.seed ?? Date.now());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-chaos-'));
  const cloud = createCloud({ data: path.join(dir, 'cloud.db'), autoRegister: true });
  const { url } = await cloud.listen();
  const acknowledged: string[] = [];
  let unopened = 0;
  try {
    for (let trial = 0; trial < options.trials; trial++) {
      const run = await runWorker(dir, url, 'run', Math.floor(random() * (options.maxKillMs ?? 400)));
      if (!run.ready) unopened++;
      acknowledged.push(...run.acks);
    }
    const last = await runWorker(dir, url, 'final');
    if (!last.ready || last.final === undefined) unopened++;
    const stored = (last.final ?? []).map((p) => key(p.pin, p.time));
    const inCloud = cloud.store.punches.query({ limit: 10_000_000 }).map((p) => key(p.pin, p.time));
    return tally(options.trials, acknowledged, stored, inCloud, unopened);
  } finally {
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const trials = flag('trials', 50);
  const seed = flag('seed', Date.now() % 1_000_000);
  const started = performance.now();
  // --cloud: the cloud is the one killed, in its own process, while one clock punches on (cloud-chaos.ts).
  const killCloud = process.argv.includes('--cloud');
  const result = killCloud
    ? await runCloudChaos({ trials, seed, punchesPerTrial: flag('punches', 200) })
    : await runChaos({ trials, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `trials ${result.trials}, punches ${result.acknowledged} (stored ${result.stored}, in the cloud ${result.uploaded}), ` +
      `lost ${result.lost.length}, duplicated ${result.duplicated.length}, stores that did not open ${result.unopened} — seed ${seed}, ${seconds} s`,
  );
  for (const p of result.lost.slice(0, 10)) console.log(`lost: ${p}`);
  for (const p of result.duplicated.slice(0, 10)) console.log(`duplicated: ${p}`);
  process.exitCode = result.lost.length + result.duplicated.length + result.unopened > 0 ? 1 : 0;
}
