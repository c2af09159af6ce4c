// The fleet's own processes for out-of-process tests: `timeclock fleet` and `timeclock cloud` started as a
// user starts them (the CLI, its own process, real sockets), optionally under a shell's `ulimit`.
import { spawn } from 'node:child_process';
import { ProcessOutput } from '../fixtures/clock-process.js';
import { BIN } from './helpers.js';

export interface Exited {
  code: number | null;
  out: string;
  err: string;
}

/** `timeclock fleet …args` to its end; `shell` runs it through `bash -c` after that shell's own commands. */
export function fleetProcess(args: string[], options: { shell?: string } = {}): Promise<Exited> {
  const child =
    options.shell === undefined
      ? spawn(process.execPath, [BIN, 'fleet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('bash', ['-c', `${options.shell}; exec "$0" "$@"`, process.execPath, BIN, 'fleet', ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  return new Promise((resolve) => {
    const text = { out: '', err: '' };
    child.stdout.on('data', (chunk: Buffer) => (text.out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text.err += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, ...text }));
  });
}

/** `timeclock cloud --memory --port 0 …flags` in its own process, once it says where it listens. */
export async function cloudProcess(flags: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'cloud', '--memory', '--port', '0', '--log-level', 'warn', ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // ProcessOutput reads stdout, stderr and the exit; the cloud needs no stdin.
  const output = new ProcessOutput(child as unknown as ConstructorParameters<typeof ProcessOutput>[0]);
  const [, url] = await output.waitFor(/timeclock cloud at (http:\/\/\S+)/);
  return {
    url: url!,
    stop: async () => {
      if (output.exited !== undefined) return;
      const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exit;
    },
  };
}
