// The server's side of cloud commands: a command value into the `C:<id>:<text>` line of a getrequest
// answer. The clock parses these with firmware/commands.ts; formatting then parsing gives the value back.
import { commandNameOf, isCommandId, type CloudCommand } from '../../firmware/index.js';
import { formatBiodataFields } from './biodata.js';
import { formatUserFields, formatTemplateFields } from './operlog.js';
import { fieldText } from './lines.js';
import { formatPushTime } from './time.js';
import { codedRangeError } from '../errors.js';

/**
 * What a server may send: every command of docs/wire-formats.md §1, plus `raw` text for QA scenarios that send a
 * dialect or a command the clock does not know (`USER ADD …`).
 */
export type PushCommand =
  Exclude<CloudCommand, { kind: 'unsupported' } | { kind: 'malformed' }> | { kind: 'raw'; text: string };

/** `C:17:DATA UPDATE USERINFO PIN=1001⇥…`; throws RangeError for an id that is not 1–16 letters or digits. */
export function formatCommand(id: string, command: PushCommand): string {
  if (!isCommandId(id))
    throw codedRangeError('TC_ERR_COMMAND_ID', `command id must be 1–16 letters or digits, got "${id}"`);
  return `C:${id}:${formatCommandText(command)}`;
}

/** The command's text after `C:<id>:`. */
export function formatCommandText(command: PushCommand): string {
  switch (command.kind) {
    case 'update-user':
      // ViceCard is sent empty, as servers do: the clock has no second card.
      return `DATA UPDATE USERINFO ${formatUserFields(command.user)}\tViceCard=`;
    case 'delete-user':
      return `DATA DELETE USERINFO PIN=${command.pin}`;
    case 'update-template':
      return `DATA UPDATE FINGERTMP ${formatTemplateFields(command.template, command.size)}`;
    case 'delete-template':
      return command.fid === undefined
        ? `DATA DELETE FINGERTMP PIN=${command.pin}`
        : `DATA DELETE FINGERTMP PIN=${command.pin}\tFID=${command.fid}`;
    case 'update-biodata':
      return `DATA UPDATE BIODATA ${formatBiodataFields(command.record.template, command.record)}`;
    case 'delete-biodata':
      return `DATA DELETE BIODATA Pin=${command.pin}${optional('Type', command.type)}${optional('No', command.no)}`;
    case 'query-biodata':
      return `DATA QUERY BIODATA Type=${command.type}${optional('Pin', command.pin)}${optional('No', command.no)}`;
    case 'clear-biodata':
      return 'CLEAR BIODATA';
    case 'query-attlog':
      return `DATA QUERY ATTLOG StartTime=${formatPushTime(command.from)}\tEndTime=${formatPushTime(command.to)}`;
    case 'query-userinfo':
      return command.pin === undefined ? 'DATA QUERY USERINFO' : `DATA QUERY USERINFO PIN=${command.pin}`;
    case 'clear-log':
      return 'CLEAR LOG';
    case 'clear-data':
      return 'CLEAR DATA';
    case 'check':
      return 'CHECK';
    case 'upload-new':
      return 'LOG';
    case 'verify-attlog-sum':
      return `VERIFY SUM ATTLOG StartTime=${formatPushTime(command.from)}\tEndTime=${formatPushTime(command.to)}`;
    case 'reload-options':
      return 'RELOAD OPTIONS';
    case 'info':
      return 'INFO';
    case 'reboot':
      return 'REBOOT';
    case 'set-option':
      return `SET OPTION ${Object.entries(command.options)
        .map(([key, value]) => `${fieldText(key)}=${fieldText(value)}`)
        .join('\t')}`;
    case 'enroll-finger':
      return `ENROLL_FP PIN=${command.pin}\tFID=${command.fid}\tRETRY=${command.retries}\tOVERWRITE=${command.overwrite ? 1 : 0}`;
    case 'raw':
      // TABs stay, so that dialects (`DATA UPDATE USERINFO⇥PIN=…`) can be sent; a line break would split the command.
      return command.text.replace(/[\r\n]+/g, ' ');
  }
}

function optional(key: string, value: string | number | undefined): string {
  return value === undefined ? '' : `\t${key}=${value}`;
}

/** A whole getrequest answer: `OK` when there is nothing to do, else one `C:` line per command. */
export function formatCommandsBody(commands: readonly { id: string; command: PushCommand }[]): string {
  if (commands.length === 0) return 'OK';
  return commands.map(({ id, command }) => `${formatCommand(id, command)}\n`).join('');
}

/** The CMD a clock puts in its reply for a command (DATA, CLEAR_LOG, SET OPTION, VERIFY SUM…). */
export function commandWord(command: PushCommand): string {
  return commandNameOf(formatCommandText(command));
}
