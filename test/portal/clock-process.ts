// A real `timeclock run --headless` in a child process, driven by its console commands on stdin and read
// by the screen frames it prints: the clock of the end-to-end tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));

export class ClockProcess {
  private output = '';
  private readonly waiters = new Set<() => void>();
  private exited: number | null | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters) wake();
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => {
      this.exited = code;
      for (const wake of this.waiters) wake();
    });
  }

  static start(args: string[]): ClockProcess {
    return new ClockProcess(spawn(process.execPath, [BIN, 'run', '--headless', ...args], { stdio: 'pipe' }));
  }

  /** Everything printed so far. */
  get text(): string {
    return this.output;
  }

  /** Where the next wait starts reading: output before it is not looked at. */
  mark(): number {
    return this.output.length;
  }

  /** Resolves with the match once the output after `from` matches; rejects after `timeoutMs` or on exit. */
  waitFor(pattern: RegExp, from = 0, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.output.slice(from).match(pattern);
        if (found) return done(() => resolve(found));
        if (this.exited !== undefined)
          done(() => reject(new Error(`the clock exited (${this.exited}) before ${pattern}:\n${this.tail()}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.tail()}`))),
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

  /** Types console commands (`1001`, `ok`, `finger 1001/right-index`) and waits for the screen they lead to. */
  async send(lines: string[], expected: RegExp): Promise<string> {
    const from = this.mark();
    this.child.stdin.write(`${lines.join('\n')}\n`);
    return (await this.waitFor(expected, from))[0];
  }

  async stop(): Promise<void> {
    if (this.exited !== undefined) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.write('quit\n');
    this.child.stdin.end();
    await exit;
  }

  private tail(): string {
    return this.output.slice(-1_500);
  }
}
