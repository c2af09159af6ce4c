// OPERLOG upload bodies: `OPLOG` operation records, and `USER` / `FP` lines for users and fingerprints
// enrolled or changed on the clock (also what a DATA QUERY USERINFO uploads).
import { FieldReader, readTemplateFields, readUserFields } from '../../firmware/index.js';
import type { NewOperation, OperationRecord } from '../../firmware/index.js';
import type { Template, User } from '../../firmware/index.js';
import { fieldText, parseBodyLines, wholeNumber, type RejectedLine } from './lines.js';
import { formatPushTime, parsePushTime } from './time.js';

export type OperlogItem = OperationRecord | NewOperation | { user: User } | { template: Template };

export type OperlogRecord =
  | { kind: 'operation'; operation: NewOperation }
  | { kind: 'user'; user: User }
  /** `size` is the `Size` field when sent. */
  | { kind: 'template'; template: Template; size?: number }
  /** A table this codec does not model (USERPIC, FACE, BIOPHOTO…): counted, kept as text. */
  | { kind: 'other'; table: string; text: string };

export interface ParsedOperlog {
  records: OperlogRecord[];
  rejected: RejectedLine[];
}

export function formatOperlog(items: readonly OperlogItem[]): string {
  return items.map((item) => `${formatOperlogLine(item)}\n`).join('');
}

export function formatOperlogLine(item: OperlogItem): string {
  if ('user' in item) return `USER ${formatUserFields(item.user)}`;
  if ('template' in item) return `FP ${formatTemplateFields(item.template)}`;
  const values = item.values.map((v) => fieldText(String(v)));
  return `OPLOG ${item.op}\t${fieldText(item.admin)}\t${formatPushTime(item.time)}\t${values.join('\t')}\t0`;
}

/** `PIN=…⇥Name=…⇥Pri=…⇥Passwd=…⇥Card=…⇥Grp=…⇥TZ=…⇥Verify=…`: the USERINFO fields, also used by commands. */
export function formatUserFields(user: User): string {
  return [
    `PIN=${user.pin}`,
    `Name=${fieldText(user.name)}`,
    `Pri=${user.privilege}`,
    `Passwd=${fieldText(user.password)}`,
    `Card=${user.card}`,
    `Grp=${user.group}`,
    `TZ=${user.timeZones}`,
    `Verify=${user.verifyMode}`,
  ].join('\t');
}

/** `PIN=…⇥FID=…⇥Size=…⇥Valid=…⇥TMP=…`; Size is the base64 length, as clocks send it. */
export function formatTemplateFields(template: Template, size = template.template.length): string {
  return [
    `PIN=${template.pin}`,
    `FID=${template.fid}`,
    `Size=${size}`,
    `Valid=${template.valid ? 1 : 0}`,
    `TMP=${template.template}`,
  ].join('\t');
}

/** Reads an OPERLOG body; never throws. Each bad line is rejected alone. */
export function parseOperlogBody(body: string): ParsedOperlog {
  const { records, rejected } = parseBodyLines(body, parseOperlogLine);
  return { records, rejected };
}

function parseOperlogLine(line: string): OperlogRecord | string {
  const match = /^([A-Za-z_]+)[ \t]+([\s\S]*)$/.exec(line);
  if (!match) return 'is not "<TABLE> <fields>"';
  const table = match[1]!.toUpperCase();
  const rest = match[2]!;
  switch (table) {
    case 'OPLOG':
      return parseOperation(rest);
    case 'USER':
      return parseUser(rest);
    case 'FP':
      return parseTemplate(rest);
    default:
      return { kind: 'other', table, text: rest };
  }
}

function parseOperation(rest: string): OperlogRecord | string {
  const fields = rest.split('\t').map((f) => f.trim());
  const [opText = '', admin = '', timeText = '', ...values] = fields;
  const op = wholeNumber(opText, 0, 65_535);
  if (op === undefined) return `OPLOG operation type must be a whole number, got "${opText}"`;
  const time = parsePushTime(timeText);
  if (time === undefined) return `OPLOG time must be YYYY-MM-DD HH:MM:SS, got "${timeText}"`;
  const value = (i: number): number | string => {
    const text = values[i] ?? '0';
    return wholeNumber(text, -2_147_483_648, 4_294_967_295) ?? text;
  };
  return { kind: 'operation', operation: { op, admin: admin || '0', time, values: [value(0), value(1), value(2)] } };
}

function parseUser(rest: string): OperlogRecord | string {
  const at = new FieldReader(rest);
  const user = readUserFields(at);
  return at.problem === undefined ? { kind: 'user', user } : `USER ${at.problem}`;
}

function parseTemplate(rest: string): OperlogRecord | string {
  const at = new FieldReader(rest);
  const { template, size } = readTemplateFields(at);
  // An upload has no Return code to give: a template without TMP is refused here, as a bad line.
  if (template.template === '') at.fail('TMP', 'is missing');
  if (at.problem !== undefined) return `FP ${at.problem}`;
  return size === undefined ? { kind: 'template', template } : { kind: 'template', template, size };
}
