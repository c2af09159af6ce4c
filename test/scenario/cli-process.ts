// `timeclock` as a user starts it: its own process from bin/timeclock.js, what it prints collected, and
// waits on its output lines bounded by a timeout (never a sleep).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ProcessOutput } from '../fixtures/clock-process.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `timeclock …args` to its end. */
export function timeclock(args: string[], cwd?: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe', ...(cwd ? { cwd } : {}) });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...out }));
  });
}

/** A `timeclock` that keeps running (`scenario --watch`): read what it printed, wait for lines, stop it. */
export class RunningTimeclock {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly out: ProcessOutput;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
    this.out = new ProcessOutput(this.child);
  }

  get text(): string {
    return this.out.text;
  }

  /** The output after `from` once a line there matches `pattern`; rejects on exit or after `timeoutMs`. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 60_000): Promise<string> {
    await this.out.waitFor(pattern, from, timeoutMs);
    return this.out.text.slice(from);
  }

  async stop(): Promise<void> {
    if (this.out.exited !== undefined) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGINT');
    await exit;
  }
}
