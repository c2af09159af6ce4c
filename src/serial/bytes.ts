// Byte plumbing shared by the streaming decoders: a growable queue that frames are cut from, the
// problem callback through which a decoder explains what it threw away, and hex helpers for messages.
import { codedError } from '../errors.js';

/** Why bytes were skipped, and where in the stream (byte offset since the decoder was created). */
export interface DecodeProblem {
  offset: number;
  message: string;
}

export type ProblemSink = (problem: DecodeProblem) => void;

/** An emptied queue larger than this gives its memory back. */
const SHRINK_ABOVE = 64 * 1024;

/**
 * A FIFO of bytes with O(1) drop from the front. Decoders look at bytes in place and drop what they
 * have used, so a long stream costs one copy per byte, not one per frame.
 */
export class ByteQueue {
  private buf: Buffer;
  private head = 0;
  private tail = 0;
  /** Bytes dropped since creation: the stream offset of `at(0)`. */
  offset = 0;

  constructor(private readonly initialCapacity = 512) {
    this.buf = Buffer.alloc(initialCapacity);
  }

  get length(): number {
    return this.tail - this.head;
  }

  /** Bytes allocated: grows for a long chunk, and goes back to the first size once emptied. */
  get capacity(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.tail + chunk.length > this.buf.length) this.makeRoom(chunk.length);
    this.buf.set(chunk, this.tail);
    this.tail += chunk.length;
  }

  /** The byte at index i from the front; callers check i < length. */
  at(i: number): number {
    return this.buf[this.head + i]!;
  }

  /** A copy of bytes [start, end) from the front. */
  copy(start: number, end: number): Buffer {
    return Buffer.from(this.buf.subarray(this.head + start, this.head + end));
  }

  /** Index of the first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from = 0): number {
    const i = this.buf.indexOf(byte, this.head + from);
    return i < 0 || i >= this.tail ? -1 : i - this.head;
  }

  drop(n: number): void {
    const k = Math.min(n, this.length);
    this.head += k;
    this.offset += k;
    if (this.head !== this.tail) return;
    this.head = this.tail = 0;
    // One huge chunk (10 MiB of garbage on stdio) must not keep its memory for the life of the port.
    if (this.buf.length > SHRINK_ABOVE && this.buf.length > this.initialCapacity) {
      this.buf = Buffer.alloc(this.initialCapacity);
    }
  }

  clear(): void {
    this.drop(this.length);
  }

  private makeRoom(extra: number): void {
    const live = this.length;
    const need = live + extra;
    // Compact in place when that is enough; grow only for a frame longer than the buffer.
    const target = need <= this.buf.length ? this.buf : Buffer.alloc(Math.max(need, this.buf.length * 2));
    this.buf.copy(target, 0, this.head, this.tail);
    this.buf = target;
    this.head = 0;
    this.tail = live;
  }
}

/** `EF 01 FF` — how frames appear in logs and error messages. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** `'FF 53 65'` or `'FF5365'` → bytes; for tests, vectors and benchmarks. */
export function fromHex(text: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^([0-9A-Fa-f]{2})*$/.test(clean))
    throw codedError('TC_ERR_SERIAL_HEX', `fromHex: "${text}" is not whole hex bytes`);
  return Buffer.from(clean, 'hex');
}

/** The value of an ASCII hex digit, or -1. */
export function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/**
 * What every frame decoder does alike: holds the bytes of a frame not yet complete, cuts whole frames off
 * the front as chunks arrive, and reports what it skips rather than throwing. A protocol says only how a
 * frame is found and read (`takeFrames`).
 */
export abstract class FrameDecoder<T> {
  protected readonly queue: ByteQueue;

  constructor(
    initialCapacity: number,
    protected readonly onProblem?: ProblemSink,
  ) {
    this.queue = new ByteQueue(initialCapacity);
  }

  /** Bytes held for a frame not yet complete (bounded by the longest frame, as the fuzz tests check). */
  get buffered(): number {
    return this.queue.length;
  }

  push(chunk: Uint8Array): T[] {
    this.queue.push(chunk);
    const out: T[] = [];
    this.takeFrames(out);
    return out;
  }

  /** Moves every whole frame at the front of the queue into `out`; a partial one stays for the next chunk. */
  protected abstract takeFrames(out: T[]): void;

  /**
   * Skips to the next `byte` that starts a frame (`start` names it in messages); false when the queue
   * holds none, and is then empty.
   */
  protected seek(byte: number, start: string): boolean {
    const at = this.queue.indexOf(byte);
    if (at < 0) {
      this.skip(this.queue.length, `no ${start}`);
      return false;
    }
    this.skip(at, `bytes before a ${start}`);
    return true;
  }

  protected skip(n: number, why: string): void {
    if (n === 0) return;
    if (!this.isFiller(n)) this.problem(this.queue.offset, `skipped ${n} byte(s): ${why}`);
    this.queue.drop(n);
  }

  /** True when the n bytes at the front are filler a protocol allows between frames: dropped unreported. */
  protected isFiller(_n: number): boolean {
    return false;
  }

  protected problem(offset: number, message: string): void {
    this.onProblem?.({ offset, message });
  }
}
