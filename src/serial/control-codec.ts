// The control protocol's codec: JSON Lines in, checked requests out (or an error naming the field), and
// the hello, reply and event lines a session writes. Pure: no clock, no I/O. See "Control protocol" in README.md.
import { parseCardNumber } from '../../firmware/index.js';
import { ALL_KEYS, formatTimestamp, type Key, type Punch, type ScreenFrame } from '../../firmware/index.js';
import { fingerFrom, type FingerSpec } from '../runtime/index.js';
import { ByteQueue, type ProblemSink } from './bytes.js';

/** Bumped when a request or event changes incompatibly; additions keep the number. */
export const CONTROL_PROTOCOL_VERSION = 1;

export type RequestId = string | number | null;

export type ControlRequest =
  | { cmd: 'hello'; protocol: number | undefined }
  | { cmd: 'auth'; token: string }
  | { cmd: 'keys'; keys: Key[] }
  | { cmd: 'press'; key: Key }
  | { cmd: 'finger'; finger: FingerSpec; quality: 'good' | 'poor' }
  | { cmd: 'card'; card: string }
  | { cmd: 'network'; up: boolean }
  | { cmd: 'cloud'; up: boolean }
  | { cmd: 'advance'; ms: number }
  | { cmd: 'screen' }
  | { cmd: 'punches'; after: number; limit: number };

export const CONTROL_COMMANDS = [
  'hello',
  'auth',
  'keys',
  'press',
  'finger',
  'card',
  'network',
  'cloud',
  'advance',
  'screen',
  'punches',
] as const;

export const CONTROL_EVENTS = [
  'screen.changed',
  'punch.recorded',
  'icons.changed',
  'leds.changed',
  'beeper',
  'events.dropped',
  'store.failed',
] as const;

/**
 * One request may press this many keys. A rig types a PIN or walks a menu in tens of keys; without a
 * bound, one 64 KiB line pressed 60,000 keys, each a screen event to every client (hundreds of MiB).
 * 64 keys are a few milliseconds of firmware work: the longest turn one client takes from the others.
 */
export const MAX_KEYS_PER_REQUEST = 64;

/** Longer tokens are refused before comparing: a token is a short secret, not a payload. */
const MAX_TOKEN_LENGTH = 256;

export interface ControlError {
  /** The request field that is wrong (`key`, `keys[2]`, `ms`), or `line` when it is not a JSON object. */
  field: string;
  message: string;
}

export type ParsedLine =
  | { id: RequestId; request: ControlRequest }
  | { id: RequestId; error: ControlError; /** the request's cmd, when it had one */ cmd?: string };

/** Keys a string of `keys` may use besides digits: `#` is OK and `*` is ESC, as on Wiegand keypads. */
const KEY_CHARS: Record<string, Key> = { '#': 'OK', '*': 'ESC' };

export function parseControlLine(line: string): ParsedLine {
  // Line noise is common on a serial port; refusing it before JSON.parse spares an exception per line.
  if (!line.trimStart().startsWith('{'))
    return { id: null, error: { field: 'line', message: 'must be a JSON object' } };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { id: null, error: { field: 'line', message: `not JSON: ${(error as Error).message}` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: { field: 'line', message: 'must be a JSON object' } };
  }
  const o = value as Record<string, unknown>;
  const id = o.id;
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
    return { id: null, error: { field: 'id', message: 'must be a string or a number' } };
  }
  const checked = checkRequest(o);
  if (!('field' in checked)) return { id: id ?? null, request: checked };
  return typeof o.cmd === 'string'
    ? { id: id ?? null, cmd: o.cmd, error: checked }
    : { id: id ?? null, error: checked };
}

function fail(field: string, message: string): ControlError {
  return { field, message };
}

function checkRequest(o: Record<string, unknown>): ControlRequest | ControlError {
  switch (o.cmd) {
    case 'hello':
      if (o.protocol !== undefined && !Number.isInteger(o.protocol)) return fail('protocol', 'must be a whole number');
      return { cmd: 'hello', protocol: o.protocol as number | undefined };
    case 'auth':
      return typeof o.token === 'string' && o.token.length <= MAX_TOKEN_LENGTH
        ? { cmd: 'auth', token: o.token }
        : fail('token', `must be the bridge's token (a string of at most ${MAX_TOKEN_LENGTH} characters)`);
    case 'keys':
      return checkKeys(o.keys);
    case 'press':
      return isKey(o.key) ? { cmd: 'press', key: o.key } : fail('key', `must be one of ${ALL_KEYS.join(' ')}`);
    case 'finger': {
      if (o.quality !== undefined && o.quality !== 'good' && o.quality !== 'poor') {
        return fail('quality', 'must be "good" or "poor"');
      }
      try {
        fingerFrom(o.finger as FingerSpec);
      } catch (error) {
        const hint = 'must be "1001/right-index" or { "badge": 1001, "finger": "right-index" }';
        return fail('finger', o.finger === undefined ? hint : `${(error as Error).message}; ${hint}`);
      }
      return { cmd: 'finger', finger: o.finger as FingerSpec, quality: (o.quality as 'good' | 'poor') ?? 'good' };
    }
    case 'card': {
      const card = typeof o.card === 'number' || typeof o.card === 'string' ? parseCardNumber(o.card) : undefined;
      if (card === undefined) return fail('card', 'must be a decimal card number from 0 to 4294967295');
      return { cmd: 'card', card };
    }
    case 'network':
    case 'cloud':
      return typeof o.up === 'boolean' ? { cmd: o.cmd, up: o.up } : fail('up', 'must be true or false');
    case 'advance':
      return typeof o.ms === 'number' && Number.isFinite(o.ms) && o.ms >= 0 && o.ms <= 366 * 86_400_000
        ? { cmd: 'advance', ms: o.ms }
        : fail('ms', 'must be a number of milliseconds, 0 to a year');
    case 'screen':
      return { cmd: 'screen' };
    case 'punches': {
      const after = o.after ?? 0;
      const limit = o.limit ?? 100;
      if (!Number.isInteger(after) || (after as number) < 0) return fail('after', 'must be a seq number, 0 or more');
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 1000) {
        return fail('limit', 'must be 1-1000');
      }
      return { cmd: 'punches', after: after as number, limit: limit as number };
    }
    default:
      return fail('cmd', `must be one of ${CONTROL_COMMANDS.join(', ')}`);
  }
}

