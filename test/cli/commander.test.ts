// Every `timeclock` command on commander: -h/--help and --version print to stdout and exit 0 without
// running anything, an unknown option exits 2 with a message, and help names only options the command
// takes. The commands are read from the program itself, so that subcommands added later are covered.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { addRunOptions, runFlagsOf } from '../../src/cli/config.js';
import { createProgram, main } from '../../src/cli/main.js';
import { execute } from '../../src/cli/program.js';
import { makeTempDir, type TempDir } from '../store/temp-dir.js';
import { captureRunIo } from './capture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;

let dir: TempDir | undefined;
afterEach(() => {
  dir?.remove();
  dir = undefined;
});

/** The words that name each command: [] for `timeclock` itself, ['run'], ['cloud'], … and any below them. */
function commandPaths(command: Command, above: string[] = []): string[][] {
  return [above, ...command.commands.flatMap((c) => commandPaths(c, [...above, c.name()]))];
}

function commandAt(program: Command, words: string[]): Command {
  return words.reduce((command, word) => command.commands.find((c) => c.name() === word)!, program);
}

const PATHS = commandPaths(await createProgram(captureRunIo().io)).map((words) => ({
  words,
  name: ['timeclock', ...words].join(' '),
}));

/** Runs `timeclock …argv` in-process, with a data directory of its own that nothing should touch. */
async function timeclock(argv: string[]) {
  dir = makeTempDir();
  const run = captureRunIo({ XDG_DATA_HOME: dir.path, TIMECLOCK_LOG_LEVEL: 'silent' });
  const status = await main(argv, run.io);
  return { status, out: run.out(), err: run.err(), dataWritten: fs.readdirSync(dir.path) };
}

describe('the timeclock program', () => {
  it('has the commands it always had', () => {
    expect(PATHS.map((p) => p.words.join(' '))).toEqual(
      expect.arrayContaining(['', 'run', 'cloud', 'scenario', 'coverage', 'replay', 'models', 'ports']),
    );
  });

  describe.each(PATHS)('$name', ({ words, name }) => {
    it.each(['-h', '--help'])('prints its help for %s on stdout and exits 0 without running', async (flag) => {
      const { status, out, err, dataWritten } = await timeclock([...words, flag]);

      expect(status).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: ${name} `));
      expect(out).toMatch(/-h, --help\s+show this help/);
      expect(err).toBe('');
      expect(dataWritten).toEqual([]);
    });

    it('prints the version for --version and exits 0 without running', async () => {
      const { status, out, err, dataWritten } = await timeclock([...words, '--version']);

      expect(status).toBe(0);
      expect(out).toBe(`${VERSION}\n`);
      expect(err).toBe('');
      expect(dataWritten).toEqual([]);
    });

    it('refuses an unknown option with a message and exit code 2', async () => {
      // Options first with no command are `run`'s.
      const refuser = words.length > 0 ? name : 'timeclock run';

      const { status, out, err, dataWritten } = await timeclock([...words, '--frobnicate']);

      expect(status).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(`${refuser}: unknown option '--frobnicate'\n(see '${refuser} --help')\n`);
      expect(dataWritten).toEqual([]);
    });

    it('names in its help only options that it accepts', async () => {
      const { out: help } = await timeclock([...words, '--help']);
      const named = [...new Set(help.match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [])];
      // Actions replaced by no-ops: only the parse is on trial here.
      const program = await createProgram(captureRunIo().io);
      const stubbed = (c: Command): void => void [c.action(() => {}), ...c.commands.map(stubbed)];
      stubbed(program);
      const command = commandAt(program, words);
      const operands = command.registeredArguments.filter((a) => a.required).map(() => 'x');

      expect(named).toContain('--help');
      for (const flag of named) {
        const option = command.options.find((o) => o.long === flag);
        expect(option !== undefined || flag === '--help', `${name} --help names ${flag}`).toBe(true);
        const value = option?.required ? ['x'] : [];
        const io = captureRunIo();
        const again = await createProgram(io.io);
        stubbed(again);

        const status = await execute(again, [...words, flag, ...value, ...operands]);

        expect([status, io.err()], `${name} ${flag}`).toEqual([0, '']);
      }
    });
  });

  it('runs `timeclock` with options first as `timeclock run`', async () => {
    dir = makeTempDir();
    const run = captureRunIo({ XDG_DATA_HOME: dir.path, TIMECLOCK_LOG_LEVEL: 'silent' }, ['quit']);

    const status = await main(['--memory', '--headless'], run.io);

    expect(status).toBe(0);
    expect(run.out()).toContain('data: in memory');
  });

  it('shows a command’s help for `timeclock help COMMAND`', async () => {
    const { status, out } = await timeclock(['help', 'cloud']);

    expect(status).toBe(0);
    expect(out).toMatch(/^Usage: timeclock cloud \[options\]/);
  });

  it('refuses an unknown command with exit code 2', async () => {
    const { status, err } = await timeclock(['punch']);

    expect(status).toBe(2);
    expect(err).toMatch(/^timeclock: unknown command 'punch'/);
  });

  it('refuses an option that needs a value when it has none', async () => {
    const { status, err } = await timeclock(['cloud', '--port']);

    expect(status).toBe(2);
    expect(err).toMatch(/^timeclock cloud: option '--port <port>' argument missing/);
  });

  it('collects a repeated --bridge in order, in both spellings', () => {
    const command = addRunOptions(new Command('run')).exitOverride();

    command.parse(['--bridge', 'rdm6300:/dev/a', '--memory', '--bridge=control:tcp:7000'], { from: 'user' });

    expect(runFlagsOf(command)).toEqual({ bridge: ['rdm6300:/dev/a', 'control:tcp:7000'], memory: true });
  });
});

describe('bin/timeclock.js', () => {
  const timeclockProcess = (...argv: string[]) =>
    spawnSync(process.execPath, ['bin/timeclock.js', ...argv], { cwd: ROOT, encoding: 'utf8' });

  it('exits with the command’s code: 0 for --version, 2 for an unknown option', () => {
    const version = timeclockProcess('models', '--version');
    const unknown = timeclockProcess('models', '--frobnicate');

    expect([version.status, version.stdout]).toEqual([0, `${VERSION}\n`]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("timeclock models: unknown option '--frobnicate'");
  });
});
