// `timeclock` loads only the command it runs (src/cli/commands.ts); what people read must not change for
// it. Every command's help, as a user runs it, is compared with the text it printed before (help-text/),
// the program's list of commands with the one the loaded commands give, and a loaded command's libraries
// are read off the process (import-log.mjs): `--version` pays for commander and nothing heavy.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { createProgram, main } from '../../src/cli/main.js';
import { captureRunIo } from './capture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HELP_DIR = fileURLToPath(new URL('help-text', import.meta.url));
const IMPORT_LOG = fileURLToPath(new URL('import-log.mjs', import.meta.url));

/** `timeclock.cloud.accounts.txt` → ['cloud', 'accounts']. */
const HELP_FILES = fs
  .readdirSync(HELP_DIR)
  .sort()
  .map((file) => ({
    file,
    words: file
      .replace(/\.txt$/, '')
      .split('.')
      .slice(1),
  }));

/** `node bin/timeclock.js …argv` in a process of its own, stdout piped; extra node flags and variables. */
function timeclockProcess(argv: string[], options: { node?: string[]; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ status: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.node ?? []), 'bin/timeclock.js', ...argv], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out, err }));
  });
}

/** The packages `timeclock …argv` loaded, read off the process by import-log.mjs. */
async function packagesLoadedBy(argv: string[]): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-imports-'));
  try {
    const log = path.join(dir, 'imports.log');
    const run = await timeclockProcess(argv, { node: ['--import', IMPORT_LOG], env: { IMPORT_LOG: log } });
    expect(run.status, run.err).toBe(0);
    return [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the help people read', () => {
  it.each(HELP_FILES)('is unchanged for `timeclock $words --help`', async ({ file, words }) => {
    const run = await timeclockProcess([...words, '--help']);

    expect([run.status, run.err]).toEqual([0, '']);
    expect(run.out).toBe(fs.readFileSync(path.join(HELP_DIR, file), 'utf8'));
  });

  it.each(['run', 'cloud', 'fleet'])('is the command’s own for `timeclock help %s`', async (name) => {
    const run = await timeclockProcess(['help', name]);

    expect(run.status).toBe(0);
    expect(run.out).toBe(fs.readFileSync(path.join(HELP_DIR, `timeclock.${name}.txt`), 'utf8'));
  });

  it('lists each command as its loaded module does', async () => {
    const listed = captureRunIo();
    const whole = captureRunIo();
    const loaded = await createProgram(whole.io);

    await main(['--help'], listed.io);
    loaded.outputHelp();

    expect(listed.out()).toBe(whole.out());
    for (const entry of COMMANDS) {
      const command = loaded.commands.find((c) => c.name() === entry.name)!;
      expect(command.summary() || command.description(), entry.name).toBe(entry.summary);
    }
  });
});

describe('what a start loads', () => {
  const HEAVY = ['ajv', 'better-sqlite3', 'blessed', 'fastify', 'pino', 'serialport', 'xstate', 'yaml'];

  it('loads commander and none of the heavy libraries for --version', async () => {
    const loaded = await packagesLoadedBy(['--version']);

    expect(loaded).toContain('commander');
    expect(loaded.filter((name) => HEAVY.includes(name) && name !== 'xstate')).toEqual([]);
  });

  it('loads no web server, terminal UI or serial library for `timeclock models`', async () => {
    const loaded = await packagesLoadedBy(['models']);

    expect(loaded.filter((name) => ['fastify', 'blessed', 'serialport', 'ajv', 'yaml'].includes(name))).toEqual([]);
  });
});
