// `timeclock` loads only the command it runs (src/cli/commands.ts); what people read must not change for
// it. Every command's help, as a user runs it, is compared with the text it printed before (help-text/),
// and the program's list of commands with the one the loaded commands give. What each start loads:
// start-loads.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { createProgram, main } from '../../src/cli/main.js';
import { captureRunIo } from './capture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HELP_DIR = fileURLToPath(new URL('help-text', import.meta.url));

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

/** `node bin/timeclock.js …argv` in a process of its own, its output piped. */
function timeclockProcess(argv: string[]) {
  const run = spawnSync(process.execPath, ['bin/timeclock.js', ...argv], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe('the help people read', () => {
  it.each(HELP_FILES)('is unchanged for `timeclock $words --help`', ({ file, words }) => {
    const run = timeclockProcess([...words, '--help']);

    expect([run.status, run.err]).toEqual([0, '']);
    expect(run.out).toBe(fs.readFileSync(path.join(HELP_DIR, file), 'utf8'));
  });

  it.each(['run', 'cloud', 'fleet'])('is the command’s own for `timeclock help %s`', (name) => {
    const run = timeclockProcess(['help', name]);

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
