// The CPU time (user + system) a `timeclock` command costs as a process of its own: a command that ends,
// through /usr/bin/time (which counts the children it waits for); a server, up to its ready line, read
// off /proc for it and every process below it (the fleet's cloud child), then stopped. Linux only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks a second of /proc/<pid>/stat's times (USER_HZ; 100 on Linux everywhere it runs). */
const TICKS = 100;

export interface CpuRun {
  /** User + system CPU, seconds. */
  cpu: number;
}

/** `node BIN …argv` to its end, timed by /usr/bin/time; rejects when it exits with another code than 0. */
export function cpuToEnd(bin: string, argv: string[], cwd: string): Promise<CpuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, bin, ...argv], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const times = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(err);
      if (code !== 0 || !times) reject(new Error(`timeclock ${argv.join(' ')} exited ${code}:\n${err.slice(-800)}`));
      else resolve({ cpu: Number(times[1]) + Number(times[2]) });
    });
  });
}

/** `node BIN …argv` until its output matches `ready`: the CPU of it and its children then; then SIGTERM. */
export function cpuToReady(bin: string, argv: string[], cwd: string, ready: RegExp): Promise<CpuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const look = (chunk: Buffer) => {
      out += chunk.toString();
      if (done || !ready.test(out)) return;
      done = true;
      const cpu = treeCpu(child.pid!);
      child.once('close', () => resolve({ cpu }));
      child.kill('SIGTERM');
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done) reject(new Error(`timeclock ${argv.join(' ')} exited ${code} before ${ready}:\n${out.slice(-800)}`));
    });
  });
}

/** Seconds of CPU used so far by `pid` and every live process below it. */
function treeCpu(pid: number): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0; // it ended between the parent's list of children and now: its time is its parent's to count
  }
  // Fields after the command name (which may hold spaces, so cut at its closing bracket): utime is 14th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = (Number(fields[11]) + Number(fields[12])) / TICKS;
  return own + childrenOf(pid).reduce((sum, child) => sum + treeCpu(child), 0);
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(' ').map(Number));
    }
  } catch {
    // A thread or the process ended while being read: the children found so far are all there are.
  }
  return children;
}

/** `best 0.21 s, median 0.24 s` of the runs. */
export function cpuStats(runs: readonly CpuRun[]): { best: number; median: number; text: string } {
  const sorted = runs.map((r) => r.cpu).sort((a, b) => a - b);
  const best = sorted[0]!;
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { best, median, text: `best ${best.toFixed(2)} s, median ${median.toFixed(2)} s` };
}
