// The decoders under fuzzing, each with what a valid frame is, what noise cannot start one, and how much
// it may hold; and the cuts a serial line makes in a stream. Used by fuzz.test.ts.
import fc from 'fast-check';
import {
  Em4100Decoder,
  LineDecoder,
  MAX_LINE_BYTES,
  OsdpDecoder,
  WiegandDecoder,
  ZfmDecoder,
  encodeEm4100,
  encodeKeyBurst,
  encodeOsdp,
  encodeWiegand26,
  encodeWiegand34,
  encodeWiegandLine,
  encodeZfm,
  parseControlLine,
} from '../../src/serial/index.js';
import { controlRequest } from './fuzz-control.js';

/** Where a serial line cuts the stream: chunk sizes, used in turn until the bytes run out. */
export const cuts = fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 16, size: 'medium' });

export function cutAt(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

export interface Decoder {
  push(bytes: Uint8Array): string[];
  readonly buffered: number;
}

export interface FuzzCase {
  name: string;
  decoder(): Decoder;
  /** A valid frame and the key the decoder must give for it. */
  frame: fc.Arbitrary<{ bytes: Uint8Array; key: string }>;
  /** The most a decoder may hold between pushes: its longest frame, less a byte. */
  maxBuffered: number;
  /** Bytes that cannot start a frame (or, for line protocols, end a line or make a valid one). */
  noise: fc.Arbitrary<Uint8Array>;
  /** Line protocols resynchronise at a line end: noise ends with one. */
  lineEnd?: boolean;
}

const noiseWithout = (...excluded: number[]) =>
  fc
    .array(
      fc.integer({ min: 0, max: 255 }).filter((b) => !excluded.includes(b)),
      { maxLength: 60, size: 'max' },
    )
    .map((a) => Uint8Array.from(a));

const DIGITS = Array.from({ length: 10 }, (_, i) => 0x30 + i);
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });

function wiegandCase(format: 'bits' | 'hex'): FuzzCase {
  return {
    name: `Wiegand (${format})`,
    lineEnd: true,
    maxBuffered: 64,
    noise: noiseWithout(0x0a, ...DIGITS),
    decoder: () => {
      const d = new WiegandDecoder(format);
      return {
        push: (b) => d.push(b).map((e) => (e.type === 'card' ? `card ${e.data}` : `key ${e.code}`)),
        get buffered() {
          return d.buffered;
        },
      };
    },
    frame: fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 65535 })).map(([f, c]) => ({
        bytes: encodeWiegandLine(encodeWiegand26(f, c), format),
        key: `card ${f * 65536 + c}`,
      })),
      u32.map((data) => ({ bytes: encodeWiegandLine(encodeWiegand34(data), format), key: `card ${data}` })),
      fc.tuple(fc.integer({ min: 0, max: 11 }), fc.constantFrom(4 as const, 8 as const)).map(([code, bits]) => ({
        bytes: encodeWiegandLine(encodeKeyBurst(code, bits), format),
        key: `key ${code}`,
      })),
    ),
  };
}

function osdpCase(crc: boolean): FuzzCase {
  return {
    name: `OSDP (${crc ? 'CRC' : 'checksum'})`,
    maxBuffered: 1024,
    noise: noiseWithout(0x53),
    decoder: () => {
      const d = new OsdpDecoder(undefined, crc ? 'crc' : 'checksum');
      return {
        push: (b) => d.push(b).map((f) => `${f.address}/${f.reply}/${f.sequence}/${f.code}/${f.data.toString('hex')}`),
        get buffered() {
          return d.buffered;
        },
      };
    },
    frame: fc
      .record({
        address: fc.integer({ min: 0, max: 127 }),
        reply: fc.boolean(),
        sequence: fc.integer({ min: 0, max: 3 }),
        code: fc.integer({ min: 0x40, max: 0x7f }),
        data: fc.uint8Array({ maxLength: 60, size: 'max' }),
      })
      .map((f) => ({
        bytes: encodeOsdp({ ...f, crc, data: Buffer.from(f.data) }),
        key: `${f.address}/${f.reply}/${f.sequence}/${f.code}/${Buffer.from(f.data).toString('hex')}`,
      })),
  };
}

export const CASES: FuzzCase[] = [
  {
    name: 'EM4100 (RDM6300)',
    maxBuffered: 13,
    noise: noiseWithout(0x02),
    decoder: () => {
      const d = new Em4100Decoder();
      return {
        push: (b) => d.push(b).map((r) => `${r.version}/${r.card}`),
        get buffered() {
          return d.buffered;
        },
      };
    },
    frame: fc.tuple(fc.integer({ min: 0, max: 255 }), u32).map(([version, tag]) => ({
      bytes: encodeEm4100(version, tag),
      key: `${version}/${tag}`,
    })),
  },
  wiegandCase('bits'),
  wiegandCase('hex'),
  {
    name: 'ZFM',
    maxBuffered: 9 + 514 - 1,
    noise: noiseWithout(0xef),
    decoder: () => {
      const d = new ZfmDecoder();
      return {
        push: (b) => d.push(b).map((p) => `${p.address}/${p.pid}/${p.payload.toString('hex')}`),
        get buffered() {
          return d.buffered;
        },
      };
    },
    frame: fc
      .record({
        address: u32,
        pid: fc.constantFrom(1, 2, 7, 8),
        payload: fc.uint8Array({ maxLength: 80, size: 'max' }),
      })
      .map(({ address, pid, payload }) => ({
        bytes: encodeZfm({ address, pid, payload: Buffer.from(payload) }),
        key: `${address}/${pid}/${Buffer.from(payload).toString('hex')}`,
      })),
  },
  osdpCase(true),
  osdpCase(false),
  {
    name: 'control (JSON Lines)',
    lineEnd: true,
    maxBuffered: MAX_LINE_BYTES,
    noise: noiseWithout(0x0a, 0x7b),
    decoder: () => {
      const d = new LineDecoder();
      return {
        push: (b) =>
          d.push(b).flatMap((line) => {
            const parsed = parseControlLine(line);
            return 'request' in parsed ? [JSON.stringify(parsed)] : [];
          }),
        get buffered() {
          return d.buffered;
        },
      };
    },
    frame: controlRequest.map(({ line, parsed }) => ({ bytes: Buffer.from(line), key: JSON.stringify(parsed) })),
  },
];
