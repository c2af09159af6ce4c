// A scratch directory to run the documents' commands in, as a reader would from a clone: `npx timeclock`
// is this checkout's bin, and scripts/ is the checkout's, so that nothing the commands write (databases,
// journals, reports) lands in the working tree. A bare `timeclock` is not on PATH, as in a clone, where
// it exits 127: a block that writes one fails here too.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeAfterEach } from '../fixtures/after-each.js';
import { ROOT } from './blocks.js';

export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function makeSandbox(): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-readme-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  const bin = path.join(dir, 'node_modules', '.bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'bin', 'timeclock.js'), path.join(bin, 'timeclock'));
  fs.symlinkSync(path.join(ROOT, 'scripts'), path.join(dir, 'scripts'));
  const env = {
    ...process.env,
    PATH: (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => !fs.existsSync(path.join(dir, 'timeclock')))
      .join(path.delimiter),
    // The data of `timeclock run` without --data or --memory, and npm's own noise, stay in the scratch directory.
    XDG_DATA_HOME: path.join(dir, 'data'),
    npm_config_update_notifier: 'false',
  };
  return { dir, env, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a shell command line to its end; resolves with its status and output. */
export function runLine(
  line: string,
  sandbox: Sandbox,
  timeoutMs = 300_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], { cwd: sandbox.dir, env: sandbox.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end();
  });
}

/** Starts `command` in the sandbox as a LineProcess, stopped after the current test. */
export function lineProcessForTest(command: string, sandbox: Sandbox): LineProcess {
  const process = new LineProcess(command, sandbox);
  closeAfterEach(() => process.stop());
  return process;
}

/** A started command whose standard output is read line by line. */
export class LineProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private partial = '';
  private waiting: (() => void) | undefined;
  private ended = false;
  stderr = '';

  constructor(command: string, sandbox: Sandbox) {
    this.child = spawn('bash', ['-c', `exec ${command}`], { cwd: sandbox.dir, env: sandbox.env });
    this.child.stdout.on('data', (chunk: Buffer) => {
      const parts = (this.partial + chunk.toString('utf8')).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.waiting?.();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      this.waiting?.();
    });
    this.child.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  /** The next line of output; rejects when the process ends first or nothing comes within the time. */
  async nextLine(timeoutMs = 90_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.ended) throw new Error(`the process ended; its stderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no line within ${timeoutMs} ms; stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.lines.shift()!;
  }

  /** Waits until stdout or stderr has text matching `pattern`. */
  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const seen = () => pattern.test(this.stderr) || pattern.test([...this.lines, this.partial].join('\n'));
    while (!seen()) {
      if (this.ended) throw new Error(`the process ended before printing ${pattern}; stderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`nothing matched ${pattern} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  write(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Ends the process (its own, by pid) and waits for it. */
  async stop(): Promise<void> {
    if (this.ended) return;
    const closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.child.stdin.end();
    this.child.kill('SIGTERM');
    await closed;
  }
}
