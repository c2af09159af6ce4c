// `timeclock replay journal.jsonl`: reproduces a recorded session in virtual time and checks that
// every screen is the one recorded. Exit codes: 0 identical, 1 a screen differs, 2 a bad journal.
import { formatDuration } from '../scenario/duration.js';
import { JournalError } from '../scenario/journal.js';
import { boxed } from '../scenario/report-text.js';
import { replayJournal } from '../scenario/replay.js';
import { UsageError, helpText, parseArgs, type FlagSpec } from './args.js';
import type { CommandIo } from './scenario.js';

const REPLAY_FLAGS: Record<string, FlagSpec> = {
  help: { kind: 'boolean', describe: 'show this help' },
};

export async function replayCommand(
  argv: string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    const { flags, positionals } = parseArgs(argv, REPLAY_FLAGS);
    if (flags.help) {
      io.stdout.write(helpText('Usage: timeclock replay JOURNAL.jsonl', REPLAY_FLAGS));
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give one journal file (written by --record)');
    const file = positionals[0]!;
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
    if (error instanceof UsageError || error instanceof JournalError) {
      io.stderr.write(`timeclock: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
