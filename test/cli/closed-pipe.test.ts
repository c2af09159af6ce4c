// A reader that goes away before the command has printed everything (`timeclock --help | head -1`) ends
// the command quietly: no EPIPE stack trace on stderr, the exit status it would have had. The reader here
// closes its end of the pipe before the child has written a byte, so every write meets a closed pipe.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));

/** Runs `timeclock …args` with its stdout closed at once; resolves with its exit status and stderr. */
function withClosedStdout(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a closed pipe on stdout', () => {
  it.each(['--help', 'run --help', 'models'])(
    'ends `timeclock %s` with status 0 and no trace',
    async (words) => {
      const { status, stderr } = await withClosedStdout(words.split(' '));

      expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(/);
      expect(status).toBe(0);
    },
    60_000,
  );
});
