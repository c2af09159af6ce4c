// A real `timeclock cloud` in a child process, as an operator starts it: its URL read from what it prints,
// its log (stderr) kept, stopped with SIGTERM or killed with SIGKILL. Used by the cloud chaos run and by
// the tests that count what a flood does to the cloud's log.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));

export class CloudProcess {
  private out = '';
  private err = '';
  private exit: Promise<number | null>;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly url: string,
    started: { out: string; err: string },
  ) {
    this.out = started.out;
    this.err = started.err;
    child.stdout.on('data', (chunk: Buffer) => {
      this.out += chunk.toString('utf8');
      for (const wake of this.waiters) wake();
    });
    child.stderr.on('data', (chunk: Buffer) => (this.err += chunk.toString('utf8')));
    this.exit = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
  }

  /** Starts `timeclock cloud --port <port> …args` and resolves once it prints where it listens. */
  static async start(args: string[], port = 0, timeoutMs = 60_000): Promise<CloudProcess> {
    const child = spawn(process.execPath, [BIN, 'cloud', '--port', String(port), ...args], { stdio: 'pipe' });
    const started = { out: '', err: '' };
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`timeclock cloud did not start: ${why}\n${started.out}${started.err.slice(-2_000)}`));
      };
      child.stdout.on('data', (chunk: Buffer) => {
        started.out += chunk.toString('utf8');
        const found = /timeclock cloud at (\S+)/.exec(started.out);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (started.err += chunk.toString('utf8')));
      child.once('exit', (code) => fail(`it exited (${code})`));
    });
    child.stdout.removeAllListeners('data');
    child.stderr.removeAllListeners('data');
    child.removeAllListeners('exit');
    return new CloudProcess(child, url, started);
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What it printed on stdout. */
  get stdout(): string {
    return this.out;
  }

  /** Resolves with the match once stdout matches `pattern`; rejects after `timeoutMs`. */
  printed(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(() => reject(new Error(`no ${pattern} in:\n${this.out}`))), timeoutMs);
      const settle = (then: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        then();
      };
      const check = () => {
        const found = pattern.exec(this.out);
        if (found) settle(() => resolve(found));
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Its log: JSON lines on stderr. */
  get log(): string {
    return this.err;
  }

  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exit;
  }

  /** SIGKILL: no close, no flush; resolves once the process is gone. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exit;
  }
}
