// Start-up as a user sees it: a new `timeclock run --headless` process, from spawn to its first frame on
// stdout, on a data directory whose clock file holds 100,000 users (and, beside it, an empty one with the
// demo company). Node, the bundle, xstate and SQLite are loaded by each process; the file is in the page
// cache after the first run (a warm-up run is thrown away, and builds the bundle if a source changed).
// Then the CPU time each command costs a new process (user + system, best and median of the runs):
// `--version`, `--help`, a clock to its first frame, a cloud to listening, a scenario, a fleet of one to
// running. With --before DIR (another checkout, its node_modules in place), the same rows for DIR's
// `timeclock`, each run taken in turn with this one's, so that both see the same load.
// Run: npx tsx scripts/bench/startup-process.ts [runs] [--before DIR] [--cpu (the CPU rows alone)]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newUser } from '../../firmware/index.js';
import { createClock } from '../../src/runtime/index.js';
import { machineLine, today } from './machine.js';
import { cpuStats, cpuToEnd, cpuToReady, type CpuRun } from './process-cpu.js';

const args = process.argv.slice(2);
const beforeAt = args.indexOf('--before');
const BEFORE = beforeAt >= 0 ? path.resolve(args[beforeAt + 1]!) : undefined;
const RUNS = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--before') ?? 7);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USERS = 100_000;
const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));

function seeded(users: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-startup-'));
  if (users === 0) return dir;
  const clock = createClock({
    store: path.join(dir, 'clock.db'),
    storeSync: 'normal',
    time: { virtual: '2026-11-25T08:00:00' },
  });
  clock.load({
    users: Array.from({ length: users }, (_, i) => newUser(String(100_000 + i), { name: `User ${i}`, verifyMode: 0 })),
  });
  const count = clock.records.users.count();
  clock.close();
  if (count !== users) throw new Error(`seeded ${count} users, not ${users}`);
  return dir;
}

/** Spawn to the first frame; then the process is stopped. */
function startOnce(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [BIN, 'run', '--headless', '--data', dir, '--cloud', 'none', '--lan', 'off'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Enter ID, finger or card')) {
        const ms = performance.now() - started;
        child.once('exit', () => resolve(ms));
        child.stdin.end('quit\n');
      }
    });
    child.on('error', reject);
    setTimeout(() => reject(new Error(`no first frame within 30 s:\n${out}`)), 30_000).unref();
  });
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`;
}

/** Spawn to first frame with a large and a small clock file, and the floor of a bare node. */
async function firstFrames(): Promise<void> {
  const rows: string[] = [];
  for (const users of [USERS, 0]) {
    const dir = seeded(users);
    await startOnce(dir);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await startOnce(dir));
    rows.push(
      `| ${users === 0 ? 'the demo company (6 users)' : `${users.toLocaleString('en')} users`} | ${stats(times)} | ≤ 500 ms |`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The floor: a Node process that prints a line and exits.
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(
      await new Promise<number>((resolve) => {
        const started = performance.now();
        const child = spawn(process.execPath, ['-e', 'console.log("up")']);
        child.stdout.once('data', () => resolve(performance.now() - started));
      }),
    );
  }
  console.log(`start-up in a new process, ${today()}, ${machineLine()}; ${RUNS} runs after a warm-up`);
  console.log('| clock file | spawn to first frame (headless, no cloud, no LAN) | target |');
  console.log('|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(`| (floor: node -e, spawn to its first line) | ${stats(floor)} | — |`);
}

if (!args.includes('--cpu')) await firstFrames();

/** A command measured for its CPU: to its end, or to the line that says it is ready (then stopped). */
interface CpuCase {
  name: string;
  argv: string[];
  ready?: RegExp;
}

const FIRST_FRAME = /Enter ID, finger or card/;
const CPU_CASES: CpuCase[] = [
  { name: '`--version`', argv: ['--version'] },
  { name: '`--help`', argv: ['--help'] },
  { name: '`run --headless --memory` to its first frame', argv: ['run', '--headless', '--memory'], ready: FIRST_FRAME },
  {
    name: '`run --headless --memory --cloud none --lan off` to its first frame',
    argv: ['run', '--headless', '--memory', '--cloud', 'none', '--lan', 'off'],
    ready: FIRST_FRAME,
  },
  {
    name: '`cloud --memory --port 0` to listening',
    argv: ['cloud', '--memory', '--port', '0'],
    ready: /timeclock cloud at /,
  },
  {
    name: '`scenario` of one file (verify-card.yaml) to its end',
    argv: ['scenario', 'scripts/scenarios/verify-card.yaml'],
  },
  {
    name: '`fleet --clocks 1` (embedded cloud) to running, with its cloud child',
    argv: ['fleet', '--clocks', '1', '--cloud', 'embedded', '--profile', 'scripts/fleet/monday-rush.yaml'],
    ready: /fleet: running/,
  },
];

function cpuOnce(root: string, c: CpuCase): Promise<CpuRun> {
  const bin = path.join(root, 'bin', 'timeclock.js');
  return c.ready ? cpuToReady(bin, c.argv, root, c.ready) : cpuToEnd(bin, c.argv, root);
}

const roots = BEFORE ? [BEFORE, ROOT] : [ROOT];
const cpuRows: string[] = [];
for (const c of CPU_CASES) {
  const runs = roots.map(() => [] as CpuRun[]);
  // A warm-up of each (it builds a bundle if a source changed), then the runs in turn.
  for (const root of roots) await cpuOnce(root, c);
  for (let i = 0; i < RUNS; i++) for (const [r, root] of roots.entries()) runs[r]!.push(await cpuOnce(root, c));
  const stats = runs.map(cpuStats);
  const saved = stats.length === 2 ? ` | ${(stats[0]!.median - stats[1]!.median).toFixed(2)} s` : '';
  cpuRows.push(`| ${c.name} | ${stats.map((s) => s.text).join(' | ')}${saved} |`);
}
console.log(`\nCPU (user + system) of a new process, ${RUNS} runs after a warm-up`);
console.log(BEFORE ? `| command | before (${BEFORE}) | after | median saved |` : '| command | CPU |');
console.log(BEFORE ? '|---|---|---|---|' : '|---|---|');
for (const row of cpuRows) console.log(row);
