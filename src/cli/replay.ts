// `timeclock replay journal.jsonl`: reproduces a recorded session in virtual time and checks that
// every screen is the one recorded; with --screens it shows each input and the screen it left as it goes.
// Exit codes: 0 identical, 1 a screen differs, 2 a bad journal.
import type { Command } from 'commander';
import { formatDuration } from '../scenario/index.js';
import { JournalError } from '../scenario/index.js';
import { boxed } from '../scenario/index.js';
import { replayJournal, type ReplayStep } from '../scenario/index.js';
import { UsageError, executeAlone, onAction, optionsOf, timeclockCommand } from './program.js';
import type { CommandIo } from './scenario.js';

const PROCESS_IO: CommandIo = { stdout: process.stdout, stderr: process.stderr };

export function createReplayCommand(io: CommandIo = PROCESS_IO): Command {
  const command = timeclockCommand('replay', io)
    .description('replay a recorded journal and compare every screen')
    .argument('<journal>', 'the .jsonl journal that `timeclock run` or `timeclock scenario` recorded')
    .option('--screens', 'show each input and the screen it left, screen by screen');
  return onAction(command, ([file]) => replay(file!, io, optionsOf<{ screens?: boolean }>(command).screens === true));
}

/** `timeclock replay …argv`; resolves to the exit code. */
export function replayCommand(argv: string[], io: CommandIo = PROCESS_IO): Promise<number> {
  return executeAlone(createReplayCommand(io), argv, io);
}

/** `+1.5 s  TC1A000001  {"keys":"1002"}` and the screen, boxed. */
function stepText({ entry, serial, screen }: ReplayStep): string {
  return `+${formatDuration(entry.at)}  ${serial}  ${JSON.stringify(entry.act)}\n${boxed(screen).join('\n')}\n\n`;
}

async function replay(file: string, io: CommandIo, screens: boolean): Promise<number> {
  try {
    const result = await replayJournal(file, screens ? { onStep: (step) => io.stdout.write(stepText(step)) } : {});
    if (result.ok) {
      io.stdout.write(
        `${file}: ${result.inputs} inputs over ${formatDuration(result.virtualMs)} of virtual time replayed; every screen matched\n`,
      );
      return 0;
    }
    const m = result.mismatch!;
    io.stdout.write(
      [
        `${file}:${m.line}: the screen of ${m.serial} differs after ${JSON.stringify(m.entry.act)} at +${formatDuration(m.entry.at)}`,
        'recorded:',
        ...boxed(m.expected),
        'replayed:',
        ...boxed(m.actual),
        '',
      ].join('\n'),
    );
    return 1;
  } catch (error) {
    // A journal that cannot be read is bad usage, like a bad flag.
    if (error instanceof JournalError) throw new UsageError(error.message);
    throw error;
  }
}
