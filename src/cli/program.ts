// How every `timeclock` command is built on commander: -h/--help and --version on each, output through
// the streams it is given, and exits as return codes (0 for help and version, 2 for bad usage) rather
// than process.exit, so that tests run a command in-process and scripts see the codes they always saw.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { codedError, TimeclockError, type ErrorCode } from '../errors.js';

/** Bad flags, arguments or settings: the command prints the message and exits with USAGE_EXIT. */
export class UsageError extends TimeclockError<ErrorCode> {
  override name = 'UsageError';
  constructor(message: string, code: ErrorCode = 'TC_ERR_USAGE') {
    super(code, message);
  }
}

export const USAGE_EXIT = 2;

export interface OutputIo {
  stdout: { write(text: string): unknown; columns?: number };
  stderr: { write(text: string): unknown };
}

/** One flag of a table of flags (`timeclock run` keeps its flags as data, see config.ts). */
export interface FlagSpec {
  kind: 'string' | 'boolean';
  /** What help calls the value: `--model <name>`. */
  value?: string;
  /** The environment variable that stands in for the flag; said in help, read by the command itself. */
  env?: string;
  /** The flag may be given more than once; its value is then the list. */
  repeatable?: boolean;
  describe: string;
}

/** A commander option for a table entry; the help names the variable the way commander's own .env() does. */
export function optionFrom(name: string, spec: FlagSpec): Option {
  const flags = spec.kind === 'string' ? `--${name} <${spec.value ?? 'value'}>` : `--${name}`;
  const option = new Option(flags, spec.env ? `${spec.describe} (env: ${spec.env})` : spec.describe);
  return spec.repeatable ? option.argParser((value: string, previous: string[] = []) => [...previous, value]) : option;
}

/** A command with the house settings; give it options, then its action through onAction. */
export function timeclockCommand(name: string, io: OutputIo): Command {
  const command = new Command(name);
  return command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      // A fixed width off a terminal, so that help reads the same in a pipe, a file and a test.
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => 100,
      outputError: (text, write) => write(errorLine(command, text)),
    })
    .version(packageVersion(), '--version', 'print the version')
    .helpOption('-h, --help', 'show this help');
}

/** `timeclock cloud: …`; commander's own messages (`error: unknown option …`) also say where help is. */
function errorLine(command: Command, text: string): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  const label = names.join(' ');
  if (!text.startsWith('error: ')) return `${label}: ${text}`;
  return `${label}: ${text.slice('error: '.length)}(see '${label} --help')\n`;
}

/** The command's option values; a variable that is set but empty counts as unset, as it does for `run`. */
export function optionsOf<T extends object>(command: Command): T {
  const values = Object.entries(command.opts()).filter(
    ([name, value]) => !(value === '' && command.getOptionValueSource(name) === 'env'),
  );
  return Object.fromEntries(values) as T;
}

/** Commander ignores what an action returns: the exit code is kept here, by the program that ran. */
const exitCodes = new WeakMap<Command, number>();

/**
 * Sets the command's action. `act` gets the operands and returns the exit code; a UsageError it throws
 * becomes the command's error message and USAGE_EXIT.
 */
export function onAction(command: Command, act: (operands: string[]) => Promise<number> | number): Command {
  return command.action(async () => {
    let code: number;
    try {
      code = await act(command.args);
    } catch (error) {
      if (error instanceof UsageError) command.error(error.message, { exitCode: USAGE_EXIT, code: 'timeclock.usage' });
      throw error;
    }
    let root = command;
    while (root.parent) root = root.parent;
    exitCodes.set(root, code);
  });
}

/** Parses `argv` (the words after `timeclock`) and runs the command it names; resolves to the exit code. */
export async function execute(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // Help and version end the parse with code 0; every parse error is bad usage.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT;
    throw error;
  }
  return exitCodes.get(program) ?? 0;
}

/** Runs one command as `timeclock <name> …argv`, so that its usage line and messages carry the full name. */
export function executeAlone(command: Command, argv: readonly string[], io: OutputIo): Promise<number> {
  const program = timeclockCommand('timeclock', io).enablePositionalOptions().addCommand(command);
  return execute(program, [command.name(), ...argv]);
}

let version: string | undefined;

/** This package's version, from the package.json above this module (the sources, dist/ or run's bundle). */
export function packageVersion(): string {
  if (version !== undefined) return version;
  const here = fileURLToPath(import.meta.url);
  for (let dir = path.dirname(here); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'timeclock-sim' && typeof pkg.version === 'string') return (version = pkg.version);
    }
    if (path.dirname(dir) === dir) throw codedError('TC_ERR_INSTALL', `no package.json of timeclock-sim above ${here}`);
  }
}
