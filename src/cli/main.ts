// The `timeclock` command: its subcommands on one commander program. Bad usage is a message and exit
// code 2; `timeclock` alone, or with options first, is `timeclock run`. Only the command that runs is
// loaded (commands.ts); the others are listed by name, operands and summary, which is all help shows.
import type { Command } from 'commander';
import { COMMANDS, commandEntry, type CommandEntry } from './commands.js';
import { execute, timeclockCommand } from './program.js';
import type { RunIo } from './run.js';

const PROCESS_IO: RunIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

/** The program's own options: every other leading option belongs to `run`. */
const PROGRAM_OPTIONS = ['-h', '--help', '--version'];

/** The whole program, every command loaded: for a test or a tool that reads the commands' options. */
export function createProgram(io: RunIo = PROCESS_IO): Promise<Command> {
  return programWith(
    io,
    COMMANDS.map((entry) => entry.name),
  );
}

/** Runs `timeclock …argv` and resolves to its exit code. */
export async function main(argv: string[], io: RunIo = PROCESS_IO): Promise<number> {
  const first = argv[0];
  const runByDefault = first === undefined || (first.startsWith('-') && !PROGRAM_OPTIONS.includes(first));
  const words = runByDefault ? ['run', ...argv] : argv;
  // `timeclock help cloud` prints the help of cloud, so cloud is the one to load.
  const named = words[0] === 'help' ? words[1] : words[0];
  return execute(await programWith(io, commandEntry(named) ? [named!] : []), words);
}

async function programWith(io: RunIo, loaded: readonly string[]): Promise<Command> {
  const program = timeclockCommand('timeclock', io)
    .description('A simulator of a cloud-connected biometric wall time clock.')
    .enablePositionalOptions()
    .addHelpText(
      'after',
      "\n'timeclock <command> --help' shows a command's options. With no command, or with options first,\n" +
        "timeclock runs 'timeclock run'.\n",
    );
  for (const entry of COMMANDS) {
    program.addCommand(loaded.includes(entry.name) ? await entry.load(io) : listedOnly(entry, io));
  }
  return program;
}

/**
 * A command as the program's help lists it, and nothing behind it: main loads the real one whenever
 * the words name it, so this one's parse and action never run.
 */
function listedOnly(entry: CommandEntry, io: RunIo): Command {
  const command = timeclockCommand(entry.name, io).summary(entry.summary);
  return entry.operands === undefined ? command : command.arguments(entry.operands);
}
