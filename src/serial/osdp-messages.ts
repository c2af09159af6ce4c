// The data of the OSDP commands and replies the panel uses: builders for what it sends (LED, BUZ, TEXT)
// and parsers for what a reader answers (PDID, PDCAP, LSTATR, RAW, KEYPAD, NAK), plus the reverse of
// each so that tests and benchmarks can play the reader.
import type { Key } from '../../firmware/index.js';
import { decodeWiegandBits } from './wiegand-codec.js';

export const OsdpColour = { black: 0, red: 1, green: 2, amber: 3, blue: 4 } as const;

/** osdp_LED, one record: a temporary colour for `ms`, then back to the permanent state (off). */
export function ledCommand(colour: number, ms: number, reader = 0, led = 0): Buffer {
  const ticks = Math.min(0xffff, Math.max(1, Math.round(ms / 100)));
  return Buffer.from([
    reader,
    led,
    // temporary: control 2 (set and start the timer), on 100 ms units, off, on colour, off colour, timer LE
    2,
    10,
    0,
    colour,
    colour,
    ticks & 0xff,
    ticks >> 8,
    // permanent: control 1 (set), steady off
    1,
    0,
    0,
    OsdpColour.black,
    OsdpColour.black,
  ]);
}

/** osdp_BUZ: `count` beeps of `onMs`, `offMs` apart, with the default tone. */
export function buzzerCommand(count: number, onMs = 100, offMs = 100, reader = 0): Buffer {
  return Buffer.from([reader, 2, Math.round(onMs / 100), Math.round(offMs / 100), count]);
}

/** osdp_TEXT: temporary text without wrap for `seconds`, at row 1 column 1; ASCII, at most 32 chars. */
export function textCommand(text: string, seconds = 3, reader = 0): Buffer {
  const ascii = Buffer.from(text.replace(/[^\x20-\x7e]/g, '?').slice(0, 32), 'ascii');
  return Buffer.concat([Buffer.from([reader, 3, seconds, 1, 1, ascii.length]), ascii]);
}

export interface OsdpIdentity {
  vendor: string;
  model: number;
  version: number;
  serialNumber: number;
  firmware: string;
}

export function parsePdid(data: Buffer): OsdpIdentity | undefined {
  if (data.length < 12) return undefined;
  return {
    vendor: data.subarray(0, 3).toString('hex').toUpperCase(),
    model: data[3]!,
    version: data[4]!,
    serialNumber: data.readUInt32LE(5),
    firmware: `${data[9]}.${data[10]}.${data[11]}`,
  };
}

export function encodePdid(id: OsdpIdentity): Buffer {
  const out = Buffer.alloc(12);
  Buffer.from(id.vendor, 'hex').copy(out, 0, 0, 3);
  out[3] = id.model;
  out[4] = id.version;
  out.writeUInt32LE(id.serialNumber >>> 0, 5);
  id.firmware.split('.').forEach((n, i) => (out[9 + i] = Number(n) & 0xff));
  return out;
}

export interface OsdpCapability {
  code: number;
  compliance: number;
  count: number;
}

export function parsePdcap(data: Buffer): OsdpCapability[] {
  const out: OsdpCapability[] = [];
  for (let i = 0; i + 3 <= data.length; i += 3)
    out.push({ code: data[i]!, compliance: data[i + 1]!, count: data[i + 2]! });
  return out;
}

export function parseLstatr(data: Buffer): { tamper: boolean; power: boolean } | undefined {
  return data.length < 2 ? undefined : { tamper: data[0] !== 0, power: data[1] !== 0 };
}

/** What a RAW card reply identifies: the clock's decimal card number, or why it cannot be read. */
export function cardOfRaw(data: Buffer): { card: string; bits: number } | string {
  if (data.length < 4) return `RAW reply of ${data.length} byte(s): needs reader, format and bit count`;
  const format = data[1]!;
  const bits = data.readUInt16LE(2);
  const bytes = data.subarray(4);
  if (bits === 0 || bytes.length < Math.ceil(bits / 8))
    return `RAW reply says ${bits} bits but carries ${bytes.length} byte(s)`;
  let text = '';
  for (let i = 0; i < bits; i++) text += (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
  if (format === 1 && (bits === 26 || bits === 34)) {
    const event = decodeWiegandBits(text);
    if (typeof event === 'string') return event;
    return event.type === 'card' ? { card: String(event.data), bits } : 'RAW reply holds a key burst';
  }
  if (format !== 0 && format !== 1) return `RAW reply with format ${format} (0 raw, 1 Wiegand)`;
  // Other lengths: the tag's lower 32 bits, as the clock numbers EM4100 cards.
  const value = BigInt(`0b${text}`) & 0xffffffffn;
  return { card: value.toString(), bits };
}

/** RAW reply data: reader 0, the format, the bits MSB first, padded to whole bytes. */
export function encodeRaw(bits: string, format: 0 | 1 = 1, reader = 0): Buffer {
  const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3]! |= 0x80 >> (i & 7);
  const head = Buffer.from([reader, format, bits.length & 0xff, bits.length >> 8]);
  return Buffer.concat([head, bytes]);
}

/** KEYPAD reply → keys; `*` is ESC, `#` and CR are OK; other characters are reported. */
export function keysOfKeypad(data: Buffer): { keys: Key[]; unknown: string[] } {
  const count = data[1] ?? 0;
  const keys: Key[] = [];
  const unknown: string[] = [];
  for (const byte of data.subarray(2, 2 + count)) {
    const ch = String.fromCharCode(byte);
    if (ch >= '0' && ch <= '9') keys.push(ch as Key);
    else if (ch === '*' || byte === 0x7f) keys.push('ESC');
    else if (ch === '#' || byte === 0x0d) keys.push('OK');
    else unknown.push(`0x${byte.toString(16)}`);
  }
  return { keys, unknown };
}

export function encodeKeypad(keys: string, reader = 0): Buffer {
  return Buffer.concat([Buffer.from([reader, keys.length]), Buffer.from(keys, 'ascii')]);
}

export const NAK_REASONS: Record<number, string> = {
  1: 'bad CRC or checksum',
  2: 'command length error',
  3: 'unknown command',
  4: 'unexpected sequence number',
  5: 'security block not supported',
  6: 'encrypted communication required',
  7: 'BIO_TYPE not supported',
  8: 'BIO_FORMAT not supported',
  9: 'unable to process command record',
};