function isKey(value: unknown): value is Key {
  return typeof value === 'string' && (ALL_KEYS as readonly string[]).includes(value);
}

function tooManyKeys(count: number): ControlError {
  const limit = `at most ${MAX_KEYS_PER_REQUEST} keys per request`;
  return fail('keys', `${limit} (got ${count}); send them in several requests`);
}

function checkKeys(keys: unknown): ControlRequest | ControlError {
  // Counted before anything is built: a refused request costs no more than its line did.
  if ((typeof keys === 'string' || Array.isArray(keys)) && keys.length > MAX_KEYS_PER_REQUEST) {
    // A string's length counts UTF-16 units; the number that matters to the rig is close enough.
    return tooManyKeys(keys.length);
  }
  if (typeof keys === 'string') {
    const out: Key[] = [];
    for (const [i, ch] of [...keys].entries()) {
      const key = /^[0-9]$/.test(ch) ? (ch as Key) : KEY_CHARS[ch];
      if (key === undefined) return fail(`keys[${i}]`, `"${ch}" is not a digit, # (OK) or * (ESC)`);
      out.push(key);
    }
    return { cmd: 'keys', keys: out };
  }
  if (!Array.isArray(keys)) return fail('keys', 'must be a string of digits or a list of key names');
  for (const [i, key] of keys.entries()) {
    if (!isKey(key)) return fail(`keys[${i}]`, `must be one of ${ALL_KEYS.join(' ')}`);
  }
  return { cmd: 'keys', keys: keys as Key[] };
}

/** The frame as the protocol shows it. */
export function frameMessage(frame: ScreenFrame, text: string): Record<string, unknown> {
  return {
    screen: frame.screen,
    title: frame.title,
    lines: frame.lines,
    icons: frame.icons,
    leds: frame.leds,
    beep: frame.beep,
    text,
  };
}

export function punchMessage(punch: Punch): Record<string, unknown> {
  return { ...punch, timeText: formatTimestamp(punch.time) };
}

export function encodeLine(message: Record<string, unknown>): string {
  return `${JSON.stringify(message)}\n`;
}

/** Longer lines are refused whole: nothing a client needs to send comes close. */
export const MAX_LINE_BYTES = 64 * 1024;

const LF = 0x0a;

/**
 * Bytes in, complete lines out (UTF-8, CR LF or LF). An overlong line is reported once and its bytes are
 * discarded up to the next LF, so that the decoder never holds more than MAX_LINE_BYTES, whatever a
 * client sends and however it is cut into chunks.
 */
export class LineDecoder {
  private readonly queue = new ByteQueue(1024);
  private discarding = false;

  constructor(private readonly onProblem?: ProblemSink) {}

  /** Bytes of an unfinished line held; never more than MAX_LINE_BYTES. */
  get buffered(): number {
    return this.queue.length;
  }

  push(chunk: Uint8Array): string[] {
    const out: string[] = [];
    const q = this.queue;
    let rest = chunk;
    while (rest.length > 0) {
      const end = rest.indexOf(LF);
      if (this.discarding) {
        // Skipped bytes still count in the offset, so that a later problem names the right place.
        q.offset += end < 0 ? rest.length : end + 1;
        if (end < 0) break;
        this.discarding = false;
      } else if (q.length + (end < 0 ? rest.length : end) > MAX_LINE_BYTES) {
        this.onProblem?.({ offset: q.offset, message: `line too long (over ${MAX_LINE_BYTES} bytes)` });
        q.offset += end < 0 ? rest.length : end + 1;
        q.clear();
        this.discarding = end < 0;
        if (end < 0) break;
      } else if (end < 0) {
        q.push(rest);
        break;
      } else {
        q.push(rest.subarray(0, end));
        const line = q.copy(0, q.length).toString('utf8').replace(/\r$/, '');
        q.offset += 1;
        q.clear();
        if (line.trim() !== '') out.push(line);
      }
      rest = rest.subarray(end + 1);
    }
    return out;
  }
}
