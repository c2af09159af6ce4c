// EM4100 frames as an RDM6300-style 125 kHz reader sends them (docs/wire-formats.md §2):
// 0x02 | 10 ASCII hex digits (version byte + 4-byte tag) | 2 ASCII hex digits of XOR checksum | 0x03.
// A pure streaming codec plus the repeat filter a held card needs.
import { FrameDecoder, hexDigit, type ProblemSink } from './bytes.js';

export const EM4100_FRAME_LENGTH = 14;
const STX = 0x02;
const ETX = 0x03;

export interface Em4100Read {
  /** The version (customer) byte. */
  version: number;
  /** The lower 32 bits of the tag. */
  tag: number;
  /** What the clock calls the card number: the decimal value of `tag`. */
  card: string;
}

/** The 14 bytes a reader sends for a tag. */
export function encodeEm4100(version: number, tag: number): Buffer {
  const bytes = [version & 0xff, (tag >>> 24) & 0xff, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff];
  const sum = bytes.reduce((a, b) => a ^ b, 0);
  const text = [...bytes, sum].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  return Buffer.concat([Buffer.of(STX), Buffer.from(text, 'ascii'), Buffer.of(ETX)]);
}

/**
 * Bytes in, reads out. Anything that is not a whole, well-formed frame with a good checksum is skipped
 * one byte at a time, so a frame that starts inside garbage is still found.
 */
export class Em4100Decoder extends FrameDecoder<Em4100Read> {
  constructor(onProblem?: ProblemSink) {
    super(64, onProblem);
  }

  protected takeFrames(out: Em4100Read[]): void {
    const q = this.queue;
    while (this.seek(STX, 'frame start (0x02)') && q.length >= EM4100_FRAME_LENGTH) {
      const read = this.frameAtFront();
      if (typeof read === 'string') {
        this.skip(1, read);
        continue;
      }
      out.push(read);
      q.drop(EM4100_FRAME_LENGTH);
    }
  }

  /** The frame at the front of the queue, or why it is not one. */
  private frameAtFront(): Em4100Read | string {
    const q = this.queue;
    if (q.at(EM4100_FRAME_LENGTH - 1) !== ETX) return 'frame without 0x03 at byte 13';
    let version = 0;
    let tag = 0;
    let sum = 0;
    for (let i = 0; i < 6; i++) {
      const hi = hexDigit(q.at(1 + 2 * i));
      const lo = hexDigit(q.at(2 + 2 * i));
      if (hi < 0 || lo < 0) return `frame with a non-hex character at byte ${hi < 0 ? 1 + 2 * i : 2 + 2 * i}`;
      const byte = (hi << 4) | lo;
      if (i === 0) version = byte;
      else if (i < 5) tag = ((tag << 8) | byte) >>> 0;
      if (i < 5) sum ^= byte;
      else if (sum !== byte) return `frame with a bad checksum (${byte} sent, ${sum} computed)`;
    }
    return { version, tag, card: String(tag) };
  }
}

/**
 * A reader repeats the frame while the card is held. A repeat of the same card within `windowMs` of the
 * previous sighting is the same tap; each sighting extends the window, so a card held for a minute is
 * one tap. Time comes from the caller (the clock's source), so virtual-time tests see the same thing.
 */
export class RepeatFilter {
  private last: { card: string; at: number } | undefined;

  constructor(private readonly windowMs = 220) {}

  /** True when this sighting is a new tap. */
  accept(card: string, now: number): boolean {
    const repeat = this.last !== undefined && this.last.card === card && now - this.last.at < this.windowMs;
    this.last = { card, at: now };
    return !repeat;
  }
}
