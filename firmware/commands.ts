// The clock's side of PUSH cloud commands, as values: a `getrequest` answer parsed into command lines,
// and the `devicecmd` reply of each. Applying a command to the ports is command-apply.ts.
import type { BioRecord } from './command-biodata.js';
import { parseCommandText } from './command-parse.js';
import type { Punch } from './punches.js';
import type { ClockSettings } from './settings.js';
import type { LocalTime } from './time.js';
import type { Template, User } from './users.js';

export type CloudCommand =
  | { kind: 'update-user'; user: User }
  | { kind: 'delete-user'; pin: string }
  /** `size` is the `Size` field when the server sent one; checked against TMP when applied. */
  | { kind: 'update-template'; template: Template; size?: number }
  /** Without `fid`, every finger of the user. */
  | { kind: 'delete-template'; pin: string; fid?: number }
  /** `DATA UPDATE BIODATA`: the integrated-template table; fingers (Type 1) are FINGERTMP's templates. */
  | { kind: 'update-biodata'; record: BioRecord }
  /** Without `type`, every template of the user; `no` only with a type. */
  | { kind: 'delete-biodata'; pin: string; type?: number; no?: number }
  | { kind: 'query-biodata'; type: number; pin?: string; no?: number }
  | { kind: 'clear-biodata' }
  | { kind: 'query-attlog'; from: LocalTime; to: LocalTime }
  /** Without `pin`, every user. */
  | { kind: 'query-userinfo'; pin?: string }
  | { kind: 'clear-log' }
  | { kind: 'clear-data' }
  | { kind: 'check' }
  /** `LOG`: check for new records and upload them now. */
  | { kind: 'upload-new' }
  /** `VERIFY SUM ATTLOG`: how many attendance records lie in [from, to], for the server to compare. */
  | { kind: 'verify-attlog-sum'; from: LocalTime; to: LocalTime }
  | { kind: 'info' }
  | { kind: 'reboot' }
  /** Keys as the server spelled them. */
  | { kind: 'set-option'; options: Record<string, string> }
  /** `RELOAD OPTIONS`: read the options from the server again. */
  | { kind: 'reload-options' }
  | { kind: 'enroll-finger'; pin: string; fid: number; retries: number; overwrite: boolean }
  /** A command the clock does not implement (`USER ADD`, `DATA DEL …`): answered -1002. */
  | { kind: 'unsupported'; name: string }
  /** A known command with a bad field: answered -1; `problem` names the field. */
  | { kind: 'malformed'; problem: string };

export interface CommandLine {
  id: string;
  /** The command as received after `C:<id>:`, trimmed: what the journal records. */
  text: string;
  command: CloudCommand;
}

/** A line that cannot be answered because it carries no usable command id; the host logs it. */
export interface RejectedLine {
  /** From 1, counting every line of the body. */
  lineNumber: number;
  line: string;
  problem: string;
}

export interface ParsedCommands {
  commands: CommandLine[];
  rejected: RejectedLine[];
}

/** What the host must do after a command, as data: the firmware itself does no I/O. */
export type CommandEffect =
  | { kind: 'upload-punches'; punches: Punch[] }
  | { kind: 'upload-users'; users: User[]; templates: Template[] }
  /** DATA QUERY BIODATA's answer: fingers uploaded as `table=BIODATA`. */
  | { kind: 'upload-biodata'; templates: Template[] }
  | { kind: 'reboot' }
  | { kind: 'check' }
  /** A new handshake, without uploading again from the stamps (that is CHECK). */
  | { kind: 'reload-options' }
  /** The upload TransTimes / TransInterval would make, now. */
  | { kind: 'upload-new' }
  | { kind: 'settings-changed'; settings: ClockSettings }
  /** Options the firmware does not own (Delay, ErrorDelay, Realtime…): the cloud link's. */
  | { kind: 'set-options'; options: Record<string, string> }
  | { kind: 'enroll-finger'; pin: string; fid: number; retries: number; overwrite: boolean }
  | { kind: 'users-changed' };

export interface CommandOutcome {
  returnCode: number;
  /**
   * INFO's `Key=Value` lines after `ID=…&Return=…&CMD=…`, or VERIFY SUM's pairs, which the protocol puts
   * on the head line itself (formatReply decides by the CMD); empty for most commands.
   */
  reply: string[];
  effects: CommandEffect[];
}

