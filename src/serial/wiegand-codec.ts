// Wiegand as Wiegand-to-serial converters print it. They share no output format (docs/wire-formats.md §2), so
// the line format is an option: `bits` (`00101101000000001010001000`) or `hex` (`26:2D0288`, a bit count
// and the bits as a right-aligned hex number). One line, one burst; 26- and 34-bit bursts are cards,
// 4- and 8-bit bursts are keypad keys.
import type { Key } from '../../firmware/index.js';
import { FrameDecoder, hexDigit, type ByteQueue, type ProblemSink } from './bytes.js';

export type WiegandLineFormat = 'bits' | 'hex';
export const WIEGAND_LINE_FORMATS: readonly WiegandLineFormat[] = ['bits', 'hex'];

export type WiegandEvent =
  | {
      type: 'card';
      bits: 26 | 34;
      facility: number;
      number: number;
      /** all data bits between the parity bits */ data: number;
    }
  | { type: 'key'; bits: 4 | 8; code: number; key: Key };

/** The keypad's 4-bit codes: 0–9 are digits, 10 is `*` (ESC), 11 is `#` (OK). */
export function keyOfCode(code: number): Key | undefined {
  if (code >= 0 && code <= 9) return String(code) as Key;
  if (code === 10) return 'ESC';
  if (code === 11) return 'OK';
  return undefined;
}

/** The bits of one burst, MSB first, as a string of '0'/'1', or why they are not a card or key. */
export function decodeWiegandBits(bits: string): WiegandEvent | string {
  if (!/^[01]{1,53}$/.test(bits)) return `"${bits.slice(0, 40)}" is not 1-53 bits of 0 and 1`;
  return decodeWiegand(bits.length, parseInt(bits, 2));
}

/** Ones in a non-negative integer below 2^53. */
function ones(value: number): number {
  let n = 0;
  for (let v = value; v > 0; v = Math.floor(v / 2)) n += v % 2;
  return n;
}

/**
 * A burst of `count` bits whose value, MSB first, is `value` (below 2^53: numbers, not strings, keep a
 * busy line cheap), or why it is not a card or a key.
 */
export function decodeWiegand(count: number, value: number): WiegandEvent | string {
  if (count === 4 || count === 8) return decodeKey(count, value);
  if (count !== 26 && count !== 34) return `${count}-bit burst: only 4, 8 (keys), 26 and 34 (cards) are understood`;
  // Even parity over the first half (parity bit included), odd parity over the second half.
  const split = 2 ** (count / 2);
  if (ones(Math.floor(value / split)) % 2 !== 0) return `${count}-bit burst with bad even parity (first half)`;
  if (ones(value % split) % 2 !== 1) return `${count}-bit burst with bad odd parity (second half)`;
  const data = Math.floor((value % 2 ** (count - 1)) / 2);
  return { type: 'card', bits: count, facility: Math.floor(data / 65536), number: data % 65536, data };
}

function decodeKey(count: 4 | 8, value: number): WiegandEvent | string {
  let code = value;
  if (count === 8) {
    // The 8-bit form carries the code in the low nibble and its complement in the high one.
    code = value & 0x0f;
    if (value >> 4 !== (~code & 0x0f)) return `8-bit key burst ${value}: high nibble is not the complement of the low`;
  }
  const key = keyOfCode(code);
  if (key === undefined) return `key code ${code} is not a keypad key (0-9, 10 = *, 11 = #)`;
  return { type: 'key', bits: count, code, key };
}

/** A 26-bit H10301 burst: facility 0–255, card 0–65535. */
export function encodeWiegand26(facility: number, card: number): string {
  return withParity((facility & 0xff).toString(2).padStart(8, '0') + (card & 0xffff).toString(2).padStart(16, '0'));
}

/** A 34-bit burst around 32 data bits (an EM4100 tag's lower 32 bits). */
export function encodeWiegand34(data: number): string {
  return withParity((data >>> 0).toString(2).padStart(32, '0'));
}

export function encodeKeyBurst(code: number, bits: 4 | 8): string {
  const value = bits === 4 ? code & 0x0f : ((~code & 0x0f) << 4) | (code & 0x0f);
  return value.toString(2).padStart(bits, '0');
}

