// The `timeclock` command: its subcommands on one commander program. Bad usage is a message and exit
// code 2; `timeclock` alone, or with options first, is `timeclock run`.
import type { Command } from 'commander';
import { listDeviceModels } from '../devices/index.js';
import { createCloudCommand } from './cloud.js';
import { createFleetCommand } from './fleet.js';
import { createInitCommand } from './init.js';
import { createPortsCommand } from './ports.js';
import { execute, onAction, timeclockCommand, type OutputIo } from './program.js';
import { createReplayCommand } from './replay.js';
import { createRunCommand, type RunIo } from './run.js';
import { createCoverageCommand, createScenarioCommand } from './scenario.js';

const PROCESS_IO: RunIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

/** The program's own options: every other leading option belongs to `run`. */
const PROGRAM_OPTIONS = ['-h', '--help', '--version'];

export function createProgram(io: RunIo = PROCESS_IO): Command {
  return timeclockCommand('timeclock', io)
    .description('A simulator of a cloud-connected biometric wall time clock.')
    .enablePositionalOptions()
    .addCommand(createRunCommand(io))
    .addCommand(createCloudCommand(io))
    .addCommand(createScenarioCommand(io))
    .addCommand(createInitCommand(io))
    .addCommand(createCoverageCommand(io))
    .addCommand(createReplayCommand(io))
    .addCommand(createModelsCommand(io))
    .addCommand(createPortsCommand(io))
    .addCommand(createFleetCommand(io))
    .addHelpText(
      'after',
      "\n'timeclock <command> --help' shows a command's options. With no command, or with options first,\n" +
        "timeclock runs 'timeclock run'.\n",
    );
}

/** Runs `timeclock …argv` and resolves to its exit code. */
export function main(argv: string[], io: RunIo = PROCESS_IO): Promise<number> {
  const first = argv[0];
  const runByDefault = first === undefined || (first.startsWith('-') && !PROGRAM_OPTIONS.includes(first));
  return execute(createProgram(io), runByDefault ? ['run', ...argv] : argv);
}

function createModelsCommand(io: OutputIo): Command {
  const command = timeclockCommand('models', io).description('list the clock models in devices/');
  return onAction(command, () => {
    io.stdout.write(`${listDeviceModels().join('\n')}\n`);
    return 0;
  });
}
