// The options the cloud link runs on (the codec's PushOptions) and how they change: whole, from a
// handshake answer, or key by key, from `SET OPTION` lines the firmware passed on to the link.
import { BIO_TYPE_FINGERPRINT } from '../../firmware/index.js';
import { parseOptionsBody, type PushOptions } from '../protocol/index.js';

/** The link's keys of SET OPTION, in lower case, with the PushOptions field each one sets. */
const LINK_KEYS: Record<string, keyof PushOptions> = {
  delay: 'delay',
  errordelay: 'errorDelay',
  realtime: 'realtime',
  transinterval: 'transInterval',
  transtimes: 'transTimes',
  transflag: 'transFlags',
};

export interface HandshakeOptions {
  options: PushOptions;
  /** The server's TimeZone, only when it sent one: a server that does not must not reset the clock's zone. */
  timeZoneMinutes?: number;
  /** One sentence per bad value, naming the key. */
  problems: string[];
  /** True when the answer had no option the link knows and is not a bare `OK`: an HTML page, or noise. */
  garbage: boolean;
  /**
   * What a server that speaks PUSH but sent no options answered (`OK`, or nothing): the clock runs on its
   * default options, as clocks do with a key the server leaves out, and says so.
   */
  withoutOptions?: string;
}

/** Reads a handshake answer; never throws. */
export function handshakeOptions(body: string): HandshakeOptions {
  const parsed = parseOptionsBody(body);
  const keys = keysIn(body);
  const known = [...keys].some((key) => Object.hasOwn(LINK_KEYS, key) || key === 'timezone' || /stamp$/.test(key));
  const bare = body.trim();
  if (!known && /^(OK)?$/i.test(bare)) {
    return { options: parsed.options, problems: [], garbage: false, withoutOptions: bare === '' ? 'nothing' : bare };
  }
  const result: HandshakeOptions = { options: parsed.options, problems: parsed.problems, garbage: !known };
  if (keys.has('timezone') && !parsed.problems.some((p) => /^timezone /i.test(p))) {
    result.timeZoneMinutes = parsed.options.timeZoneMinutes;
  }
  return result;
}

/**
 * SET OPTION keys the link owns applied onto the current options; each bad value is left out with a
 * problem, and keys the link does not know are reported back, so that the caller can log them.
 */
export function withSetOptions(
  current: PushOptions,
  pairs: Record<string, string>,
): { options: PushOptions; applied: string[]; problems: string[]; unknown: string[] } {
  const options: PushOptions = { ...current, transFlags: new Set(current.transFlags) };
  const applied: string[] = [];
  const problems: string[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(pairs)) {
    const field = Object.hasOwn(LINK_KEYS, key.toLowerCase()) ? LINK_KEYS[key.toLowerCase()] : undefined;
    if (field === undefined) {
      unknown.push(key);
      continue;
    }
    // The codec parses one key as it would in a handshake; only the field of that key is taken from it.
    const one = parseOptionsBody(`${key}=${value}`);
    const problem = one.problems[0];
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    Object.assign(options, { [field]: one.options[field] });
    applied.push(`${key}=${value}`);
  }
  return { options, applied, problems, unknown };
}

/** What the clock uploads by itself, from TransFlag. */
export interface TransferFlags {
  attendance: boolean;
  operations: boolean;
  /** FP lines for fingers enrolled or changed on the clock. */
  fingerprints: boolean;
  /** Those fingers go up as `table=BIODATA` instead: the server's MultiBioDataSupport names fingerprints (Type 1). */
  biodata: boolean;
  /** USER lines for users enrolled or changed on the clock. */
  users: boolean;
}

/** Asked twice a round: read straight from the set, with no helper made per call. */
export function transferFlags(options: PushOptions): TransferFlags {
  const flags = options.transFlags;
  return {
    attendance: flags.has('AttLog'),
    operations: flags.has('OpLog'),
    fingerprints: flags.has('EnrollFP') || flags.has('ChgFP'),
    biodata: options.bioDataTypes?.includes(BIO_TYPE_FINGERPRINT) ?? false,
    users: flags.has('EnrollUser') || flags.has('ChgUser'),
  };
}

/** The keys of a body's `Key=Value` lines, in lower case. */
function keysIn(body: string): Set<string> {
  const keys = new Set<string>();
  for (const line of body.split(/\r\n|\n|\r/)) {
    const eq = line.indexOf('=');
    if (eq > 0) keys.add(line.slice(0, eq).trim().toLowerCase());
  }
  return keys;
}
