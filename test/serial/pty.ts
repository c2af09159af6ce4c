// Real pty pairs for end-to-end tests, made by socat; the tests ask requireTool('socat') first.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { until } from './helpers.js';

export interface PtyPair {
  /** The end a rig (or the device) uses. */
  a: string;
  /** The end the clock's bridge opens. */
  b: string;
  stop(): Promise<void>;
  /** Starts socat again on the same links (after stop), as a re-plugged adapter. */
  restart(): Promise<void>;
  /** Stops socat and removes the links' directory. */
  dispose(): Promise<void>;
}

export async function ptyPair(): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-pty-'));
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    await until(() => fs.existsSync(a) && fs.existsSync(b), 'socat to create both pty links', 5000);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (c === undefined || c.exitCode !== null) return;
    const gone = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    await gone;
    await until(() => !fs.existsSync(a) && !fs.existsSync(b), 'socat to remove its links', 5000);
  };
  await start();
  const dispose = async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { a, b, stop, restart: start, dispose };
}
