// In-memory streams for running a `timeclock` command in-process: stdin with the lines given, and
// stdout and stderr collected as text.
import { PassThrough, Writable } from 'node:stream';
import type { RunIo } from '../../src/cli/run.js';

export interface CapturedRunIo {
  io: RunIo;
  out(): string;
  err(): string;
}

export function captureRunIo(env: NodeJS.ProcessEnv = {}, lines: string[] = []): CapturedRunIo {
  const text = { out: '', err: '' };
  const sink = (into: 'out' | 'err') =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text[into] += chunk.toString('utf8');
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(lines.map((line) => `${line}\n`).join(''));
  return {
    io: { stdin, stdout: sink('out'), stderr: sink('err'), env },
    out: () => text.out,
    err: () => text.err,
  };
}
