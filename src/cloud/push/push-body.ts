// A PUSH body read as lines while it arrives: a line longer than MAX_LINE_CHARS keeps only its first
// MAX_LINE_CHARS + 1 bytes (enough for bodyLines to refuse it as overlong), so a body of megabyte
// garbage lines costs the cloud the bytes it keeps, not the bytes it was sent. The body's total size is
// bounded by the route's bodyLimit as before, and the bytes kept by all bodies at once by a shared budget.
import type { IncomingMessage } from 'node:http';
import { MAX_LINE_CHARS } from '../../protocol/index.js';
import type { ByteBudget } from '../limits.js';
import { PushBodyCut, PushBodyTooLarge, PushBusy, PushSenderCut } from '../errors.js';

const LF = 0x0a;

/** The bytes of a body read before it was refused (what it cost the server), by its request. */
const readBeforeRefusal = new WeakMap<IncomingMessage, number>();

export function bytesReadBeforeRefusal(payload: IncomingMessage): number {
  return readBeforeRefusal.get(payload) ?? 0;
}

/**
 * Reads `payload` to its end; resolves with the text kept. Rejects with a 413 past `limit` bytes, and with a
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
    let lineLength = 0;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (cutOff?.() === true) {
        payload.removeAllListeners('data');
        payload.socket?.destroy();
        return reject(new PushSenderCut());
      }
      if (received > limit) {
        payload.removeAllListeners('data');
        payload.pause();
        return reject(tooLarge());
      }
      let at = 0;
      while (at < chunk.length) {
        const end = chunk.indexOf(LF, at);
        const stop = end < 0 ? chunk.length : end + 1;
        const room = MAX_LINE_CHARS + 1 - lineLength;
        const piece = chunk.subarray(at, Math.min(stop, at + Math.max(0, room)));
        if (piece.length > 0 && budget !== undefined && !budget.take(piece.length)) {
          payload.removeAllListeners('data');
          payload.pause();
          return reject(busy());
        }
        taken += budget === undefined ? 0 : piece.length;
        if (piece.length > 0) kept.push(piece);
        lineLength = end < 0 ? lineLength + (stop - at) : 0;
        // An overlong line's end still needs its LF kept, so that the next line starts on its own.
        if (end >= 0 && stop - at > room) kept.push(Buffer.from([LF]));
        at = stop;
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
