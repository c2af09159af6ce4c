// `timeclock cloud`, started as its users start it, loads the cloud's modules and not the clock's terminal
// UI or serial bridges, and holds no bundle source map in its heap: those held about 30 MiB of a
// long-running cloud's memory (BENCHMARKS.md).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const PROBE = fileURLToPath(new URL('../../scripts/bench/memory-probe.mjs', import.meta.url));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** The command in its own process with the probe preloaded; resolves once it printed `ready`. */
async function started(args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = fork(BIN, args, {
    execArgv: ['--expose-gc', '--import', PROBE],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.push(child);
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (ready.test(printed)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before ${ready}: ${printed}`)));
  });
  return child;
}

const loadedPackages = (child: ChildProcess): Promise<string[]> =>
  new Promise((resolve) => {
    child.once('message', (files) => {
      const names = (files as string[]).map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]);
      resolve([...new Set(names.filter((name): name is string => name !== undefined))]);
    });
    child.send('modules');
  });

const liveHeapMiB = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    child.once('message', (usage) => resolve((usage as NodeJS.MemoryUsage).heapUsed / 2 ** 20));
    child.send('memory after gc');
  });

describe('the cloud command', () => {
  it('loads the HTTP server and SQLite but neither the terminal UI nor the serial ports', async () => {
    const cloud = await started(['cloud', '--memory', '--port', '0', '--log-level', 'warn'], /timeclock cloud at/);

    const packages = await loadedPackages(cloud);

    expect(packages).toEqual(expect.arrayContaining(['fastify', 'better-sqlite3']));
    expect(packages).not.toContain('blessed');
    expect(packages.filter((name) => name.startsWith('@serialport/') || name === 'serialport')).toEqual([]);
  });

  it('keeps under 22 MiB of live heap when idle (main’s held 27: its bundle’s source and source map)', async () => {
    const cloud = await started(['cloud', '--memory', '--port', '0', '--log-level', 'warn'], /timeclock cloud at/);

    const heap = await liveHeapMiB(cloud);

    expect(heap).toBeGreaterThan(5);
    expect(heap).toBeLessThan(22);
  });
});
