// Workload profiles: a YAML file checked against profile.schema.json, then read into times the fleet can
// schedule (milliseconds after the run's start). Every problem names the file, the line and column, the
// path in the file and what is wrong; the command exits 2 on it.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { parseDuration } from '../scenario/index.js';
import { ScenarioFileError, Source, readYamlText, yamlErrorRef, type SourceRef } from '../scenario/index.js';
import { compileSchema, type SchemaError } from './ajv.js';
import schema from './profile.schema.json' with { type: 'json' };

/** A profile that cannot run: as a bad scenario file, the message names the file, the place and the problem. */
export class ProfileFileError extends ScenarioFileError {
  override name = 'ProfileFileError';
  constructor(at: SourceRef, problem: string) {
    super(at, problem, 'TC_ERR_FLEET_PROFILE');
  }
}

export type VerifyKind = 'pin' | 'finger' | 'card' | 'poorRead' | 'unknownCard';
export const VERIFY_KINDS: readonly VerifyKind[] = ['pin', 'finger', 'card', 'poorRead', 'unknownCard'];

/** A span of the run: `atMs` after the start, give or take `spreadMs` (uniformly). */
export interface Moment {
  atMs: number;
  spreadMs: number;
}

export interface DayWindow extends Moment {
  name: string;
  /** The share of each clock's employees who punch in this window. */
  share: number;
}

export interface Drop extends Moment {
  share: number;
  lengthMs: number;
  kind: 'internet' | 'cable';
}

export interface Reboot extends Moment {
  share: number;
  offMs: number;
}

export interface PortalChange {
  change: 'non-secure-off' | 'non-secure-on' | 'add-remove';
  employees: number;
  atMs: number;
  /** add-remove: how long the employees stay off their clocks before the fresh copy. */
  gapMs: number;
}

export interface FleetProfile {
  name: string;
  description?: string;
  file: string;
  /** The profile's text, so that shards can tell they ran the same one. */
  text: string;
  /** The clocks' local time at the start, as a naive UTC timestamp (ms). */
  start: number;
  durationMs?: number;
  employeesPerClock: number;
  /** Clocks power on spread over this long, as clocks switched on at different times are. */
  powerOnSpreadMs: number;
  cloudDelaySeconds?: number;
  day: DayWindow[];
  verify: Record<VerifyKind, number>;
  drops: Drop[];
  reboots: Reboot[];
  portal: PortalChange[];
}

/** The Monday a time of day without a date falls on. */
export const DEFAULT_DATE = '2026-03-02';

/** Compiled on first use: `timeclock run` loads this module too and must not pay for it at start. */
let validate: ReturnType<typeof compileSchema> | undefined;

export function loadProfile(file: string): FleetProfile {
  return parseProfile(readYamlText(file, ProfileFileError), file);
}

