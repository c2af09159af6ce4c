// The fleet's own process for out-of-process tests: `timeclock fleet` started as a user starts it (the CLI,
// its own process, real sockets), optionally under a shell's `ulimit`; the cloud is test/fixtures/cloud-process.ts.
import { spawn } from 'node:child_process';
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
