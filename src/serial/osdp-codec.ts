// OSDP frames (docs/wire-formats.md §2): FF mark | 53 | address | LEN (LE, from 53 to the end) | CTRL | code |
// data | CRC-16 (LE) or a one-byte checksum. A pure streaming codec; the secure channel is out of scope,
// so a frame with a security block is reported and skipped.
import { FrameDecoder, type ProblemSink } from './bytes.js';

const MARK = 0xff;
const SOM = 0x53;
/** 53 addr lenLo lenHi ctrl code + checksum: the shortest frame. */
const MIN_LENGTH = 7;
/** Readers' receive buffers are far smaller; a longer length is noise. */
const MAX_LENGTH = 1024;

export const OsdpCommand = {
  POLL: 0x60,
  ID: 0x61,
  CAP: 0x62,
  LSTAT: 0x64,
  OUT: 0x68,
  LED: 0x69,
  BUZ: 0x6a,
  TEXT: 0x6b,
  COMSET: 0x6e,
} as const;

export const OsdpReply = {
  ACK: 0x40,
  NAK: 0x41,
  PDID: 0x45,
  PDCAP: 0x46,
  LSTATR: 0x48,
  RAW: 0x50,
  KEYPAD: 0x53,
  BUSY: 0x79,
} as const;

export interface OsdpFrame {
  /** 0x00–0x7E, 0x7F broadcast; without the reply bit. */
  address: number;
  /** Sent by the reader (bit 7 of the address byte). */
  reply: boolean;
  /** 0–3. */
  sequence: number;
  /** CRC-16 in use (CTRL bit 2); otherwise the one-byte checksum. */
  crc: boolean;
  code: number;
  data: Buffer;
}

/** CRC-16/AUG-CCITT as OSDP uses it: polynomial 0x1021, initial 0x1D0F, not reflected. */
export function osdpCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0x1d0f;
  for (let i = start; i < end; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!) & 0xffff;
  return crc;
}

const CRC_TABLE = Uint16Array.from({ length: 256 }, (_, n) => {
  let c = n << 8;
  for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  return c;
});

/** Two's complement of the byte sum. */
export function osdpChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i]!;
  return -sum & 0xff;
}

/** The frame with its leading FF mark. */
export function encodeOsdp(frame: OsdpFrame): Buffer {
  const length = 6 + frame.data.length + (frame.crc ? 2 : 1);
  const out = Buffer.alloc(1 + length);
  out[0] = MARK;
  out[1] = SOM;
  out[2] = (frame.address & 0x7f) | (frame.reply ? 0x80 : 0);
  out.writeUInt16LE(length, 3);
  out[5] = (frame.sequence & 0x03) | (frame.crc ? 0x04 : 0);
  out[6] = frame.code;
  frame.data.copy(out, 7);
  const end = 7 + frame.data.length;
  if (frame.crc) out.writeUInt16LE(osdpCrc(out, 1, end), end);
  else out[end] = osdpChecksum(out, 1, end);
  return out;
}

/** Which integrity checks a decoder accepts: a link uses one, and noise passes a checksum 1 time in 256. */
export type OsdpCheck = 'crc' | 'checksum' | 'any';

/** Bytes in, frames out; a bad length, CRC or checksum is reported and skipped, never thrown. */
export class OsdpDecoder extends FrameDecoder<OsdpFrame> {
  constructor(
    onProblem?: ProblemSink,
    private readonly check: OsdpCheck = 'any',
  ) {
    super(256, onProblem);
  }

  protected takeFrames(out: OsdpFrame[]): void {
    const q = this.queue;
    // The mark is optional on the wire; the start of message (0x53) is what frames are found by.
    while (this.seek(SOM, 'start of message (0x53)') && q.length >= 6) {
      const length = q.at(2) | (q.at(3) << 8);
      const ctrl = q.at(4);
      if (length < MIN_LENGTH + (ctrl & 0x04 ? 1 : 0) || length > MAX_LENGTH) {
        this.skip(1, `impossible length ${length}`);
        continue;
      }
      if (this.check !== 'any' && (this.check === 'crc') !== ((ctrl & 0x04) !== 0)) {
        this.skip(1, `frame without ${this.check === 'crc' ? 'a CRC' : 'a checksum'}, which this link uses`);
        continue;
      }
      if (q.length < length) break;
      const bytes = q.copy(0, length);
      const problem = checkProblem(bytes, ctrl);
      if (problem !== undefined) {
        this.skip(1, problem);
        continue;
      }
      q.drop(length);
      if (ctrl & 0x08) {
        this.problem(q.offset - length, 'frame with a security block: the secure channel is not supported');
        continue;
      }
      const trailer = ctrl & 0x04 ? 2 : 1;
      out.push({
        address: bytes[1]! & 0x7f,
        reply: (bytes[1]! & 0x80) !== 0,
        sequence: ctrl & 0x03,
        crc: (ctrl & 0x04) !== 0,
        code: bytes[5]!,
        data: bytes.subarray(6, length - trailer),
      });
    }
  }

  /** The FF marks between frames are part of the protocol, not garbage worth a message. */
  protected override isFiller(n: number): boolean {
    for (let i = 0; i < n; i++) if (this.queue.at(i) !== MARK) return false;
    return true;
  }
}

function checkProblem(bytes: Buffer, ctrl: number): string | undefined {
  const end = bytes.length;
  if (ctrl & 0x04) {
    const sent = bytes.readUInt16LE(end - 2);
    const computed = osdpCrc(bytes, 0, end - 2);
    return sent === computed ? undefined : `frame with a bad CRC (${sent} sent, ${computed} computed)`;
  }
  const computed = osdpChecksum(bytes, 0, end - 1);
  return bytes[end - 1] === computed ? undefined : `frame with a bad checksum (${bytes[end - 1]} sent, ${computed})`;
}
