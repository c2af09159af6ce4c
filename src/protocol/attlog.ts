// ATTLOG upload bodies: one punch a line, `PIN⇥YYYY-MM-DD HH:MM:SS⇥status⇥verify⇥workcode⇥0⇥0`.
import type { Punch } from '../../firmware/index.js';
import { isValidPin } from '../../firmware/index.js';
import type { LocalTime } from '../../firmware/index.js';
import { parseBodyLines, wholeNumber, type RejectedLine } from './lines.js';
import { formatPushTime, parsePushTime } from './time.js';

/** A punch as a server reads it: numbers are kept as sent, even those the clock never writes (older 2 for card). */
export interface AttlogRecord {
  pin: string;
  time: LocalTime;
  /** 0 check-in … 5 overtime-out, 255 no state; other values are kept for the server to judge. */
  status: number;
  /** 0 password/ID, 1 fingerprint, 4 card (2 on older firmware), 15 face. */
  verify: number;
  workCode: string;
}

export interface ParsedAttlog {
  records: AttlogRecord[];
  rejected: RejectedLine[];
}

export function formatAttlog(punches: readonly Punch[]): string {
  return punches
    .map((p) => `${p.pin}\t${formatPushTime(p.time)}\t${p.state}\t${p.verify}\t${p.workCode}\t0\t0\n`)
    .join('');
}

/**
 * Reads an ATTLOG body; never throws. PIN and time are required; a missing status, verify or work code
 * is 0 (some firmware sends fewer fields). Each bad line is rejected alone: the others still count.
 */
export function parseAttlogBody(body: string): ParsedAttlog {
  const { records, rejected } = parseBodyLines(body, parseAttlogLine);
  return { records, rejected };
}

function parseAttlogLine(line: string): AttlogRecord | string {
  const fields = line.split('\t').map((f) => f.trim());
  const [pin = '', timeText = '', statusText = '0', verifyText = '0', workCode = '0'] = fields;
  if (fields.length < 2) return 'has fewer than two TAB-separated fields (PIN, time)';
  if (!isValidPin(pin)) return `PIN must be 1–24 letters or digits, got "${pin}"`;
  const time = parsePushTime(timeText);
  if (time === undefined) return `time must be YYYY-MM-DD HH:MM:SS, got "${timeText}"`;
  const status = wholeNumber(statusText || '0', 0, 255);
  if (status === undefined) return `status must be a whole number from 0 to 255, got "${statusText}"`;
  const verify = wholeNumber(verifyText || '0', 0, 255);
  if (verify === undefined) return `verify must be a whole number from 0 to 255, got "${verifyText}"`;
  return { pin, time, status, verify, workCode: workCode === '' ? '0' : workCode };
}
