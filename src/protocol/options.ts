// The handshake answer (`GET OPTION FROM: <SN>` and its Key=Value lines) as a typed PushOptions, in both
// directions. Parsing is tolerant: older key spellings, any case, defaults for missing keys, and a bad
// value becomes a problem plus the default, never an exception.

export interface PushOptions {
  /** Resume cursors per table: `None`, `0` (upload again from the start) or the server's last stamp. */
  attlogStamp: string;
  operlogStamp: string;
  attphotoStamp: string;
  /** Seconds between retries after a network failure. */
  errorDelay: number;
  /** Seconds between polls of getrequest. */
  delay: number;
  /** Up to ten `HH:MM` times of day for scheduled uploads (when not Realtime). */
  transTimes: string[];
  /** Minutes between scheduled uploads (when not Realtime). */
  transInterval: number;
  /** What the clock uploads by itself, as words (`AttLog`, `OpLog`…); the bit-string form is converted. */
  transFlags: Set<string>;
  /** Minutes east of UTC; the wire's TimeZone is whole hours when -12 < TZ < 12, otherwise minutes. */
  timeZoneMinutes: number;
  /** Upload each record at once, rather than on TransInterval / TransTimes. */
  realtime: boolean;
  encrypt: string;
  /**
   * `MultiBioDataSupport=0:1:0:…`: one flag per BIODATA Type (0 general, 1 fingerprint, 2 face…), what the
   * server takes as BIODATA; absent from older servers, which take fingers as FP lines in OPERLOG.
   */
  bioDataTypes?: number[];
}

/** The words of TransFlag in the order of the older bit string (`1111000000`: AttLog, OpLog, AttPhoto, EnrollFP…). */
export const TRANS_FLAG_BITS = [
  'AttLog',
  'OpLog',
  'AttPhoto',
  'EnrollFP',
  'EnrollUser',
  'FPImag',
  'ChgUser',
  'ChgFP',
  'FACE',
  'UserPic',
  'WORKCODE',
  'BioPhoto',
] as const;

/** What a server that sends no TransFlag gets: the example set of docs/wire-formats.md §1, so enrollments still reach it. */
export const DEFAULT_TRANS_FLAGS = [
  'AttLog',
  'OpLog',
  'AttPhoto',
  'EnrollUser',
  'ChgUser',
  'EnrollFP',
  'ChgFP',
  'UserPic',
];

export function defaultPushOptions(): PushOptions {
  return {
    attlogStamp: 'None',
    operlogStamp: 'None',
    attphotoStamp: 'None',
    errorDelay: 30,
    delay: 10,
    transTimes: ['00:00', '14:05'],
    transInterval: 1,
    transFlags: new Set(DEFAULT_TRANS_FLAGS),
    timeZoneMinutes: 0,
    realtime: true,
    encrypt: 'None',
  };
}

export interface ParsedOptions {
  options: PushOptions;
  /** The serial number of the `GET OPTION FROM:` line, when there is one. */
  serialNumber?: string;
  /** One sentence per bad value or line, naming the key: `Delay must be …, got "x"; 10 used`. */
  problems: string[];
  /** Keys this codec does not know (ServerVer, PushProtVer…), as sent. */
  extra: Record<string, string>;
}

type Setter = (options: PushOptions, value: string) => string | undefined;

/** Keys in lower case, including the older spellings; each returns a problem or undefined. */
const SETTERS: Record<string, Setter> = {
  attlogstamp: (o, v) => stamp(v, (s) => (o.attlogStamp = s)),
  stamp: (o, v) => stamp(v, (s) => (o.attlogStamp = s)),
  operlogstamp: (o, v) => stamp(v, (s) => (o.operlogStamp = s)),
  opstamp: (o, v) => stamp(v, (s) => (o.operlogStamp = s)),
  attphotostamp: (o, v) => stamp(v, (s) => (o.attphotoStamp = s)),
  photostamp: (o, v) => stamp(v, (s) => (o.attphotoStamp = s)),
  errordelay: (o, v) => seconds(v, 1, 86_400, (n) => (o.errorDelay = n)),
  delay: (o, v) => seconds(v, 1, 86_400, (n) => (o.delay = n)),
  transinterval: (o, v) => seconds(v, 0, 1_440, (n) => (o.transInterval = n)),
  transtimes: (o, v) => transTimes(v, o),
  transflag: (o, v) => transFlags(v, o),
  timezone: (o, v) => {
    const minutes = timeZoneFromWire(v);
    if (minutes === undefined) return 'must be hours (-11 to 11) or minutes (-720 to 840)';
    o.timeZoneMinutes = minutes;
    return undefined;
  },
  realtime: (o, v) => {
    if (v !== '0' && v !== '1') return 'must be 0 or 1';
    o.realtime = v === '1';
    return undefined;
  },
  multibiodatasupport: (o, v) => {
    if (!/^[01](:[01])*$/.test(v)) return 'must be 0 or 1 per biometric type, separated by ":"';
    o.bioDataTypes = v.split(':').flatMap((flag, type) => (flag === '1' ? [type] : []));
    return undefined;
  },
  encrypt: (o, v) => {
    o.encrypt = v === '' ? 'None' : v;
    return undefined;
  },
};

