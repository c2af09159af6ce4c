// What a `timeclock` start pays for, read off the process as a user starts it: import-log.mjs writes the
// name of every package the process loads. A command loads its own libraries only (src/cli/commands.ts),
// a run loads a room when it uses it (run-steps.ts), and the cloud compiles its request validators when a
// request is first validated (src/cloud/lazy-validators.ts). Counted in packages, never in time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProcessOutput } from '../fixtures/clock-process.js';
import { tempDirForTest } from '../fixtures/temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IMPORT_LOG = fileURLToPath(new URL('import-log.mjs', import.meta.url));

/** `timeclock …argv` with the import log on; its output, and the packages loaded so far at any time. */
function loggedProcess(log: string, argv: string[]) {
  const child = spawn(process.execPath, ['--import', IMPORT_LOG, 'bin/timeclock.js', ...argv], {
    cwd: ROOT,
    env: { ...process.env, IMPORT_LOG: log },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = new ProcessOutput(child);
  const loaded = () => [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort();
  const exited = () =>
    new Promise<number | null>((resolve) => {
      if (output.exited !== undefined) resolve(output.exited);
      else child.once('exit', resolve);
    });
  return { child, output, loaded, exited };
}

const HEAVY = ['ajv', 'better-sqlite3', 'blessed', 'fastify', 'pino-pretty', 'serialport', 'yaml'];

describe('what a start loads', () => {
  it('loads commander and none of the heavy libraries for --version', async () => {
    const run = loggedProcess(tempDirForTest('timeclock-imports-').file('imports.log'), ['--version']);

    expect(await run.exited()).toBe(0);
    expect(run.loaded()).toContain('commander');
    expect(run.loaded().filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it('loads no web server, terminal UI, serial library or YAML for a clock in memory, no cloud, no LAN', async () => {
    const run = loggedProcess(tempDirForTest('timeclock-imports-').file('imports.log'), [
      ...['run', '--headless', '--memory', '--cloud', 'none', '--lan', 'off'],
    ]);

    await run.output.waitFor(/Enter ID, finger or card/);
    run.child.stdin.end('quit\n');

    expect(await run.exited()).toBe(0);
    expect(run.loaded()).toContain('xstate');
    expect(run.loaded().filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it('compiles the cloud’s request validators at the first request that needs one, with the same errors', async () => {
    const run = loggedProcess(tempDirForTest('timeclock-imports-').file('imports.log'), [
      ...['cloud', '--memory', '--port', '0', '--log-level', 'warn', '--token', 'start-loads-token-1'],
    ]);
    try {
      const [, url] = await run.output.waitFor(/timeclock cloud at (http:\/\/\S+)/);
      const atListening = run.loaded();

      const answer = await fetch(`${url}/api/employees`, {
        method: 'POST',
        headers: { authorization: 'Bearer start-loads-token-1', 'content-type': 'application/json' },
        body: JSON.stringify({ employeeId: 'E1', lastName: 'X', badge: '12 34' }),
      });

      expect(atListening).toContain('fastify');
      expect(atListening).not.toContain('@fastify/ajv-compiler');
      expect([answer.status, await answer.json()]).toEqual([
        400,
        { error: 'badge must be 1–24 letters or digits', code: 'TC_ERR_CLOUD_BAD_REQUEST' },
      ]);
      expect(run.loaded()).toContain('@fastify/ajv-compiler');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited();
    }
  });
});
