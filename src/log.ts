// The root logger of the host: JSON lines on stderr (stdout belongs to the terminal UI and to command
// output), with passwords and fingerprint templates masked wherever the clock would log them.
import { pino, type DestinationStream, type LevelWithSilentOrString, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Lowest level written; `info` unless told. */
  level?: LevelWithSilentOrString;
  /** Where the lines go; stderr unless told (tests pass a stream that collects them). */
  destination?: DestinationStream;
  /** The time written on each line (an ISO string by default); the runtime passes its clock's. */
  time?: () => string;
}

/** What replaces a secret. */
export const MASK = '***';

/** Keys whose whole value is a secret, in the spellings of the protocol (`Passwd`, `TMP`) and of our types. */
const SECRET_KEYS = ['password', 'Password', 'passwd', 'Passwd', 'pwd', 'Pwd', 'template', 'tmp', 'TMP', 'Tmp'];

/** Keys holding protocol text (command lines, HTTP bodies, messages) that may carry `Passwd=` or `TMP=`. */
const TEXT_KEYS = ['msg', 'command', 'cmd', 'line', 'lines', 'body', 'text', 'reply', 'request', 'response'];

/** Redacted paths: the keys at the top, one and two levels down, and in lists of users and templates. */
export const REDACT_PATHS: readonly string[] = [
  ...[...SECRET_KEYS, ...TEXT_KEYS].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  ...SECRET_KEYS.flatMap((key) => [`users[*].${key}`, `templates[*].${key}`, `*.users[*].${key}`]),
  'err.message',
  'err.stack',
];

const SECRET = new Set(SECRET_KEYS);

/** The root logger; modules take `logger.child({ module: 'sync' })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const time = options.time;
  return pino(
    {
      level: options.level ?? 'info',
      // pid and hostname say nothing about a simulated clock; its serial number goes in a child's bindings.
      base: null,
      timestamp: time ? () => `,"time":${JSON.stringify(time())}` : pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/**
 * Masks the values of `Passwd=`, `Password=`, `Pwd=` and `TMP=` (any case) in protocol text. A value runs
 * to the next TAB or end of line: on the wire those are the separators, and hiding too much is safer
 * than hiding too little. An empty value stays empty: "no password" is not a secret, and it explains
 * why a clock never asks for one.
 */
export function maskSecrets(text: string): string {
  return text.replace(
    /(?<![A-Za-z0-9_])(passwd|password|pwd|tmp)=([^\t\r\n]*)/gi,
    (whole, key: string, value: string) => (value === '' ? whole : `${key}=${MASK}`),
  );
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  return SECRET.has(key) ? maskValue(value) : maskText(value, 0);
}

function maskValue(value: unknown): unknown {
  return value === '' || value === undefined || value === null ? value : MASK;
}

/**
 * Text keys may also hold objects (`{ request: { body, user } }`), and pino ignores the deeper paths
 * under a key it redacts, so the walk goes on below them; the depth limit also stops it on cycles.
 */
function maskText(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => maskText(item, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET.has(k) ? maskValue(v) : maskText(v, depth + 1)]),
  );
}

/**
 * A child logger made on first use. A pino child redacts its bindings when it is made (about 0.1 ms
 * on a busy 2-core machine): the LAN listener gives one to every connection, and most of the
 * connections a flood opens never write a line.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const real = (): Logger => (child ??= parent.child(bindings));
  return new Proxy(parent, {
    get: (_target, key) => {
      const target = real();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
  });
}
