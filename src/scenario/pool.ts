// `--jobs N`: scenario files run in N child processes (each its own V8 and SQLite, so a crash or a
// leak in one file stays there). Results come back in the order of the files, whoever finishes first.
import { fork, type ChildProcess } from 'node:child_process';
import { childModule } from '../child-module.js';
import type { FileResult } from './results.js';
import type { RunOptions } from './runner.js';

type Reply = { file: string; result: FileResult } | { file: string; crash: string };

export async function runFilesInParallel(
  files: readonly string[],
  options: RunOptions,
  jobs: number,
  onFile: (result: FileResult) => void,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length);
  const { path, execArgv } = childModule(import.meta.url, 'worker');
  const { onStep: _onStep, ...sendable } = options;
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const child: ChildProcess = fork(path, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let current = -1;
      const feed = (): void => {
        if (next >= files.length) {
          child.disconnect();
          return;
        }
        current = next++;
        child.send({ file: files[current], options: sendable });
      };
      child.on('message', (reply: Reply) => {
        const result = 'crash' in reply ? crashed(reply.file, reply.crash) : reply.result;
        results[current] = result;
        onFile(result);
        feed();
      });
      child.on('exit', (code) => {
        if (current >= 0 && results[current] === undefined) {
          const result = crashed(files[current]!, `the worker exited with code ${code}`);
          results[current] = result;
          onFile(result);
        }
        // A worker that died leaves the files it did not take to a fresh one.
        resolve(next < files.length ? runWorker() : undefined);
      });
      feed();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, runWorker));
  return results;
}

function crashed(file: string, detail: string): FileResult {
  return { file, scenarios: [], error: { message: `${file}: the runner crashed: ${detail}`, at: { file, path: '' } } };
}
