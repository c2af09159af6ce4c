// Every decoder against seeded random bytes and corrupted frames: nothing escapes as an exception, and
// every well-formed frame inside the noise is still decoded, in order.
import { describe, expect, it } from 'vitest';
import {
  Em4100Decoder,
  LineDecoder,
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
import { chunks, prng, randomBytes } from './helpers.js';

interface FuzzCase {
  name: string;
  /** A fresh decoder, as a function from bytes to the keys of what it decoded. */
  decoder(): (bytes: Buffer) => string[];
  /** A random well-formed frame and the key the decoder must give for it. */
  frame(next: () => number): { bytes: Buffer; key: string };
  /** Line protocols resynchronise at a line end: noise before a frame ends with one. */
  lineEnd?: boolean;
}

const int = (next: () => number, n: number) => Math.floor(next() * n);

const CASES: FuzzCase[] = [
  {
    name: 'EM4100',
    decoder: () => {
      const d = new Em4100Decoder();
      return (b) => d.push(b).map((r) => `${r.version}/${r.card}`);
    },
    frame: (next) => {
      const [version, tag] = [int(next, 256), int(next, 2 ** 32)];
      return { bytes: encodeEm4100(version, tag), key: `${version}/${tag}` };
    },
  },
  ...(['bits', 'hex'] as const).map((format): FuzzCase => ({
    name: `Wiegand (${format})`,
    lineEnd: true,
    decoder: () => {
      const d = new WiegandDecoder(format);
      return (b) => d.push(b).map((e) => (e.type === 'card' ? `card ${e.data}` : `key ${e.code}`));
    },
    frame: (next) => {
      const kind = int(next, 4);
      if (kind === 0) {
        const [f, c] = [int(next, 256), int(next, 65536)];
        return { bytes: encodeWiegandLine(encodeWiegand26(f, c), format), key: `card ${f * 65536 + c}` };
      }
      if (kind === 1) {
        const data = int(next, 2 ** 32);
        return { bytes: encodeWiegandLine(encodeWiegand34(data), format), key: `card ${data}` };
      }
      const code = int(next, 12);
      return { bytes: encodeWiegandLine(encodeKeyBurst(code, kind === 2 ? 4 : 8), format), key: `key ${code}` };
    },
  })),
  {
    name: 'ZFM',
    decoder: () => {
      const d = new ZfmDecoder();
      return (b) => d.push(b).map((p) => `${p.address}/${p.pid}/${p.payload.toString('hex')}`);
    },
    frame: (next) => {
      const address = int(next, 2 ** 32);
      const pid = [1, 2, 7, 8][int(next, 4)]!;
      const payload = Buffer.from(Array.from({ length: int(next, 40) }, () => int(next, 256)));
      return { bytes: encodeZfm({ address, pid, payload }), key: `${address}/${pid}/${payload.toString('hex')}` };
    },
  },
  ...[true, false].map((crc): FuzzCase => ({
    name: `OSDP (${crc ? 'CRC' : 'checksum'})`,
    decoder: () => {
      const d = new OsdpDecoder(undefined, crc ? 'crc' : 'checksum');
      return (b) => d.push(b).map((f) => `${f.address}/${f.reply}/${f.sequence}/${f.code}/${f.data.toString('hex')}`);
    },
    frame: (next) => {
      const f = {
        address: int(next, 128),
        reply: next() < 0.5,
        sequence: int(next, 4),
        crc,
        code: 0x40 + int(next, 64),
        data: Buffer.from(Array.from({ length: int(next, 30) }, () => int(next, 256))),
      };
      return { bytes: encodeOsdp(f), key: `${f.address}/${f.reply}/${f.sequence}/${f.code}/${f.data.toString('hex')}` };
    },
  })),
  {
    name: 'control (JSON Lines)',
    lineEnd: true,
    decoder: () => {
      const d = new LineDecoder();
      return (b) =>
        d.push(b).flatMap((line) => {
          const parsed = parseControlLine(line);
          return 'request' in parsed ? [JSON.stringify(parsed.request)] : [];
        });
    },
    frame: (next) => {
      const card = String(int(next, 2 ** 32));
      return {
        bytes: Buffer.from(`${JSON.stringify({ id: int(next, 1000), cmd: 'card', card })}\n`),
        key: JSON.stringify({ cmd: 'card', card }),
      };
    },
  },
];

/** True when `wanted` appears in `got` in order (noise may add frames of its own, very rarely). */
function isSubsequence(wanted: string[], got: string[]): boolean {
  let i = 0;
  for (const g of got) if (g === wanted[i]) i++;
  return i === wanted.length;
}

function run(decode: (bytes: Buffer) => string[], next: () => number, input: Buffer): string[] {
  return chunks(next, input).flatMap((chunk) => decode(chunk));
}

describe.each(CASES)('fuzzing the $name decoder', (c) => {
  it('survives 256 KiB of seeded random bytes in random chunks', () => {
    const next = prng(1);
    const decode = c.decoder();
    expect(() => run(decode, next, randomBytes(next, 256 * 1024))).not.toThrow();
  });

  it('decodes every well-formed frame between bursts of random noise', () => {
    const next = prng(2);
    const parts: Buffer[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 300; i++) {
      parts.push(randomBytes(next, int(next, 80)));
      if (c.lineEnd) parts.push(Buffer.from('\n'));
      const f = c.frame(next);
      parts.push(f.bytes);
      keys.push(f.key);
    }
    const got = run(c.decoder(), next, Buffer.concat(parts));
    expect(isSubsequence(keys, got)).toBe(true);
  });

  it('decodes the intact frames among corrupted ones (a flipped, dropped or missing byte)', () => {
    const next = prng(3);
    const parts: Buffer[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 400; i++) {
      const f = c.frame(next);
      if (next() < 0.5) {
        parts.push(f.bytes);
        keys.push(f.key);
        continue;
      }
      const bytes = Buffer.from(f.bytes);
      const at = int(next, bytes.length);
      const how = int(next, 3);
      if (how === 0) bytes[at] = bytes[at]! ^ (1 + int(next, 255));
      const corrupted =
        how === 0
          ? bytes
          : how === 1
            ? Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)])
            : bytes.subarray(0, at);
      parts.push(corrupted);
      if (c.lineEnd) parts.push(Buffer.from('\n'));
    }
    const got = run(c.decoder(), next, Buffer.concat(parts));
    expect(isSubsequence(keys, got)).toBe(true);
  });
});