function withParity(data: string): string {
  const half = data.length / 2;
  const ones = (s: string) => s.split('').filter((b) => b === '1').length;
  const even = ones(data.slice(0, half)) % 2 === 1 ? '1' : '0';
  const odd = ones(data.slice(half)) % 2 === 1 ? '0' : '1';
  return `${even}${data}${odd}`;
}

/** One burst as a converter line in the given format, LF-terminated. */
export function encodeWiegandLine(bits: string, format: WiegandLineFormat): Buffer {
  if (format === 'bits') return Buffer.from(`${bits}\n`, 'ascii');
  const digits = Math.ceil(bits.length / 4);
  const hexText = BigInt(`0b${bits}`).toString(16).toUpperCase().padStart(digits, '0');
  return Buffer.from(`${bits.length}:${hexText}\n`, 'ascii');
}

const LF = 0x0a;
/** Longer lines are garbage: the longest valid one is `34:` and 9 hex digits, or 34 bits. */
const MAX_LINE = 64;

/** Bytes in, cards and keys out; a bad line is reported and skipped, never thrown. */
export class WiegandDecoder extends FrameDecoder<WiegandEvent> {
  constructor(
    private readonly format: WiegandLineFormat = 'bits',
    onProblem?: ProblemSink,
  ) {
    super(128, onProblem);
  }

  protected takeFrames(out: WiegandEvent[]): void {
    const q = this.queue;
    for (let end = q.indexOf(LF); end >= 0; end = q.indexOf(LF)) {
      const offset = q.offset;
      const burst = end > MAX_LINE ? `line longer than ${MAX_LINE} bytes` : this.burstOf(end);
      const event = typeof burst === 'string' ? burst : burst === undefined ? undefined : decodeWiegand(...burst);
      if (typeof event === 'string') {
        // The preview costs a copy: made only for someone listening.
        if (this.onProblem) this.problem(offset, `line "${this.preview(end)}": ${event}`);
      } else if (event !== undefined) out.push(event);
      q.drop(end + 1);
    }
    // A line that never ends is garbage too; keep only its tail, where a real line may begin.
    if (q.length > MAX_LINE) {
      this.problem(q.offset, `line longer than ${MAX_LINE} bytes`);
      q.drop(q.length - MAX_LINE);
    }
  }

  /** [bit count, value] of the line in [0, end), undefined for a blank line, or why it is not one. */
  private burstOf(end: number): [number, number] | string | undefined {
    const q = this.queue;
    let start = 0;
    let stop = end;
    while (start < stop && isBlank(q.at(start))) start++;
    while (stop > start && isBlank(q.at(stop - 1))) stop--;
    if (start === stop) return undefined;
    return this.format === 'bits' ? bitsLine(q, start, stop) : hexLine(q, start, stop);
  }

  private preview(end: number): string {
    return this.queue
      .copy(0, Math.min(end, 40))
      .toString('latin1')
      .replace(/[^\x20-\x7e]/g, '?');
  }
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x0d || byte === 0x09;
}

function bitsLine(q: ByteQueue, start: number, stop: number): [number, number] | string {
  if (stop - start > 53) return 'too many bits (format bits)';
  let value = 0;
  for (let i = start; i < stop; i++) {
    const b = q.at(i);
    if (b !== 0x30 && b !== 0x31) return 'not only 0 and 1 (format bits)';
    value = value * 2 + (b - 0x30);
  }
  return [stop - start, value];
}

function hexLine(q: ByteQueue, start: number, stop: number): [number, number] | string {
  const bad = 'not COUNT:HEX (format hex)';
  let i = start;
  let count = 0;
  for (; i < stop && i - start < 2 && q.at(i) >= 0x30 && q.at(i) <= 0x39; i++) count = count * 10 + q.at(i) - 0x30;
  if (i === start || i >= stop || q.at(i) !== 0x3a || stop - i - 1 < 1 || stop - i - 1 > 9) return bad;
  let value = 0;
  for (i++; i < stop; i++) {
    const d = hexDigit(q.at(i));
    if (d < 0) return bad;
    value = value * 16 + d;
  }
  if (count === 0 || count > 53 || value >= 2 ** count) return `hex value has more than ${count} bits`;
  return [count, value];
}
