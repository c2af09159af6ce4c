// The scenario model after loading: every field checked and normalised, every step knowing the file,
// line and column it came from. The runner and the journal work on these, never on raw YAML.
import type { ClockRole, Key } from '../../firmware/index.js';

/** Where a step or a field was written: for failures and reports. */
export interface SourceRef {
  file: string;
  /** 1-based; undefined for scenarios given as objects (no text to point into). */
  line?: number;
  column?: number;
  /** The field path inside the document, e.g. `steps[3].expect.screen`. */
  path: string;
}

/** A substring, or a regular expression written `/…/flags`. */
export type Pattern = { kind: 'text'; text: string } | { kind: 'regex'; source: string; flags: string };

export interface ClockSpec {
  serial: string;
  device: string;
  /** Minutes east of UTC of this clock's site. */
  timeZoneMinutes: number;
  /** The LAN protocol listener (SDKs: node-zklib, pyzk…) on 127.0.0.1, a free port, while the scenario runs. */
  lan?: boolean;
  at: SourceRef;
}

export type CloudSpec =
  | { kind: 'none' }
  /** Delay and ErrorDelay are the PUSH options the cloud hands the clocks (seconds). */
  | { kind: 'embedded'; delaySeconds?: number; errorDelaySeconds?: number }
  | { kind: 'url'; url: string };

export interface EmployeeSpec {
  employeeId: string;
  first: string;
  last: string;
  badge: string;
  nonSecure: boolean;
  role: ClockRole;
  /** Serial numbers; every clock of the scenario when the file does not say. */
  clocks: string[];
  card: string;
  password: string;
  /** Finger indexes 0–9 (6 is the right index). */
  fingers: number[];
  /** A PUSH verify mode that overrides non-secure (the portal only knows 0 and 6). */
  verifyMode?: number;
  at: SourceRef;
}

export type IconExpectation = 'ok' | 'offline' | 'red-dot' | 'x';

export interface PunchExpectation {
  badge?: string;
  state?: number;
  verify?: number;
  /** `HH:MM` or `YYYY-MM-DD HH:MM[:SS]` of device time. */
  time?: string;
}

export interface LogExpectation {
  msg: Pattern;
  level?: number;
  module?: string;
  /** Exactly this many lines; at least one when undefined. 0 says the line must not be there. */
  count?: number;
}

export interface CloudExpectation {
  punches?: number;
  /** Commands the cloud holds for the clock, by state, and lines it must (not) hold. */
  commands?: { queued?: number; sent?: number; done?: number; failed?: number; pending?: number };
  holds?: Pattern[];
  employee?: { badge: string; nonSecure?: boolean; role?: ClockRole; clocks?: string[] };
  /** Hours worked by the employee of a badge (the portal's timesheet rules), as h:mm, on a date or in its week. */
  hours?: { badge: string; date: string; day?: string; week?: string };
}

export interface Expectation {
  screen?: Pattern[];
  notScreen?: Pattern[];
  /** The frame's screen state, e.g. `idle`, `menu.about`. */
  state?: string;
  title?: Pattern;
  icons?: { network?: IconExpectation; cloud?: IconExpectation };
  leds?: { green?: boolean; red?: boolean };
  beep?: 'none' | 'ok' | 'error';
  punch?: PunchExpectation;
  punches?: number;
  user?: { badge: string; present: boolean; fingers?: number[]; verifyMode?: number };
  log?: LogExpectation[];
  cloud?: CloudExpectation;
  /** SDK clients of the clock's LAN listener (`lan: true`): connected now, connected so far. Waited for in real time. */
  lan?: { clients?: number; connections?: number };
  snapshot?: string;
}

export type FingerInput = { badge: string; fid: number } | { unknown: true };

/** How the menu helper verifies when the menu asks for an administrator. */
export type MenuLogin = { badge: string; password?: string } | { finger: FingerInput } | { card: string };

/** What an SDK client on the LAN asks (the `lan:` step): DISABLEDEVICE, ENABLEDEVICE, CMD_STARTENROLL. */
export type LanAsk = { kind: 'disable' } | { kind: 'enable' } | { kind: 'enroll'; badge: string; fid: number };

/** The clock's data volume in the `disk:` step: `ok` takes writes again. */
export type DiskState = 'ok' | 'full' | 'read-only' | 'failing';

export type CloudFault = 'drop-commands' | 'error-500' | 'timeout' | 'garbage' | 'reset';

export type PortalOp =
  | { kind: 'update'; badge: string; nonSecure?: boolean; role?: ClockRole; clocks?: string[]; newBadge?: string }
  | { kind: 'addRemove'; badge: string; clocks?: string[] }
  | { kind: 'add'; employee: EmployeeSpec };

export type Action =
  | { kind: 'keys'; digits: string }
  | { kind: 'press'; keys: Key[] }
  | { kind: 'finger'; finger: FingerInput; quality: 'good' | 'poor' }
  | { kind: 'card'; card: string }
  | { kind: 'network'; up: boolean }
  | { kind: 'cloud'; state: 'up' | 'down' | { fault: CloudFault; count: number | 'always' } }
  | { kind: 'advance'; ms: number; maxMs?: number }
  | { kind: 'wait'; until: Expectation; timeoutMs: number }
  | { kind: 'restart' }
  | { kind: 'expect'; expectation: Expectation }
  | { kind: 'sync'; timeoutMs: number }
  | { kind: 'portal'; op: PortalOp }
  | { kind: 'menu'; path: string[]; login?: MenuLogin }
  | { kind: 'lan'; ask: LanAsk }
  | { kind: 'disk'; state: DiskState };

export interface Step {
  action: Action;
  /** The clock acted on or looked at: a serial number of the scenario. */
  on: string;
  at: SourceRef;
  /** The `use:` lines this step was expanded from, outermost first. */
  via: SourceRef[];
  /** The step as written, one line, for reports. */
  text: string;
}

export interface Scenario {
  name: string;
  description?: string;
  file: string;
  /** Index of the YAML document in its file (several scenarios may share one file, split by `---`). */
  index: number;
  /** UTC ms the virtual time starts at. */
  startUtc: number;
  clocks: ClockSpec[];
  cloud: CloudSpec;
  employees: EmployeeSpec[];
  seed?: number;
  steps: Step[];
  at: SourceRef;
  /** The files merged in through `include:` (absolute paths), which `--watch` watches too. */
  includes: string[];
}
