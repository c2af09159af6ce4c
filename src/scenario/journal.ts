// The session journal: JSON lines, a header saying how the world was set up, then every input with
// the virtual time it came at and the screens that followed it. `timeclock replay` rebuilds the world
// from the header, feeds the inputs at their times and compares every screen.
import fs from 'node:fs';
import type { ClockInput, ClockSettings, Key, Punch, Template, User } from '../../firmware/index.js';
import type { CloudFault, DiskState, FingerInput, PortalOp, Scenario } from './types.js';
import { TimeclockError } from '../errors.js';

export const JOURNAL_VERSION = 1;

/** One input to the simulated world: the primitives every scenario step comes down to. */
export type Act =
  | { press: Key }
  | { finger: FingerInput; quality: 'good' | 'poor' }
  | { card: string }
  | { network: 'up' | 'down' }
  | { cloud: 'up' | 'down' }
  | { fault: CloudFault; count: number | 'always' }
  | { restart: true }
  | { portal: PortalOp }
  | { sync: 'idle'; timeoutMs: number }
  | { advance: number }
  /** The clock's data volume: writes fail as a full, read-only or failing disk's until `ok`. */
  | { disk: DiskState }
  /** A raw firmware input, as `timeclock run --record` sees them. */
  | { input: ClockInput };

/** What a scenario world is made of, without its steps. */
export type WorldSetup = Omit<Scenario, 'steps' | 'includes'>;

/** A clock as `timeclock run` found it when recording started. */
export interface ClockState {
  device: string;
  serial: string;
  settings: ClockSettings;
  users: User[];
  templates: Template[];
  punches: Punch[];
  /**
   * The network cable and the cloud as the firmware held them when recording began: a clock linked to a
   * cloud is online before its first input, and a replay without that cloud must start the same way.
   * Absent in journals written before this was recorded: plugged in, cloud offline.
   */
  link?: 'up' | 'down';
  cloud?: 'up' | 'down';
}

export type JournalHeader = { journal: 'timeclock-sim'; version: number; seed: number } & (
  { kind: 'scenario'; setup: WorldSetup } | { kind: 'clock'; startUtc: number; clock: ClockState }
);

export interface JournalEntry {
  /** Virtual ms since the session started, when the input came. */
  at: number;
  on: string;
  act: Act;
  /** Each clock's screen (frameText) once the input was handled. */
  frames: Record<string, string>;
}

export class JournalError extends TimeclockError<'TC_ERR_SCENARIO_JOURNAL'> {
  override name = 'JournalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('TC_ERR_SCENARIO_JOURNAL', message, options);
  }
}

/** Appends lines synchronously: a journal must hold every input up to a crash. */
export class JournalWriter {
  private readonly fd: number;

  constructor(
    readonly file: string,
    header: JournalHeader,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.line(header);
  }

  write(entry: JournalEntry): void {
    this.line(entry);
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private line(value: unknown): void {
    fs.writeSync(this.fd, `${JSON.stringify(value)}\n`);
  }
}

export interface Journal {
  header: JournalHeader;
  entries: (JournalEntry & { line: number })[];
}

export function readJournal(file: string): Journal {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new JournalError(`${file}: cannot read the journal: ${(error as Error).message}`);
  }
  const rows = text.split('\n').flatMap((raw, i) => (raw.trim() === '' ? [] : [{ raw, line: i + 1 }]));
  const parsed = rows.map(({ raw, line }) => {
    try {
      return { value: JSON.parse(raw) as unknown, line };
    } catch {
      throw new JournalError(`${file}:${line}: not a JSON line`);
    }
  });
  const [first, ...rest] = parsed;
  const header = first?.value as Partial<JournalHeader> | undefined;
  if (header?.journal !== 'timeclock-sim' || (header.kind !== 'scenario' && header.kind !== 'clock')) {
    throw new JournalError(`${file}:1: expected a timeclock-sim journal header`);
  }
  if (header.version !== JOURNAL_VERSION) {
    throw new JournalError(
      `${file}:1: journal version ${String(header.version)}; this timeclock reads ${JOURNAL_VERSION}`,
    );
  }
  const entries = rest.map(({ value, line }) => {
    const entry = value as Partial<JournalEntry>;
    if (
      typeof entry.at !== 'number' ||
      typeof entry.on !== 'string' ||
      typeof entry.act !== 'object' ||
      entry.act === null
    ) {
      throw new JournalError(`${file}:${line}: expected an entry { at, on, act, frames }`);
    }
    return { ...(entry as JournalEntry), frames: entry.frames ?? {}, line };
  });
  return { header: header as JournalHeader, entries };
}
