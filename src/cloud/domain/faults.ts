// Fault injection for tests and QA: what the PUSH side does wrong, set programmatically
// (`cloud.faults.set({...})`) or through PUT /api/faults. The portal API itself is never faulted,
// so a test can always turn the faults off again.
import { PUSH_PATHS, type PushEndpoint } from '../../protocol/index.js';
import { BadFault } from '../errors.js';

/** How many of the next matching requests a fault hits; `always` until cleared; 0 is off. */
export type FaultCount = number | 'always';

export interface FaultSettings {
  /** The next N commands are not delivered. */
  dropCommands: FaultCount;
  /**
   * `lost`: a dropped command is marked done, as if the clock had applied it (the portal shows no
   * problem: the case the support article repairs with Add/Remove). `unacknowledged`: it stays sent,
   * so the cloud sends it again after the re-send timeout.
   */
  dropMode: 'lost' | 'unacknowledged';
  /** Commands are held back this long after they are queued. */
  commandDelayMs: number;
  /** Every PUSH answer waits this long (a slow server). */
  delayMs: number;
  /** Answer 500 to the next N requests. */
  status500: FaultCount;
  /** Never answer the next N requests: the client times out. */
  hang: FaultCount;
  /** Answer 200 with a body that is no PUSH answer to the next N requests. */
  garbage: FaultCount;
  /** Drop the connection without an answer for the next N requests. */
  reset: FaultCount;
  /** The endpoints the request faults (500, hang, garbage, reset, delay) apply to; all when empty. */
  endpoints: PushEndpoint[];
}

export type RequestFault = 'status500' | 'hang' | 'garbage' | 'reset';

export const GARBAGE_BODY = '<html><head><title>502 Proxy Error</title></head>\n\u0000\u0007\ufffd C:x:\tID=&Return=\n';

export function noFaults(): FaultSettings {
  return {
    dropCommands: 0,
    dropMode: 'lost',
    commandDelayMs: 0,
    delayMs: 0,
    status500: 0,
    hang: 0,
    garbage: 0,
    reset: 0,
    endpoints: [],
  };
}

export class Faults {
  private settings = noFaults();

  /** Merges the given settings into the current ones; throws RangeError naming a bad field. */
  set(changes: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...checkFaults(changes) };
    return this.get();
  }

  clear(): FaultSettings {
    this.settings = noFaults();
    return this.get();
  }

  get(): FaultSettings {
    return { ...this.settings, endpoints: [...this.settings.endpoints] };
  }

  /**
   * Whether no fault of any kind is set: what a request answered at once (in-process, handleNow) checks,
   * so that a fault is always played by the one path that plays them all.
   */
  none(): boolean {
    const s = this.settings;
    return (
      s.dropCommands === 0 &&
      s.commandDelayMs === 0 &&
      s.delayMs === 0 &&
      s.status500 === 0 &&
      s.hang === 0 &&
      s.garbage === 0 &&
      s.reset === 0
    );
  }

  /** How long an answer to this endpoint waits (the delay fault); 0 when none. Read at every request: no copy. */
  delayFor(endpoint: PushEndpoint): number {
    return this.settings.delayMs > 0 && this.applies(endpoint) ? this.settings.delayMs : 0;
  }

  /** How long commands are held back after they are queued (the command-delay fault). */
  commandHoldMs(): number {
    return this.settings.commandDelayMs;
  }

  /** Whether an endpoint is subject to the request faults. */
  applies(endpoint: PushEndpoint): boolean {
    return this.settings.endpoints.length === 0 || this.settings.endpoints.includes(endpoint);
  }

  /** The request fault to play now, if any, counting it down. */
  takeRequestFault(endpoint: PushEndpoint): RequestFault | undefined {
    if (!this.applies(endpoint)) return undefined;
    for (const fault of ['reset', 'hang', 'status500', 'garbage'] as const) if (this.take(fault)) return fault;
    return undefined;
  }

  /** True when this command is to be dropped, counting it down. */
  takeCommandDrop(): boolean {
    return this.take('dropCommands');
  }

  private take(key: 'dropCommands' | RequestFault): boolean {
    const count = this.settings[key];
    if (count === 'always') return true;
    if (count <= 0) return false;
    this.settings[key] = count - 1;
    return true;
  }
}

const COUNTS = ['dropCommands', 'status500', 'hang', 'garbage', 'reset'] as const;
const DURATIONS = ['commandDelayMs', 'delayMs'] as const;

/** Validates settings that come from outside (JSON), naming the field at fault. */
export function checkFaults(input: unknown): Partial<FaultSettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new BadFault('faults must be an object');
  }
  const changes = input as Record<string, unknown>;
  const known = new Set<string>([...COUNTS, ...DURATIONS, 'dropMode', 'endpoints']);
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!known.has(key)) throw new BadFault(`unknown fault "${key}"; faults: ${[...known].join(', ')}`);
    if ((COUNTS as readonly string[]).includes(key)) {
      if (value !== 'always' && !(Number.isInteger(value) && (value as number) >= 0)) {
        throw new BadFault(`${key} must be a count (0 is off) or "always"`);
      }
      Object.assign(out, { [key]: value });
    } else if ((DURATIONS as readonly string[]).includes(key)) {
      if (!(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3_600_000)) {
        throw new BadFault(`${key} must be milliseconds from 0 to 3600000`);
      }
      Object.assign(out, { [key]: value });
    } else if (key === 'dropMode') {
      if (value !== 'lost' && value !== 'unacknowledged')
        throw new BadFault('dropMode must be "lost" or "unacknowledged"');
      out.dropMode = value;
    } else {
      const names = Object.keys(PUSH_PATHS);
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !names.includes(v))) {
        throw new BadFault(`endpoints must be a list of ${names.join(', ')}`);
      }
      out.endpoints = value as PushEndpoint[];
    }
  }
  return out;
}