/** Reads a handshake answer; never throws. An HTML page or `OK` gives defaults and a problem. */
export function parseOptionsBody(body: string): ParsedOptions {
  const options = defaultPushOptions();
  const problems: string[] = [];
  const extra: Record<string, string> = {};
  let serialNumber: string | undefined;
  let pairs = 0;
  body.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const from = /^GET OPTION FROM:\s*(\S*)/i.exec(line);
    if (from) {
      serialNumber = from[1];
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) return void problems.push(`line ${index + 1} is not Key=Value: "${line.slice(0, 80)}"`);
    pairs++;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const folded = key.toLowerCase();
    const setter = Object.hasOwn(SETTERS, folded) ? SETTERS[folded] : undefined;
    // A key sent twice takes its last value, as the known keys do; defineProperty keeps `__proto__` a plain key.
    if (setter === undefined) {
      return void Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
    }
    const problem = setter(options, value);
    if (problem !== undefined) problems.push(`${key} ${problem}, got "${value.slice(0, 80)}"; the default is kept`);
  });
  if (pairs === 0) problems.push('the answer has no Key=Value lines: every option is at its default');
  return serialNumber === undefined ? { options, problems, extra } : { options, serialNumber, problems, extra };
}

/** The handshake answer a server sends, in docs/wire-formats.md §1's order and spelling. */
export function formatOptionsBody(sn: string, options: PushOptions): string {
  const lines = [
    `GET OPTION FROM: ${sn}`,
    `ATTLOGStamp=${options.attlogStamp}`,
    `OPERLOGStamp=${options.operlogStamp}`,
    `ATTPHOTOStamp=${options.attphotoStamp}`,
    `ErrorDelay=${options.errorDelay}`,
    `Delay=${options.delay}`,
    `TransTimes=${options.transTimes.join(';')}`,
    `TransInterval=${options.transInterval}`,
    `TransFlag=TransData ${[...options.transFlags].join('\t')}`,
    `TimeZone=${timeZoneToWire(options.timeZoneMinutes)}`,
    `Realtime=${options.realtime ? 1 : 0}`,
    `Encrypt=${options.encrypt}`,
  ];
  if (options.bioDataTypes !== undefined) lines.push(`MultiBioDataSupport=${bioDataFlags(options.bioDataTypes)}`);
  return `${lines.join('\n')}\n`;
}

/** `[1]` into `0:1:0:0:0:0:0:0:0:0:0`: the eleven types of PUSH 2.4, more when a type beyond them is named. */
function bioDataFlags(types: readonly number[]): string {
  const length = Math.max(11, ...types.map((t) => t + 1));
  return Array.from({ length }, (_, type) => (types.includes(type) ? '1' : '0')).join(':');
}

/**
 * The wire's TimeZone into minutes east of UTC: whole hours when -12 < TZ < 12, otherwise minutes
 * (`330` is UTC+5:30). Undefined when it is not a number or lies outside UTC-12:00 … UTC+14:00.
 */
export function timeZoneFromWire(value: string): number | undefined {
  if (!/^[+-]?\d{1,4}$/.test(value.trim())) return undefined;
  const n = Number(value);
  const minutes = n > -12 && n < 12 ? n * 60 : n;
  return minutes >= -720 && minutes <= 840 ? minutes : undefined;
}

/** Minutes into the wire's TimeZone: hours when they are whole and in (-12, 12), otherwise minutes. */
export function timeZoneToWire(minutes: number): string {
  const hours = minutes / 60;
  return Number.isInteger(hours) && hours > -12 && hours < 12 ? String(hours) : String(minutes);
}

/** `1111000000` into words; a word list (TABs, spaces or commas, after an optional `TransData`) kept as words. */
export function parseTransFlag(value: string): Set<string> | undefined {
  const text = value.trim();
  if (/^[01]{1,32}$/.test(text)) {
    return new Set(TRANS_FLAG_BITS.filter((_, i) => text[i] === '1'));
  }
  const words = text.split(/[\t ,;]+/).filter((w) => w !== '' && w.toLowerCase() !== 'transdata');
  if (words.some((w) => !/^[A-Za-z]+$/.test(w))) return undefined;
  // Known words in their canonical spelling, so `attlog` and `AttLog` are the same flag.
  return new Set(words.map((w) => TRANS_FLAG_BITS.find((k) => k.toLowerCase() === w.toLowerCase()) ?? w));
}

function stamp(value: string, set: (s: string) => void): string | undefined {
  if (value === '' || /\s/.test(value)) return 'must be None, 0 or a stamp without spaces';
  set(value);
  return undefined;
}

function seconds(value: string, min: number, max: number, set: (n: number) => void): string | undefined {
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) return `must be a whole number from ${min} to ${max}`;
  set(n);
  return undefined;
}

function transTimes(value: string, options: PushOptions): string | undefined {
  const times = value
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const bad = times.find((t) => !/^([01]?\d|2[0-3]):[0-5]\d$/.test(t));
  if (bad !== undefined) return `must be HH:MM times separated by ";" (bad "${bad}")`;
  if (times.length > 10) return 'has more than ten times';
  options.transTimes = times.map((t) => t.padStart(5, '0'));
  return undefined;
}

function transFlags(value: string, options: PushOptions): string | undefined {
  const flags = parseTransFlag(value);
  if (flags === undefined) return 'must be a bit string (1111000000) or TransData and words';
  options.transFlags = flags;
  return undefined;
}
