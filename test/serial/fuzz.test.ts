// Property-based fuzzing (fast-check) of every serial decoder: any bytes, cut anywhere, never throw and
// never make a decoder hold more than its longest frame; a valid frame cut anywhere comes back exactly;
// valid frames between bursts of noise all come back, in order. Runs per property are modest here; on
// demand `npm run fuzz:serial` (FUZZ_RUNS=1000000) runs each property a million times, and
// `FUZZ_RUNS=N npx vitest run test/serial/fuzz.test.ts -t control` one parser. A failure prints the
// counterexample and the seed to replay it with (fc.assert's `seed` and `path`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_KEYS } from '../../firmware/index.js';
import {
  CONTROL_COMMANDS,
  Em4100Decoder,
  LineDecoder,
  MAX_KEYS_PER_REQUEST,
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

const CMDS: readonly string[] = CONTROL_COMMANDS;

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? '') || undefined;
/**
 * `runs` per property in `npm test`; FUZZ_RUNS replaces it (and lifts the test timeout). A `heavy`
 * property (inputs of hundreds of KiB) runs a hundredth of FUZZ_RUNS, so that a million-run session
 * ends the same day.
 */
const params = (runs: number, heavy = false) => ({
  numRuns: FUZZ_RUNS === undefined ? runs : Math.max(1, heavy ? Math.round(FUZZ_RUNS / 100) : FUZZ_RUNS),
});
const TIMEOUT = FUZZ_RUNS === undefined ? undefined : 24 * 3600 * 1000;

/** Where a serial line cuts the stream: chunk sizes, used in turn until the bytes run out. */
const cuts = fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 16 });

function cutAt(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

interface Decoder {
  push(bytes: Uint8Array): string[];
  readonly buffered: number;
}

interface FuzzCase {
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
      { maxLength: 60 },
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
        data: fc.uint8Array({ maxLength: 60 }),
      })
      .map((f) => ({
        bytes: encodeOsdp({ ...f, crc, data: Buffer.from(f.data) }),
        key: `${f.address}/${f.reply}/${f.sequence}/${f.code}/${Buffer.from(f.data).toString('hex')}`,
      })),
  };
}

const CASES: FuzzCase[] = [
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
      .record({ address: u32, pid: fc.constantFrom(1, 2, 7, 8), payload: fc.uint8Array({ maxLength: 80 }) })
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

/** Pushes every chunk, checking the decoder's hold after each; returns what it decoded. */
function decodeAll(c: FuzzCase, bytes: Uint8Array, sizes: number[]): string[] {
  const d = c.decoder();
  const out: string[] = [];
  for (const chunk of cutAt(bytes, sizes)) {
    out.push(...d.push(chunk));
    if (d.buffered > c.maxBuffered) throw new Error(`holds ${d.buffered} bytes, over ${c.maxBuffered}`);
  }
  return out;
}

describe.each(CASES)('fuzzing the $name decoder', (c) => {
  it(
    'never throws on any bytes cut anywhere, and never holds more than its longest frame',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), cuts, (bytes, sizes) => {
          decodeAll(c, bytes, sizes);
        }),
        params(1000),
      );
    },
    TIMEOUT,
  );

  it(
    'gives back exactly the frame it was sent, however it is cut',
    () => {
      fc.assert(
        fc.property(c.frame, cuts, (frame, sizes) => {
          expect(decodeAll(c, frame.bytes, sizes)).toEqual([frame.key]);
        }),
        params(1000),
      );
    },
    TIMEOUT,
  );

  it(
    'finds every frame between bursts of noise, in order',
    () => {
      const stream = fc.array(fc.tuple(c.noise, c.frame), { maxLength: 12 });
      fc.assert(
        fc.property(stream, cuts, (parts, sizes) => {
          const lf = Uint8Array.of(0x0a);
          const bytes = Buffer.concat(
            parts.flatMap(([noise, f]) => (c.lineEnd ? [noise, lf, f.bytes] : [noise, f.bytes])),
          );
          expect(decodeAll(c, bytes, sizes)).toEqual(parts.map(([, f]) => f.key));
        }),
        params(500),
      );
    },
    TIMEOUT,
  );
});

describe('fuzzing the control protocol parser', () => {
  it(
    'answers any line with a request or an error naming a field, never a throw',
    () => {
      const line = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .dictionary(
            fc.constantFrom(
              'id',
              'cmd',
              'keys',
              'key',
              'card',
              'ms',
              'up',
              'after',
              'limit',
              'finger',
              'token',
              'protocol',
              'quality',
            ),
            fc.jsonValue(),
          )
          .map((o) => JSON.stringify(o)),
        fc
          .record({ cmd: fc.constantFrom(...CMDS), rest: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()) })
          .map(({ cmd, rest }) => JSON.stringify({ ...rest, cmd })),
      );
      fc.assert(
        fc.property(line, (text) => {
          const parsed = parseControlLine(text);
          if ('error' in parsed) expect(parsed.error.field).toMatch(/^(line|id|cmd|[a-z]+(\[\d+\])?)$/);
          else expect(CMDS).toContain(parsed.request.cmd);
        }),
        params(2000),
      );
    },
    TIMEOUT,
  );

  it(
    `refuses any keys request over ${MAX_KEYS_PER_REQUEST} keys, naming the limit`,
    () => {
      const keys = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'0123456789#*'), minLength: MAX_KEYS_PER_REQUEST + 1, maxLength: 4000 }),
        fc.array(fc.constantFrom(...ALL_KEYS), { minLength: MAX_KEYS_PER_REQUEST + 1, maxLength: 4000 }),
      );
      fc.assert(
        fc.property(keys, (k) => {
          const parsed = parseControlLine(JSON.stringify({ cmd: 'keys', keys: k }));
          expect(parsed).toMatchObject({
            error: { field: 'keys', message: expect.stringContaining(`at most ${MAX_KEYS_PER_REQUEST}`) },
          });
        }),
        params(200),
      );
    },
    TIMEOUT,
  );

  it(
    'answers each overlong line once and keeps every short one, however the stream is cut',
    () => {
      const line = fc.oneof(
        { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', '{', ' '), maxLength: 40 }) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: MAX_LINE_BYTES - 2, max: MAX_LINE_BYTES * 3 }).map((n) => 'x'.repeat(n)),
        },
      );
      const bigCuts = fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(fc.array(line, { maxLength: 8 }), bigCuts, (lines, sizes) => {
          const problems: number[] = [];
          const d = new LineDecoder((p) => problems.push(p.offset));
          const got: string[] = [];
          for (const chunk of cutAt(Buffer.from(lines.map((l) => `${l}\n`).join('')), sizes)) {
            got.push(...d.push(chunk));
            expect(d.buffered).toBeLessThanOrEqual(MAX_LINE_BYTES);
          }
          expect(got).toEqual(lines.filter((l) => l.length <= MAX_LINE_BYTES && l.trim() !== ''));
          expect(problems).toHaveLength(lines.filter((l) => l.length > MAX_LINE_BYTES).length);
        }),
        params(100, true),
      );
    },
    TIMEOUT,
  );
});
