// devicecmd bodies: the clock's replies to commands, `ID=17&Return=0&CMD=DATA`, one a line, with the
// `Key=Value` lines of an INFO reply after its head line.
import { bodyLines, wholeNumber, type RejectedLine } from './lines.js';

export interface CommandReply {
  id: string;
  returnCode: number;
  /** The command's first word as the clock echoed it (DATA, CLEAR, INFO…); '' when absent. */
  cmd: string;
  /** INFO's `Key=Value` lines, keys as sent (`~SerialNumber`, `UserCount`). */
  info: Record<string, string>;
}

export interface ParsedDevicecmd {
  replies: CommandReply[];
  rejected: RejectedLine[];
}

/** Reads a devicecmd body; never throws. A `Key=Value` line belongs to the reply line above it. */
export function parseDevicecmdBody(body: string): ParsedDevicecmd {
  const replies: CommandReply[] = [];
  const rejected: RejectedLine[] = [];
  let last: CommandReply | undefined;
  for (const { lineNumber, line, overlong } of bodyLines(body)) {
    if (overlong !== undefined) {
      rejected.push({ lineNumber, line, problem: overlong });
      continue;
    }
    const reject = (problem: string): void => void rejected.push({ lineNumber, line, problem });
    if (/^ID=/i.test(line)) {
      last = undefined;
      const result = parseReplyHead(line);
      if (typeof result === 'string') reject(result);
      else replies.push((last = result));
      continue;
    }
    const eq = line.indexOf('=');
    if (last === undefined) reject('is neither ID=…&Return=…&CMD=… nor a Key=Value line after one');
    else if (eq <= 0) reject('is not a Key=Value line');
    else Object.defineProperty(last.info, line.slice(0, eq).trim(), pair(line.slice(eq + 1).trim()));
  }
  return { replies, rejected };
}

/** The body a clock posts: each reply's head line, then its INFO lines. */
export function formatDevicecmdBody(replies: readonly CommandReply[]): string {
  return replies
    .map((r) => {
      const info = Object.entries(r.info).map(([key, value]) => `${key}=${value}\n`);
      return `ID=${r.id}&Return=${r.returnCode}&CMD=${r.cmd}\n${info.join('')}`;
    })
    .join('');
}

function parseReplyHead(line: string): CommandReply | string {
  const fields = new Map<string, string>();
  for (const piece of line.split('&')) {
    const eq = piece.indexOf('=');
    if (eq > 0) fields.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
  }
  const id = fields.get('id') ?? '';
  if (!/^[0-9A-Za-z]{1,16}$/.test(id)) return `ID must be 1–16 letters or digits, got "${id}"`;
  const returnText = fields.get('return');
  if (returnText === undefined) return 'has no Return=';
  const returnCode = wholeNumber(returnText, -2_147_483_648, 2_147_483_647);
  if (returnCode === undefined) return `Return must be a whole number, got "${returnText}"`;
  return { id, returnCode, cmd: fields.get('cmd') ?? '', info: {} };
}

function pair(value: string): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}
