// Benchmark: `timeclock run` started to its first drawn frame (target <= 1 s). The real CLI runs on a
// real pseudo-terminal (util-linux `script`), and the clock is timed from the spawn to the moment the
// idle screen's text arrives on the terminal. Run: npx tsx scripts/bench/tui-startup.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { machineLine, today } from './machine.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 10;
const DEADLINE_MS = 20_000;

interface Start {
  /** Spawn to the first frame on the terminal. */
  wall: number;
  /** CPU time of the whole run (idle after the frame until q), which a busy machine disturbs less. */
  cpu: number;
}

const CPU_FILE = path.join(os.tmpdir(), `timeclock-bench-cpu-${process.pid}`);

/** Starts the clock, waits for its first frame, quits with q and waits for the exit. */
function startOnce(args: string, entry = 'bin/timeclock.js'): Promise<Start> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // The pty takes 80×24 before the clock starts, as a terminal window would have.
    const command = `stty cols 80 rows 24; exec /usr/bin/time -f '%U %S' -o ${CPU_FILE} node ${entry} run ${args}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let seen = '';
    let drawnAt: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no frame within ${DEADLINE_MS} ms; output so far:\n${seen}`));
    }, DEADLINE_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      if (drawnAt !== undefined) return;
      seen += chunk.toString('utf8');
      if (!seen.includes('Enter ID')) return;
      drawnAt = performance.now() - start;
      child.stdin.write('q');
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (drawnAt === undefined) return reject(new Error(`exited before drawing; output:\n${seen}`));
      const [user = 0, system = 0] = fs.readFileSync(CPU_FILE, 'utf8').trim().split(/\s+/).map(Number);
      resolve({ wall: drawnAt, cpu: (user + system) * 1000 });
    });
  });
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function line(label: string, starts: Start[]): string {
  const wall = starts.map((s) => s.wall);
  const verdict = median(wall) <= 1000 ? 'OK' : 'OVER';
  const range = `min ${Math.min(...wall).toFixed(0)}  max ${Math.max(...wall).toFixed(0)}`;
  return `  ${label}: wall median ${median(wall).toFixed(0)} ms (${range}) ${verdict} (target <= 1000 ms); cpu median ${median(starts.map((s) => s.cpu)).toFixed(0)} ms`;
}

async function runs(args: string, entry?: string): Promise<Start[]> {
  const starts: Start[] = [];
  for (let i = 0; i < RUNS; i++) starts.push(await startOnce(args, entry));
  return starts;
}

console.log(`tui start -> first drawn frame, ${RUNS} runs each (${today()})`);
console.log(`${machineLine()}, load average ${os.loadavg()[0]!.toFixed(1)}`);
// The first start compiles the TypeScript into tsx's cache; it is reported, and not counted.
const first = await startOnce('--memory');
console.log(`  first start (tsx cache may be cold): wall ${first.wall.toFixed(0)} ms, cpu ${first.cpu.toFixed(0)} ms`);
console.log(line('--memory', await runs('--memory')));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-bench-'));
try {
  const seeded = await startOnce(`--data ${dataDir}`);
  console.log(
    `  --data, first start (creates the SQLite file, seeds the demo company): wall ${seeded.wall.toFixed(0)} ms`,
  );
  console.log(line('--data, restart', await runs(`--data ${dataDir}`)));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// The same start from one esbuild bundle instead of tsx compiling module by module: what a bin that
// runs a prebuilt bundle would give. The bundle sits in the checkout (.timeclock/ is ignored by git)
// because the devices/ directory is found by walking up from the running module.
const bundleDir = path.join(ROOT, '.timeclock', 'bench-startup');
try {
  buildSync({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: path.join(bundleDir, 'main.mjs'),
    logLevel: 'error',
  });
  const entry = path.join(bundleDir, 'run.mjs');
  fs.writeFileSync(
    entry,
    "const { main } = await import('./main.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  console.log(line('--memory, esbuild bundle', await runs('--memory', entry)));
} finally {
  fs.rmSync(bundleDir, { recursive: true, force: true });
  // .timeclock/ may hold someone's data; it goes only if this run left it empty.
  if (fs.readdirSync(path.dirname(bundleDir)).length === 0) fs.rmdirSync(path.dirname(bundleDir));
  fs.rmSync(CPU_FILE, { force: true });
}
