// A PUSH body read as lines while it arrives: a line longer than MAX_LINE_CHARS keeps only its first
// MAX_LINE_CHARS + 1 bytes (enough for bodyLines to refuse it as overlong), so a body of megabyte
// garbage lines costs the cloud the bytes it keeps, not the bytes it was sent. The body's total size is
// bounded by the route's bodyLimit as before, and the bytes kept by all bodies at once by a shared budget.
import type { IncomingMessage } from 'node:http';
import { MAX_LINE_CHARS } from '../protocol/index.js';
import type { ByteBudget } from './limits.js';

const LF = 0x0a;

/** A refusal of the body; `received`: the bytes of it read before (what it cost the server). */
export type BodyRefusal = Error & { statusCode: number; received: number };

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
    const refusal = (statusCode: number, message: string): BodyRefusal =>
      Object.assign(new Error(message), { statusCode, received });
    const tooLarge = () => refusal(413, `the body is larger than ${limit} bytes`);
    const busy = () => refusal(503, 'the server is reading too many bodies at once: send it again later');
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
        return reject(refusal(429, 'the sender was cut off while it sent the body'));
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
    payload.on('close', () => reject(refusal(400, 'the body was cut off')));
  });
  // The bytes go back to the budget once the text is made (or the body refused): the handler's string is its own.
  return read.finally(() => budget?.give(taken));
}
