// A PUSH body read as lines while it arrives, and read no further than its first overlong line (past
// MAX_LINE_CHARS bytes between two LFs): of that line only the first MAX_LINE_CHARS + 2 bytes are kept
// (enough for bodyLines to refuse it), the lines before it are answered, and the rest of the body is never
// read — the route answers at once and closes the connection. So a body of megabyte garbage lines costs
// the cloud its first 64 KiB, not the bytes it was sent. The body's total size is bounded by the route's
// bodyLimit as before, and the bytes kept by all bodies at once by a shared budget.
import type { IncomingMessage } from 'node:http';
import { MAX_LINE_CHARS } from '../../protocol/index.js';
import type { ByteBudget } from '../limits.js';
import { PushBodyCut, PushBodyTooLarge, PushBusy, PushSenderCut } from '../errors.js';

const LF = 0x0a;
const CR = 0x0d;

/** Bodies read no further than their first overlong line: their connection is closed after the answer. */
const cutShort = new WeakSet<IncomingMessage>();

/** True when the body was not read to its end (an overlong line stopped it). */
export function wasCutShort(payload: IncomingMessage): boolean {
  return cutShort.has(payload);
}

/** The bytes of a body read before it was refused (what it cost the server), by its request. */
const readBeforeRefusal = new WeakMap<IncomingMessage, number>();

export function bytesReadBeforeRefusal(payload: IncomingMessage): number {
  return readBeforeRefusal.get(payload) ?? 0;
}

/**
 * Reads `payload` to its end, or to the end of its first overlong line (wasCutShort tells); resolves with
 * the text kept. Rejects with a 413 past `limit` bytes, and with a
 * 503 when the bodies being read at once would keep more than `budget` allows (the clock sends it again).
 * `cutOff`, asked at each chunk: the sender was cut off meanwhile, its connection is closed unanswered.
 */
export function readPushBody(
  payload: IncomingMessage,
  limit: number,
  budget?: ByteBudget,
  cutOff?: () => boolean,
): Promise<string> {
  let taken = 0;
  let received = 0;
  const read = new Promise<string>((resolve, reject) => {
    const tooLarge = () => new PushBodyTooLarge(limit);
    const busy = () => new PushBusy();
    // A body that says it is too large is refused before a byte of it is read.
    if (Number(payload.headers['content-length'] ?? 0) > limit) {
      payload.pause();
      return reject(tooLarge());
    }
    const kept: Buffer[] = [];
    /** Bytes of the current line so far (since the last LF), and the last byte kept (a CR before an LF). */
    let lineLength = 0;
    let lastByte = -1;
    const stop = (error?: Error) => {
      payload.removeAllListeners('data');
      payload.pause();
      if (error !== undefined) return reject(error);
      cutShort.add(payload);
      resolve(Buffer.concat(kept).toString('utf8'));
    };
    const keep = (piece: Buffer): boolean => {
      if (piece.length === 0) return true;
      if (budget !== undefined && !budget.take(piece.length)) return false;
      taken += budget === undefined ? 0 : piece.length;
      kept.push(piece);
      lastByte = piece[piece.length - 1]!;
      return true;
    };
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (cutOff?.() === true) {
        payload.removeAllListeners('data');
        payload.socket?.destroy();
        return reject(new PushSenderCut());
      }
      if (received > limit) return stop(tooLarge());
      let at = 0;
      while (at < chunk.length) {
        const end = chunk.indexOf(LF, at);
        const upTo = end < 0 ? chunk.length : end;
        // Content and a CR, and one byte more: a line that long before its LF is overlong however it ends.
        const room = MAX_LINE_CHARS + 2 - lineLength;
        if (upTo - at >= room) return keep(chunk.subarray(at, at + room)) ? stop() : stop(busy());
        const before = end > at ? chunk[end - 1] : lastByte;
        if (!keep(chunk.subarray(at, end < 0 ? chunk.length : end + 1))) return stop(busy());
        if (end < 0) {
          lineLength += chunk.length - at;
          break;
        }
        const content = lineLength + (end - at) - (before === CR ? 1 : 0);
        lineLength = 0;
        at = end + 1;
        if (content > MAX_LINE_CHARS) return stop();
      }
    });
    payload.on('end', () => resolve(Buffer.concat(kept).toString('utf8')));
    payload.on('error', reject);
    // A client gone mid-body settles it too, so that its bytes go back to the budget.
    payload.on('close', () => reject(new PushBodyCut()));
  });
  // The bytes go back to the budget once the text is made (or the body refused): the handler's string is its own.
  // A refusal after bytes were read weighs them on the sender's count (limits.ts).
  read.catch(() => readBeforeRefusal.set(payload, received));
  return read.finally(() => budget?.give(taken));
}
