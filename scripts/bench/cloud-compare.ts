// The PUSH path before and after a change, in one run on one machine: a checkout of an earlier commit
// (default: the one before the cloud moved onto fastify) and this one serve the same load in turn, twice
// each (A B A B), so that drift of a shared machine falls on both. Prints the server's CPU per request
// (the steady figure) and the saturated request rate of each, and their ratio.
// Run: npx tsx scripts/bench/cloud-compare.ts [ref] [clocks] [seconds]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRun, type LoadResult } from './cloud-load.js';
import { machineLine, today } from './machine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function defaultBaseline(): string {
  const added = git('log', '--diff-filter=A', '--format=%H', '--', 'src/cloud/server.ts').split('\n').at(-1);
  if (!added) throw new Error('src/cloud/server.ts has no history here: name the baseline commit');
  return `${added}^`;
}

const ref = process.argv[2] ?? defaultBaseline();
const clocks = Number(process.argv[3] ?? 1_000);
const seconds = Number(process.argv[4] ?? 10);

const baseline = git('rev-parse', '--short', ref);
const head = git('rev-parse', '--short', 'HEAD');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-baseline-'));
git('worktree', 'add', '--detach', dir, baseline);
// The earlier commit needs a subset of today's packages: the same node_modules serves it.
fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));

const results: { label: string; result: LoadResult }[] = [];
try {
  for (const round of [1, 2]) {
    for (const [label, where] of [
      [`${baseline} (before)`, dir],
      [`${head} (now)`, undefined],
    ] as const) {
      results.push({ label: `${label}, round ${round}`, result: await loadRun(clocks, seconds, where) });
    }
  }
} finally {
  git('worktree', 'remove', '--force', dir);
}

const mean = (side: string, pick: (r: LoadResult) => number) => {
  const picked = results.filter((r) => r.label.includes(side)).map((r) => pick(r.result));
  return picked.reduce((a, b) => a + b, 0) / picked.length;
};
console.log(`cloud compare, ${today()}, ${machineLine()}`);
console.log(
  `${clocks} clocks, keep-alive, each phase ${seconds} s; server in its own process, CPU from process.cpuUsage()`,
);
console.log('| server | paced: server CPU per request | saturated: requests/s | saturated p50 | errors |');
console.log('|---|---|---|---|---|');
for (const { label, result } of results) {
  console.log(
    `| ${label} | ${result.pacedCpuPerRequestUs.toFixed(1)} µs | ${Math.round(result.saturatedPerSecond).toLocaleString('en')} | ` +
      `${result.saturatedP50Ms.toFixed(1)} ms | ${result.errors} |`,
  );
}
const cpuRatio = mean('(now)', (r) => r.pacedCpuPerRequestUs) / mean('(before)', (r) => r.pacedCpuPerRequestUs);
const rateRatio = mean('(now)', (r) => r.saturatedPerSecond) / mean('(before)', (r) => r.saturatedPerSecond);
console.log(
  `now / before: CPU per request ×${cpuRatio.toFixed(2)}, saturated rate ×${rateRatio.toFixed(2)} (within 10 %: ${rateRatio >= 0.9 ? 'yes' : 'no'})`,
);
