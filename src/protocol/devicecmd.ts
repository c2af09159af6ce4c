// devicecmd bodies: the clock's replies to commands, `ID=17&Return=0&CMD=DATA`, one a line, with the
// `Key=Value` lines of an INFO reply after its head line, or VERIFY SUM's pairs on the head line itself.
import { bodyLines, wholeNumber, type RejectedLine } from './lines.js';

export interface CommandReply {
  id: string;
  returnCode: number;
  /** The command as the clock named it (DATA, CLEAR_LOG, SET OPTION, INFO…); '' when absent. */
  cmd: string;
  /**
   * INFO's `Key=Value` lines, keys as sent (`~SerialNumber`, `UserCount`), and any pair on the head line
   * beyond ID, Return and CMD (VERIFY SUM's `StartTime`, `EndTime`, `AttlogSum`).
   */
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

/** The body a clock posts: each reply's head line, then its INFO lines (VERIFY SUM: its pairs on the head line). */
export function formatDevicecmdBody(replies: readonly CommandReply[]): string {
  return replies
    .map((r) => {
      const head = `ID=${r.id}&Return=${r.returnCode}&CMD=${r.cmd}`;
      const pairs = Object.entries(r.info).map(([key, value]) => `${key}=${value}`);
      if (r.cmd === 'VERIFY SUM') return `${[head, ...pairs].join('&')}\n`;
      return `${head}\n${pairs.map((pair) => `${pair}\n`).join('')}`;
    })
    .join('');
}

function parseReplyHead(line: string): CommandReply | string {
  const fields = new Map<string, string>();
  const info: Record<string, string> = {};
  for (const piece of line.split('&')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const key = piece.slice(0, eq).trim();
    const value = piece.slice(eq + 1).trim();
    const folded = key.toLowerCase();
    if (folded === 'id' || folded === 'return' || folded === 'cmd') fields.set(folded, value);
    else Object.defineProperty(info, key, pair(value));
  }
  const id = fields.get('id') ?? '';
  if (!/^[0-9A-Za-z]{1,16}$/.test(id)) return `ID must be 1–16 letters or digits, got "${id}"`;
  const returnText = fields.get('return');
  if (returnText === undefined) return 'has no Return=';
  const returnCode = wholeNumber(returnText, -2_147_483_648, 2_147_483_647);
  if (returnCode === undefined) return `Return must be a whole number, got "${returnText}"`;
  return { id, returnCode, cmd: fields.get('cmd') ?? '', info };
}

function pair(value: string): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}
