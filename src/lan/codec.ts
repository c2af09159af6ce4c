// The LAN protocol's packets, pure: the 8-byte header and its checksum, the TCP framing, the time
// encoding and the comm key's scrambling. Records and payloads are records.ts.
import { timingSafeEqual } from 'node:crypto';
import { MAX_REQUEST_BYTES, TCP_MAGIC, USHRT_MAX } from './codes.js';

export interface Packet {
  command: number;
  checksum: number;
  session: number;
  reply: number;
  payload: Buffer;
}

/** Sum of the u16 LE words (an odd last byte alone), folded at 65535 and complemented, as pyzk does. */
export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    sum += bytes[i]! | (bytes[i + 1]! << 8);
    if (sum > USHRT_MAX) sum -= USHRT_MAX;
  }
  if (i < bytes.length) sum += bytes[i]!;
  while (sum > USHRT_MAX) sum -= USHRT_MAX;
  const complement = USHRT_MAX - 1 - sum;
  return complement < 0 ? complement + USHRT_MAX : complement;
}

/**
 * A packet as the SDKs build one: the checksum is taken over the header with `reply`, then `reply`
 * moves on by one. A device answering request id r builds with r − 1, which is how pyzk's recorded
 * device answers check out.
 */
export function encodePacket(command: number, session: number, reply: number, payload: Uint8Array = EMPTY): Buffer {
  // Every byte is written below (the checksum's with 0 first): a pooled buffer spares an answer the
  // fresh zeroed allocation Buffer.alloc makes, which was most of a small answer's cost.
  const buf = Buffer.allocUnsafe(8 + payload.length);
  buf.writeUInt16LE(command, 0);
  buf.writeUInt16LE(0, 2);
  buf.writeUInt16LE(session, 4);
  buf.writeUInt16LE(reply, 6);
  buf.set(payload, 8);
  buf.writeUInt16LE(checksum(buf), 2);
  buf.writeUInt16LE((reply + 1) % USHRT_MAX, 6);
  return buf;
}

/** The device's answer to a request whose reply id was `replyId`: that id is echoed as it came. */
export function encodeAnswer(command: number, session: number, replyId: number, payload?: Uint8Array): Buffer {
  return encodePacket(command, session, (replyId + USHRT_MAX - 1) % USHRT_MAX, payload);
}

/** An unsolicited packet (a real-time event): reply id 0. */
export function encodeEvent(flag: number, payload: Uint8Array): Buffer {
  const buf = encodePacket(500, flag, 0, payload);
  buf.writeUInt16LE(0, 6);
  return buf;
}

export function decodePacket(bytes: Buffer): Packet | { error: string } {
  if (bytes.length < 8) return { error: `a packet has 8 header bytes, this one ${bytes.length}` };
  return {
    command: bytes.readUInt16LE(0),
    checksum: bytes.readUInt16LE(2),
    session: bytes.readUInt16LE(4),
    reply: bytes.readUInt16LE(6),
    payload: bytes.subarray(8),
  };
}

/** `50 50 82 7D | u32 length` then the packet. */
export function tcpFrame(packet: Buffer): Buffer {
  return tcpFrames([packet]);
}

/** Packets framed one after another in one buffer (one write), each byte written once. */
export function tcpFrames(packets: readonly Buffer[]): Buffer {
  let length = 0;
  for (const packet of packets) length += 8 + packet.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const packet of packets) {
    TCP_MAGIC.copy(out, at);
    out.writeUInt32LE(packet.length, at + 4);
    packet.copy(out, at + 8);
    at += 8 + packet.length;
  }
  return out;
}

/**
 * Cuts a TCP byte stream into packets. A stream that does not start with the magic, or announces a
 * packet larger than any request, cannot be resynchronised: the caller answers and closes.
 */
export class TcpFrameDecoder {
  private pending: Buffer = EMPTY;

  push(chunk: Buffer): { packets: Buffer[]; error?: string } {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const packets: Buffer[] = [];
    while (this.pending.length >= 8) {
      if (!this.pending.subarray(0, 4).equals(TCP_MAGIC)) {
        return { packets, error: `bytes ${this.pending.subarray(0, 4).toString('hex')} are not the 5050827d mark` };
      }
      const length = this.pending.readUInt32LE(4);
      if (length < 8 || length > MAX_REQUEST_BYTES) {
        return { packets, error: `a frame announces ${length} bytes (8 to ${MAX_REQUEST_BYTES})` };
      }
      if (this.pending.length < 8 + length) break;
      packets.push(this.pending.subarray(8, 8 + length));
      this.pending = this.pending.subarray(8 + length);
    }
    return { packets };
  }
}

const EMPTY = Buffer.alloc(0);

/** Seconds since 2000-01-01 in a calendar of 31-day months and 372-day years (local time, naive). */
export function encodeTime(localMs: number): number {
  const d = new Date(localMs);
  const days = ((d.getUTCFullYear() % 100) * 12 + d.getUTCMonth()) * 31 + d.getUTCDate() - 1;
  return (days * 24 + d.getUTCHours()) * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
}

export function decodeTime(value: number): number {
  let t = value;
  const second = t % 60;
  t = Math.floor(t / 60);
  const minute = t % 60;
  t = Math.floor(t / 60);
  const hour = t % 24;
  t = Math.floor(t / 24);
  const day = (t % 31) + 1;
  t = Math.floor(t / 31);
  const month = t % 12;
  const year = Math.floor(t / 12) + 2000;
  return Date.UTC(year, month, day, hour, minute, second);
}

/** `YY MM DD hh mm ss`, the real-time event's time. */
export function timeBytes(localMs: number): Buffer {
  const d = new Date(localMs);
  return Buffer.from([
    d.getUTCFullYear() % 100,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ]);
}

/**
 * The AUTH payload a client sends for `key` in session `session` (pyzk's make_commkey): the key's
 * bits reversed, plus the session id, XORed with "ZKSO", halves swapped, then XORed with a tick byte
 * that travels in the third byte — so the device recomputes it with the client's tick.
 */
export function commKeyBytes(key: number, session: number, ticks = 50): Buffer {
  let k = 0;
  for (let i = 0; i < 32; i++) k = ((k << 1) | ((key >>> i) & 1)) >>> 0;
  k = (k + session) >>> 0;
  const raw = Buffer.alloc(4);
  raw.writeUInt32LE(k, 0);
  const zkso = [0x5a, 0x4b, 0x53, 0x4f];
  const x = raw.map((b, i) => b ^ zkso[i]!);
  const swapped = Buffer.from([x[2]!, x[3]!, x[0]!, x[1]!]);
  const b = ticks & 0xff;
  return Buffer.from([swapped[0]! ^ b, swapped[1]! ^ b, b, swapped[3]! ^ b]);
}

/** Compared in constant time: how long the answer takes says nothing of how close a guess was. */
export function commKeyMatches(payload: Buffer, key: number, session: number): boolean {
  if (payload.length < 4) return false;
  return timingSafeEqual(payload.subarray(0, 4), commKeyBytes(key, session, payload[2]!));
}