export function parseProfile(text: string, file: string): FleetProfile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const source = new Source(file, lines, text);
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new ProfileFileError(yamlErrorRef(file, yamlError), `not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  validate ??= compileSchema(schema);
  if (!validate(data)) throw schemaError(doc, source, validate.errors?.[0]);
  return readProfile(data as RawProfile, doc, source, text);
}

interface RawMoment {
  at: string;
  spread?: string;
}
interface RawProfile {
  name: string;
  description?: string;
  start: string;
  duration?: string;
  employeesPerClock?: number;
  powerOnSpread?: string;
  cloud?: { delay?: number };
  day: (RawMoment & { name?: string; share: number })[];
  verify?: Partial<Record<VerifyKind, number>>;
  drops?: (RawMoment & { share: number; length: string; kind?: Drop['kind'] })[];
  reboots?: (RawMoment & { share: number; off?: string })[];
  portal?: { change: PortalChange['change']; employees: number; at: string; gap?: string }[];
}

function readProfile(raw: RawProfile, doc: Document, source: Source, text: string): FleetProfile {
  const fail = (path: (string | number)[], problem: string): never => {
    throw new ProfileFileError(refOf(doc, source, path), problem);
  };
  const start = Date.parse(`${raw.start.includes('T') ? '' : `${DEFAULT_DATE}T`}${raw.start}Z`);
  const ms = (text: string | undefined, fallback = 0) => (text === undefined ? fallback : parseDuration(text)!);
  const offset = (when: string, path: (string | number)[]): number => {
    if (when.startsWith('+')) return ms(when.slice(1));
    const at = Date.parse(`${new Date(start).toISOString().slice(0, 10)}T${when}Z`);
    if (at < start) fail(path, `${when} is before the run starts (${raw.start}): write a later time or +<duration>`);
    return at - start;
  };
  const moment = (m: RawMoment, path: (string | number)[]): Moment => ({
    atMs: offset(m.at, [...path, 'at']),
    spreadMs: ms(m.spread),
  });
  const verify = Object.fromEntries(VERIFY_KINDS.map((k) => [k, raw.verify?.[k] ?? 0])) as Record<VerifyKind, number>;
  const total = VERIFY_KINDS.reduce((sum, k) => sum + verify[k], 0);
  if (raw.verify === undefined) verify.pin = 1;
  else if (Math.abs(total - 1) > 0.001) fail(['verify'], `the shares add up to ${+total.toFixed(3)}, not 1`);
  const profile: FleetProfile = {
    name: raw.name,
    file: source.file,
    text,
    start,
    employeesPerClock: raw.employeesPerClock ?? 10,
    powerOnSpreadMs: ms(raw.powerOnSpread, 10_000),
    day: raw.day.map((w, i) => ({ name: w.name ?? `window ${i + 1}`, share: w.share, ...moment(w, ['day', i]) })),
    verify,
    drops: (raw.drops ?? []).map((d, i) => ({
      share: d.share,
      lengthMs: ms(d.length),
      kind: d.kind ?? 'internet',
      ...moment(d, ['drops', i]),
    })),
    reboots: (raw.reboots ?? []).map((r, i) => ({
      share: r.share,
      offMs: ms(r.off, 30_000),
      ...moment(r, ['reboots', i]),
    })),
    portal: (raw.portal ?? []).map((p, i) => ({
      change: p.change,
      employees: p.employees,
      atMs: offset(p.at, ['portal', i, 'at']),
      gapMs: ms(p.gap, 60_000),
    })),
  };
  if (raw.description !== undefined) profile.description = raw.description;
  if (raw.duration !== undefined) profile.durationMs = ms(raw.duration);
  if (raw.cloud?.delay !== undefined) profile.cloudDelaySeconds = raw.cloud.delay;
  return profile;
}

/** `file:line:column (day[0].share): must be a share from 0 to 1`. */
function schemaError(doc: Document, source: Source, error: SchemaError | undefined): ProfileFileError {
  if (error === undefined) return new ProfileFileError({ file: source.file, path: '' }, 'not a valid profile');
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const extra = error.params.additionalProperty;
  if (error.keyword === 'additionalProperties' && typeof extra === 'string') {
    const allowed = Object.keys(propertiesAt(path)).join(', ');
    return new ProfileFileError(
      refOf(doc, source, [...path, extra], true),
      `unknown key "${extra}"; expected one of: ${allowed}`,
    );
  }
  const described = error.parentSchema?.description;
  const simple = ['type', 'pattern', 'minimum', 'maximum', 'minLength', 'enum'].includes(error.keyword);
  const problem =
    simple && described ? `expected ${described}` : (error.message ?? 'not valid').replace(/^must /, 'must ');
  return new ProfileFileError(refOf(doc, source, path), path.length === 0 ? `the profile ${problem}` : problem);
}

/** The properties the schema allows at a path of the document, for "expected one of". */
function propertiesAt(path: (string | number)[]): Record<string, unknown> {
  type Node = { properties?: Record<string, Node>; items?: Node; $ref?: string };
  let node = schema as Node;
  for (const segment of path) {
    const next: Node | undefined = typeof segment === 'number' ? node.items : node.properties?.[segment];
    if (next === undefined) return {};
    node = next;
  }
  return node.properties ?? {};
}

/** Where a path of the document is written (its key, when `atKey`), and the path as `day[0].share`. */
function refOf(doc: Document, source: Source, path: (string | number)[], atKey = false): SourceRef {
  const text = path.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc === '' ? s : `${acc}.${s}`),
    '',
  );
  let node: unknown = doc.getIn(path, true);
  if (atKey || node === undefined) {
    const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown } }[] } | undefined;
    const pair = parent?.items?.find((p) => p.key?.value === path.at(-1));
    node = pair?.key ?? parent ?? doc.contents;
  }
  return source.ref(node, text);
}
