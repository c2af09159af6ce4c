// Runs benchmarks one after another, each in its own process (so none inherits another's heap), and
// prints what each prints: `npm run bench`, or `npm run bench -- firmware sync-upload` for some of them
// (or a script's path, `npm run bench -- ./my-bench.ts`). Progress ("[3/15] cloud-poll: 41 s…" every 30 s) goes to
// stderr, the total to stdout last; a reader that goes away (`npm run bench | head`) stops the run quietly.
// Each runs from an esbuild bundle of itself, as `timeclock run` runs the clock: the figures are those of
// the code users run, without tsx's per-function name wrappers (`--tsx` runs the sources through tsx).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const BENCHES = [
  'firmware',
  'punch-breakdown',
  'tap-gap',
  'startup-process',
  'tui-keypress',
  'tui-startup',
  'cloud-poll',
  'cloud-load',
  'cloud-upload',
  'cloud-ingest-triggers',
  'cloud-compare',
  'cloud-attacks',
  'sync-upload',
  'scenario-day',
  'serial-decoders',
  'serial-control',
  'control-load',
  'control-fanout',
  'lan',
  'lan-load',
  'portal',
  'timesheet',
  'face',
  'fleet',
  'transport-floor',
];

/** How a benchmark measures, said under its heading: where what is measured runs, and which run it reports. */
const HOW: Record<string, string> = {
  'tap-gap':
    'In the benchmark process: the clock (in-memory and on a SQLite file), its store alone and raw better-sqlite3 commits, one after another; process CPU time a tap, the second of two rounds.',
  'cloud-ingest-triggers':
    "In the benchmark process: the cloud's own store on database files (WAL), with and without the day table's triggers, alternately; µs a punch, best and median of 5 runs.",
  portal:
    'The cloud in a process of its own (the browser and the polling clocks in this one); p50 and p95 of 200 requests of each kind, one run.',
  timesheet:
    'The cloud in a process of its own (`timeclock cloud --data`, 10,000 employees and a year of punches seeded first); server time (Server-Timing) of the month CSV of 1,000 employees, p50 and p95 of 50 requests, one run.',
  face: 'The clock, its terminal UI and the face server in the benchmark process, Chromium in its own, the 100 extra pages in a child process; key click in the page → frame drawn in the page, p50 and p95 of 400 presses, one run.',
  'transport-floor':
    "The clock's HTTP transport and a bare http.request poller in the benchmark process, the server in its own; CPU a request, the median of 7 alternated rounds each.",
  fleet:
    'The fleet in the benchmark process (startFleet, as `timeclock fleet` runs it), the embedded cloud and the bare poller of the floor in processes of their own, in the same seconds; one run, 10,000 clocks for 10 minutes in real time (about 12 minutes with the seeding).',
};

/** Modules of src/ that a benchmark forks from beside itself (child-module.ts): bundled with it, into a folder. */
const CHILDREN: Record<string, Record<string, string>> = {
  fleet: { 'cloud-child': 'src/fleet/cloud-child.ts' },
};

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const viaTsx = args.includes('--tsx');
const chosen = args.filter((arg) => arg !== '--tsx');
const unknown = chosen.filter((name) => !BENCHES.includes(name) && !isScript(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; benchmarks: ${BENCHES.join(' ')} (or a script's path)`);
  process.exit(2);
}

function isScript(name: string): boolean {
  return /\.(ts|mjs|js)$/.test(name) && fs.existsSync(name);
}

function sourceOf(name: string): string {
  return isScript(name) ? path.resolve(name) : path.join(dir, `${name}.ts`);
}

/**
 * Beside its source, so that what it finds relative to itself (a server script, devices/) is there; one
 * that forks modules of src/ goes into a folder of its own with them, where child-module.ts finds them.
 */
async function bundled(name: string, source: string): Promise<string> {
  const base = path.join(path.dirname(source), `.${path.basename(source).replace(/\.\w+$/, '')}.bundle`);
  const children = CHILDREN[name];
  const root = path.join(dir, '..', '..');
  const entries = Object.entries(children ?? {}).map(([child, file]) => [child, path.join(root, file)]);
  await build({
    ...(children === undefined
      ? { entryPoints: [source], outfile: `${base}.mjs` }
      : {
          entryPoints: { [name]: source, ...Object.fromEntries(entries) },
          outdir: base,
          outExtension: { '.js': '.mjs' },
        }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return children === undefined ? `${base}.mjs` : path.join(base, `${name}.mjs`);
}

/** The bundle and, for one in a folder of its own, the folder. */
function removeBundle(script: string): void {
  const folder = path.dirname(script);
  fs.rmSync(folder.endsWith('.bundle') ? folder : script, { recursive: true, force: true });
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

let running: ReturnType<typeof spawn> | undefined;
let bundle: string | undefined;
// The reader went away: the benchmark running is stopped (it is ours, by its pid) and so is the run.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  running?.kill('SIGTERM');
  if (bundle !== undefined) removeBundle(bundle);
  process.exit(0);
});

/** Runs one benchmark, its stdout through ours (so that a closed pipe stops it), its stderr as is. */
function runOne(script: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(viaTsx ? ['--import', 'tsx'] : []), script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running = child;
    child.stdout.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    child.on('error', () => resolve(null));
    child.on('close', (status) => {
      running = undefined;
      resolve(status);
    });
  });
}

const names = chosen.length > 0 ? chosen : BENCHES;
const start = performance.now();
const failed: string[] = [];
for (const [index, name] of names.entries()) {
  const step = `[${index + 1}/${names.length}] ${name}`;
  process.stderr.write(`${step}: running…\n`);
  process.stdout.write(`\n## ${name}${viaTsx ? ' (tsx)' : ''}\n\n${HOW[name] === undefined ? '' : `${HOW[name]}\n\n`}`);
  const began = performance.now();
  // A long benchmark (the fleet's runs 12 minutes) says it is still going, every half minute.
  const ticking = setInterval(
    () => process.stderr.write(`${step}: ${seconds(performance.now() - began)}…\n`),
    Number(process.env.BENCH_PROGRESS_MS ?? 30_000),
  );
  const script = viaTsx ? sourceOf(name) : await bundled(name, sourceOf(name));
  bundle = viaTsx ? undefined : script;
  const status = await runOne(script);
  clearInterval(ticking);
  if (!viaTsx) removeBundle(script);
  if (status !== 0) failed.push(name);
  const outcome = status === 0 ? 'done' : `FAILED (exit ${status})`;
  process.stderr.write(`${step}: ${outcome} in ${seconds(performance.now() - began)}\n`);
}
const total = `${names.length} benchmarks in ${seconds(performance.now() - start)}: ${names.length - failed.length} done, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''}`;
process.stdout.write(`\n${total}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