/** The protocol's Return codes. */
export const RETURN_CODES = {
  ok: 0,
  parameterError: -1,
  readWriteError: -3,
  templateSizeMismatch: -9,
  pinNotOnDevice: -10,
  badTemplate: -11,
  damagedTemplate: -12,
  /** A BIODATA template of another algorithm version than the clock's. */
  algorithmMismatch: -30,
  capacityExceeded: -1001,
  notSupported: -1002,
  timeout: -1003,
  inconsistentWithDevice: -1004,
  busy: -1005,
  dataTooLong: -1006,
} as const;

/** A command id of the protocol: 1–16 letters or digits. */
export function isCommandId(id: string): boolean {
  return /^[0-9A-Za-z]{1,16}$/.test(id);
}

export function succeeded(...effects: CommandEffect[]): CommandOutcome {
  return { returnCode: RETURN_CODES.ok, reply: [], effects };
}

export function failed(code: keyof typeof RETURN_CODES): CommandOutcome {
  return { returnCode: RETURN_CODES[code], reply: [], effects: [] };
}

/** Parses a whole `getrequest` answer: `OK` or empty gives nothing; never throws. */
export function parseCommandBody(body: string): ParsedCommands {
  const commands: CommandLine[] = [];
  const rejected: RejectedLine[] = [];
  body.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.toUpperCase() === 'OK') return;
    const reject = (problem: string): void => void rejected.push({ lineNumber: index + 1, line: raw, problem });
    const match = /^C:([^:]*):([\s\S]*)$/.exec(line);
    if (!match) return reject('is not of the form C:<id>:<command>');
    const id = match[1]!.trim();
    if (!isCommandId(id)) return reject(`has the command id "${id}", which is not 1–16 letters or digits`);
    const text = match[2]!.trim();
    commands.push({ id, text, command: parseCommandText(text) });
  });
  return { commands, rejected };
}

/**
 * The reply line(s) for one command: `ID=17&Return=0&CMD=DATA`, then INFO's `Key=Value` lines; VERIFY SUM
 * carries its pairs on the head line (`…&CMD=VERIFY SUM&StartTime=…&EndTime=…&AttlogSum=3`), as §12 shows.
 */
export function formatReply(id: string, commandName: string, outcome: CommandOutcome): string {
  const cmd = replyName(commandName);
  const head = `ID=${id}&Return=${outcome.returnCode}&CMD=${cmd}`;
  if (cmd === 'VERIFY SUM') return [head, ...outcome.reply].join('&');
  return [head, ...outcome.reply].join('\n');
}

/**
 * The CMD a reply names its command by, as the protocol's §12 spells each one: mostly the first word
 * (DATA, CHECK, LOG, INFO, REBOOT, ENROLL_FP), but two words for some (SET OPTION, RELOAD OPTIONS,
 * VERIFY SUM, CLEAR PHOTO) and an underscore for others (CLEAR_LOG, CLEAR_DATA). A command the clock
 * does not know is named by its first word, as sent.
 */
export function commandNameOf(text: string): string {
  const [first = '', second = ''] = text.trim().split(/[ \t]+/, 2);
  const word = first.toUpperCase();
  const pair = `${word} ${second.toUpperCase()}`;
  if (Object.hasOwn(TWO_WORD_REPLIES, pair)) return TWO_WORD_REPLIES[pair]!;
  return ONE_WORD_REPLIES.includes(word) ? word : replyName(first);
}

const TWO_WORD_REPLIES: Record<string, string> = {
  'SET OPTION': 'SET OPTION',
  'RELOAD OPTIONS': 'RELOAD OPTIONS',
  'VERIFY SUM': 'VERIFY SUM',
  'CLEAR LOG': 'CLEAR_LOG',
  'CLEAR DATA': 'CLEAR_DATA',
  'CLEAR PHOTO': 'CLEAR PHOTO',
  'CLEAR BIODATA': 'CLEAR_BIODATA',
};

const ONE_WORD_REPLIES: readonly string[] = ['DATA', 'CHECK', 'LOG', 'INFO', 'REBOOT', 'ENROLL_FP'];

/** Keeps the name safe inside the reply's `a=b&c=d` form, whatever a server sent: one space between words at most. */
function replyName(name: string): string {
  return name
    .replace(/[^0-9A-Za-z_ ]/g, '')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, 32);
}
