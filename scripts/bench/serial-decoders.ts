// Issue 6's benchmark: throughput of each serial decoder (target >= 1 MB/s), fed 4 KiB chunks of
// well-formed frames with 10 % random noise between them, as a noisy line delivers them. Each row is the
// best of 3 runs in one warm process (the figure the decoder can reach), and says so when printed.
// Run: npx tsx scripts/bench/serial-decoders.ts   (prints Markdown rows for BENCHMARKS.md)
import {
  Em4100Decoder,
  LineDecoder,
  OsdpDecoder,
  WiegandDecoder,
  ZfmDecoder,
  encodeEm4100,
  encodeOsdp,
  encodeRaw,
  encodeWiegand26,
  encodeWiegand34,
  encodeWiegandLine,
  parseControlLine,
  zfm,
  zfmAck,
} from '../../src/serial/index.js';
import { machineLine, today } from './machine.js';
import { seededRandom } from '../../src/scenario/index.js';

const TARGET_BYTES = 16 * 1024 * 1024;
const CHUNK = 4096;

interface Kind {
  name: string;
  frame(next: () => number, i: number): Buffer;
  /** A decoder as a function from a chunk to the number of frames it gave. */
  decoder(): (chunk: Buffer) => number;
  /** Line protocols need a line end after noise to resynchronise. */
  lineEnd?: boolean;
}

const KINDS: Kind[] = [
  {
    name: 'rdm6300 (EM4100)',
    frame: (next) => encodeEm4100(0x62, Math.floor(next() * 2 ** 32)),
    decoder: () => {
      const d = new Em4100Decoder();
      return (c) => d.push(c).length;
    },
  },
  {
    name: 'wiegand (bits lines)',
    lineEnd: true,
    frame: (next, i) =>
      encodeWiegandLine(
        i % 2 ? encodeWiegand26(90, i & 0xffff) : encodeWiegand34(Math.floor(next() * 2 ** 32)),
        'bits',
      ),
    decoder: () => {
      const d = new WiegandDecoder('bits');
      return (c) => d.push(c).length;
    },
  },
  {
    name: 'wiegand (hex lines)',
    lineEnd: true,
    frame: (next) => encodeWiegandLine(encodeWiegand34(Math.floor(next() * 2 ** 32)), 'hex'),
    decoder: () => {
      const d = new WiegandDecoder('hex');
      return (c) => d.push(c).length;
    },
  },
  {
    name: 'zfm',
    frame: (next, i) => (i % 2 ? zfm.search(1, 0, 200) : zfmAck(0, [0, Math.floor(next() * 200), 0, 100])),
    decoder: () => {
      const d = new ZfmDecoder();
      return (c) => d.push(c).length;
    },
  },
  {
    name: 'osdp (CRC link)',
    frame: (next, i) =>
      encodeOsdp({
        address: 1,
        reply: i % 2 === 1,
        sequence: i % 4,
        crc: true,
        code: i % 2 ? 0x50 : 0x60,
        data: i % 2 ? encodeRaw(encodeWiegand26(90, Math.floor(next() * 65536))) : Buffer.alloc(0),
      }),
    decoder: () => {
      const d = new OsdpDecoder(undefined, 'crc');
      return (c) => d.push(c).length;
    },
  },
  {
    name: 'osdp (checksum link)',
    frame: (_next, i) =>
      encodeOsdp({ address: 1, reply: i % 2 === 1, sequence: i % 4, crc: false, code: 0x60, data: Buffer.alloc(0) }),
    decoder: () => {
      const d = new OsdpDecoder(undefined, 'checksum');
      return (c) => d.push(c).length;
    },
  },
  {
    name: 'control (JSON Lines, parsed and checked)',
    lineEnd: true,
    frame: (next, i) => Buffer.from(`{"id":${i},"cmd":"card","card":"${Math.floor(next() * 2 ** 32)}"}\n`),
    decoder: () => {
      const d = new LineDecoder();
      return (c) => d.push(c).filter((line) => 'request' in parseControlLine(line)).length;
    },
  },
];

function input(kind: Kind): { bytes: Buffer; frames: number } {
  const next = seededRandom(6);
  const parts: Buffer[] = [];
  let size = 0;
  let frames = 0;
  while (size < TARGET_BYTES) {
    const frame = kind.frame(next, frames++);
    const noise = Buffer.alloc(Math.floor(frame.length * 0.2 * next()));
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(next() * 256);
    for (const part of [noise, kind.lineEnd ? Buffer.from('\n') : Buffer.alloc(0), frame]) {
      parts.push(part);
      size += part.length;
    }
  }
  return { bytes: Buffer.concat(parts), frames };
}

function measure(kind: Kind): { mbPerSecond: number; framesPerSecond: number; decoded: number; frames: number } {
  const { bytes, frames } = input(kind);
  let best = Infinity;
  let decoded = 0;
  for (let run = 0; run < 3; run++) {
    const decode = kind.decoder();
    decoded = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < bytes.length; i += CHUNK) decoded += decode(bytes.subarray(i, i + CHUNK));
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { mbPerSecond: bytes.length / 1e6 / best, framesPerSecond: decoded / best, decoded, frames };
}

console.log(`Serial decoders, ${today()}, ${machineLine()}; each row the best of 3 warm runs\n`);
console.log('| decoder | MB/s | frames/s | frames decoded / sent | target 1 MB/s |');
console.log('|---|---:|---:|---:|---|');
for (const kind of KINDS) {
  const r = measure(kind);
  const ok = r.mbPerSecond >= 1 ? 'met' : 'MISSED';
  console.log(
    `| ${kind.name} | ${r.mbPerSecond.toFixed(1)} | ${Math.round(r.framesPerSecond).toLocaleString('en')} | ${r.decoded.toLocaleString('en')} / ${r.frames.toLocaleString('en')} | ${ok} |`,
  );
}
