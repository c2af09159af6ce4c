// A getrequest answer run through the firmware's interpreter, one command at a time, and the devicecmd
// body that answers it. Applying twice is the firmware's journal to prevent: a replayed id has no effects.
import {
  commandNameOf,
  formatReply,
  parseCommandBody,
  type CommandEffect,
  type CommandLine,
  type RejectedLine,
} from '../../firmware/index.js';
import type { CommandAnswer } from '../../firmware/index.js';
import type { PushOptions } from '../protocol/index.js';
import { maskSecrets, type Logger } from '../log.js';
import { withSetOptions } from './link-options.js';

export interface CommandRound {
  /** The devicecmd body: one reply per command, in the order received; empty when there was none. */
  replies: string;
  ids: string[];
  /** Lines without a usable id: they cannot be answered, only logged. */
  rejected: RejectedLine[];
}

export interface CommandHost {
  /**
   * The firmware decides and applies the command (clock.command): one command's SET OPTION TimeZone is
   * in force for the next.
   */
  execute(line: CommandLine): CommandAnswer;
  /** The link's options, so that a SET OPTION of Delay=abc is answered -1 like one of TimeZone=abc. */
  options(): PushOptions;
  /** Called after each command that was applied now (not replayed), before the next one runs. */
  onEffects(effects: CommandEffect[]): void;
  log: Logger;
}

/** A getrequest answer with no command: `OK` (any case), or nothing, as the firmware's parser reads it. */
const NOTHING_TO_DO = /^\s*(?:OK)?\s*$/i;

/** Whether a getrequest answer holds no command: nothing to run, nothing to reply. */
export function nothingToDo(body: string): boolean {
  return body === 'OK' || NOTHING_TO_DO.test(body);
}

/** Never throws for anything the server sent; a failing port (a closed store) does throw. */
export function runCommands(body: string, host: CommandHost): CommandRound {
  // Most polls: the parser would find no command and no bad line in it either.
  if (NOTHING_TO_DO.test(body)) return { replies: '', ids: [], rejected: [] };
  const { commands, rejected } = parseCommandBody(body);
  for (const line of rejected) {
    host.log.warn(
      { lineNumber: line.lineNumber, line: maskSecrets(line.line.slice(0, 200)), problem: line.problem },
      'getrequest: a line without a usable command id was ignored',
    );
  }
  const replies: string[] = [];
  for (const line of commands) {
    const checked = withLinkOptionsChecked(line, host.options());
    const { outcome, replayed, answered } = host.execute(checked);
    const fields = { id: line.id, command: maskSecrets(line.text.slice(0, 200)), returnCode: outcome.returnCode };
    if (replayed) host.log.info(fields, 'command already applied: answered again');
    else if (outcome.returnCode !== 0) host.log.warn({ ...fields, kind: checked.command.kind }, 'command refused');
    else host.log.info(fields, 'command applied');
    replies.push(formatReply(line.id, commandNameOf(answered), outcome));
    if (!replayed && outcome.effects.length > 0) host.onEffects(outcome.effects);
  }
  return {
    replies: replies.length === 0 ? '' : `${replies.join('\n')}\n`,
    ids: commands.map((c) => c.id),
    rejected,
  };
}

/**
 * The firmware passes the link's options (Delay, Realtime…) through unjudged; a bad value of one of
 * them makes the whole command a parameter error here, before it is applied or journaled.
 */
function withLinkOptionsChecked(line: CommandLine, options: PushOptions): CommandLine {
  if (line.command.kind !== 'set-option') return line;
  const { problems } = withSetOptions(options, line.command.options);
  if (problems.length === 0) return line;
  return { ...line, command: { kind: 'malformed', problem: problems.join('; ') } };
}
