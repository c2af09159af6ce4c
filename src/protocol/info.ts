// The small bodies and parameters around the main ones: getrequest's `INFO=` counts, the options a clock
// pushes (`key=value,key=value`), and the `OK: <n>` answer to an upload.
import { wholeNumber } from './lines.js';

/** `INFO=<firmware>,<users>,<fingerprints>,<attendance records>,<ip>,<fp algorithm>,…` */
export interface DeviceInfo {
  firmware: string;
  users?: number;
  fingerprints?: number;
  attendanceRecords?: number;
  ip: string;
  fingerprintAlgorithm: string;
  /** Further fields some firmware sends (face count, face algorithm…), as sent. */
  rest: string[];
}

/** Reads getrequest's INFO parameter; never throws. A count that is not a number is left out. */
export function parseInfoParam(value: string): DeviceInfo {
  const [firmware = '', users = '', fingerprints = '', records = '', ip = '', algorithm = '', ...rest] = value
    .split(',')
    .map((f) => f.trim());
  const info: DeviceInfo = { firmware, ip, fingerprintAlgorithm: algorithm, rest };
  const count = (text: string): number | undefined => wholeNumber(text, 0, Number.MAX_SAFE_INTEGER);
  const u = count(users);
  const f = count(fingerprints);
  const a = count(records);
  if (u !== undefined) info.users = u;
  if (f !== undefined) info.fingerprints = f;
  if (a !== undefined) info.attendanceRecords = a;
  return info;
}

export function formatInfoParam(info: DeviceInfo): string {
  const clean = (text: string): string => text.replace(/[,&\r\n]/g, ' ');
  return [
    clean(info.firmware),
    info.users ?? '',
    info.fingerprints ?? '',
    info.attendanceRecords ?? '',
    clean(info.ip),
    clean(info.fingerprintAlgorithm),
    ...info.rest.map(clean),
  ].join(',');
}

/** The body of `POST cdata?table=options`: `key=value,key=value` (lines are accepted too). */
export function parseDeviceOptionsBody(body: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const piece of body.split(/[,\r\n]+/)) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const value = piece.slice(eq + 1).trim();
    Object.defineProperty(options, piece.slice(0, eq).trim(), { value, enumerable: true, writable: true });
  }
  return options;
}

export function formatDeviceOptionsBody(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([key, value]) => `${key}=${value.replace(/[,\r\n]/g, ' ')}`)
    .join(',');
}

/** The answer to an upload: `OK: 2`, the number of records the server processed. */
export function formatUploadAnswer(count: number): string {
  return `OK: ${count}`;
}

export type UploadAnswer = { ok: true; count?: number } | { ok: false; problem: string };

/** `OK`, `OK: 2` or `OK:2` is success; anything else (an error page, garbage) is a problem to log. */
export function parseUploadAnswer(body: string): UploadAnswer {
  const text = body.trim();
  const match = /^OK(?:\s*:\s*(\d{1,10}))?\s*$/i.exec(text);
  if (!match) return { ok: false, problem: `the server answered "${text.slice(0, 80)}" instead of OK: <count>` };
  const count = match[1] === undefined ? undefined : Number(match[1]);
  return count === undefined ? { ok: true } : { ok: true, count };
}
