// `timeclock replay journal.jsonl`: reproduces a recorded session in virtual time and checks that
// every screen is the one recorded. Exit codes: 0 identical, 1 a screen differs, 2 a bad journal.
import type { Command } from 'commander';
import { formatDuration } from '../scenario/duration.js';
import { JournalError } from '../scenario/journal.js';
import { boxed } from '../scenario/report-text.js';
import { replayJournal } from '../scenario/replay.js';
import { UsageError, executeAlone, onAction, timeclockCommand } from './program.js';
import type { CommandIo } from './scenario.js';

const PROCESS_IO: CommandIo = { stdout: process.stdout, stderr: process.stderr };

export function createReplayCommand(io: CommandIo = PROCESS_IO): Command {
  const command = timeclockCommand('replay', io)
    .description('replay a recorded journal and compare every screen')
    .argument('<journal>', 'the .jsonl journal that `timeclock run` or `timeclock scenario` recorded');
  return onAction(command, ([file]) => replay(file!, io));
}

/** `timeclock replay …argv`; resolves to the exit code. */
export function replayCommand(argv: string[], io: CommandIo = PROCESS_IO): Promise<number> {
  return executeAlone(createReplayCommand(io), argv, io);
}

async function replay(file: string, io: CommandIo): Promise<number> {
  try {
    const result = await replayJournal(file);
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
