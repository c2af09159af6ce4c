// Valid control requests for the fuzz tests: each as the line a rig sends and the parse it must give.
import fc from 'fast-check';
import { ALL_KEYS, type Key } from '../../firmware/index.js';
import { MAX_KEYS_PER_REQUEST, type ControlRequest } from '../../src/serial/index.js';

type Message = Record<string, unknown>;

const KEY_OF: Record<string, Key> = { '#': 'OK', '*': 'ESC' };

const keysAsText = fc
  .string({ unit: fc.constantFrom(...'0123456789#*'), maxLength: MAX_KEYS_PER_REQUEST, size: 'max' })
  .map((text) => ({ wire: text, keys: [...text].map((ch) => KEY_OF[ch] ?? (ch as Key)) }));
const keysAsList = fc
  .array(fc.constantFrom(...ALL_KEYS), { maxLength: MAX_KEYS_PER_REQUEST, size: 'max' })
  .map((keys) => ({ wire: keys, keys }));

/** A request's fields on the wire, and the request parseControlLine must make of them. */
const body: fc.Arbitrary<{ wire: Message; request: ControlRequest }> = fc.oneof(
  fc.option(fc.nat(), { nil: undefined }).map((protocol) => ({
    wire: protocol === undefined ? { cmd: 'hello' } : { cmd: 'hello', protocol },
    request: { cmd: 'hello' as const, protocol },
  })),
  fc
    .string({ maxLength: 256 })
    .map((token) => ({ wire: { cmd: 'auth', token }, request: { cmd: 'auth' as const, token } })),
  fc.oneof(keysAsText, keysAsList).map(({ wire, keys }) => ({
    wire: { cmd: 'keys', keys: wire },
    request: { cmd: 'keys' as const, keys },
  })),
  fc.constantFrom(...ALL_KEYS).map((key) => ({ wire: { cmd: 'press', key }, request: { cmd: 'press' as const, key } })),
  fc
    .record({
      finger: fc.oneof(
        fc.constant('1003/right-index'),
        fc.record({ badge: fc.integer({ min: 1, max: 99_999 }), finger: fc.integer({ min: 0, max: 9 }) }),
      ),
      quality: fc.constantFrom('good' as const, 'poor' as const),
    })
    .map(({ finger, quality }) => ({
      wire: { cmd: 'finger', finger, quality },
      request: { cmd: 'finger' as const, finger, quality },
    })),
  fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.boolean()).map(([card, asText]) => ({
    wire: { cmd: 'card', card: asText ? String(card) : card },
    request: { cmd: 'card' as const, card: String(card) },
  })),
  fc.tuple(fc.constantFrom('network' as const, 'cloud' as const), fc.boolean()).map(([cmd, up]) => ({
    wire: { cmd, up },
    request: { cmd, up },
  })),
  fc.integer({ min: 0, max: 366 * 86_400_000 }).map((ms) => ({
    wire: { cmd: 'advance', ms },
    request: { cmd: 'advance' as const, ms },
  })),
  fc.constant({ wire: { cmd: 'screen' }, request: { cmd: 'screen' as const } }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 1000 })).map(([after, limit]) => ({
    wire: { cmd: 'punches', after, limit },
    request: { cmd: 'punches' as const, after, limit },
  })),
);

const id = fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), { nil: undefined });

/** A valid request line (with its LF) and what parseControlLine gives for it. */
export const controlRequest = fc.tuple(body, id, fc.boolean()).map(([{ wire, request }, requestId, crlf]) => ({
  line: `${JSON.stringify(requestId === undefined ? wire : { id: requestId, ...wire })}${crlf ? '\r\n' : '\n'}`,
  parsed: { id: requestId ?? null, request },
}));
