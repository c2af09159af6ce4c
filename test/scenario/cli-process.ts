// `timeclock` as a user starts it: its own process from bin/timeclock.js, what it prints collected, and
// waits on its output lines bounded by a timeout (never a sleep).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  private output = '';
  private readonly waiters = new Set<() => void>();
  private exited = false;

  constructor(
    args: string[],
    private readonly child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, ...args], {
      stdio: 'pipe',
    }),
  ) {
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters) wake();
    };
    this.child.stdout.on('data', take);
    this.child.stderr.on('data', take);
    this.child.on('exit', () => {
      this.exited = true;
      for (const wake of this.waiters) wake();
    });
  }

  get text(): string {
    return this.output;
  }

  /** The output after `from` once it holds `count` matches of `pattern`; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, from = 0, count = 1, timeoutMs = 60_000): Promise<string> {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this.output.slice(from);
        if ((text.match(global)?.length ?? 0) >= count) return done(() => resolve(text));
        if (this.exited) done(() => reject(new Error(`exited before ${count} × ${pattern}:\n${this.output}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${count} × ${pattern} within ${timeoutMs} ms:\n${this.output}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGINT');
    await exit;
  }
}
