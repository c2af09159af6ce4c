// The clock machine's context: what it remembers between events, and how it is first made.
import type { DeviceModel } from './device.js';
import type { Enrollment } from './enroll.js';
import type { Outcome, Verdict, VerifySession } from './identify.js';
import type { FieldEdit, Operator } from './menu.js';
import { emptyMultiTap, type MultiTap } from './multitap.js';
import type { PunchState } from './punches.js';
import { defaultSettings, type ClockSettings } from './settings.js';
import type { LocalTime } from './time.js';
import type { StoreFault } from './store-faults.js';
import type { User } from './users.js';

/** What the machine starts from: plain data. The store is given apart, with clockMachineOn(store). */
export interface ClockInputData {
  model: DeviceModel;
  serialNumber: string;
  macAddress: string;
  /** The RTC at power-on. */
  now: LocalTime;
  /** The settings saved in the store, if any were (the model's defaults fill what they lack). */
  saved?: ClockSettings;
}

/** One row of the menu's user list. */
export interface UserRow {
  pin: string;
  name: string;
}

/** What the user detail page shows, read when it opens. */
export interface UserDetail {
  user: User;
  fingers: number[];
}

export interface MenuState {
  operator: Operator;
  /** Highlighted row of the list on screen. */
  cursor: number;
  /** What was typed: an ID or name search on the user list, the PIN to enroll. */
  query: string;
  /** The user list searches by ID (digits) or by name (letters by multi-tap, F1 switches). */
  search: 'id' | 'name';
  tap: MultiTap;
  selectedPin: string;
  /** The page of the user list on screen, and how many users the clock holds. */
  rows: UserRow[];
  total: number;
  detail: UserDetail | null;
  /** The user just deleted on the list page, whose removal may not be written yet. */
  removed: string;
  enrollment: Enrollment | null;
  edit: FieldEdit | null;
  /** A one-line notice shown on the current page (saved, deleted, not allowed…). */
  notice: string;
  /** Counts shown under About device, read when it opens. */
  counts: { users: number; fingerprints: number; cards: number; punches: number };
  /** Opened by the cloud (ENROLL_FP): leaves to idle rather than to the main menu. */
  remote: boolean;
}

/** What the host's cloud link last told the clock (the `cloud.linked` event); shown under Settings > Cloud server. */
export interface CloudLinkInfo {
  server: string;
  /** Null until a server answered the handshake. */
  attendanceUpload: boolean | null;
}

/** Plain data only: a snapshot goes through JSON.stringify and back. */
export interface ClockContext {
  model: DeviceModel;
  serialNumber: string;
  macAddress: string;
  settings: ClockSettings;
  now: LocalTime;
  /** What the identification in progress is for. */
  purpose: 'punch' | 'menu';
  /** Digits typed on the keypad for an ID or a password. */
  entry: string;
  /** The state key (F1–F4) pressed for the next punch. */
  chosenState: PunchState | null;
  verdict: Verdict | null;
  session: VerifySession | null;
  /** What the result screen shows, or the notice on the second-factor screen. */
  outcome: Outcome | null;
  /** Consecutive failed identifications; enough of them lock ID entry. */
  failures: number;
  lockedUntil: LocalTime;
  menu: MenuState;
  /** Null until the host's cloud link says where it talks to; gone with a restart until it says again. */
  cloudLink: CloudLinkInfo | null;
  /** The store's last write failed (full, read-only): the idle screen says so until a punch is stored. */
  storeFault: StoreFault | null;
}

export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 60;

export function closedMenu(): MenuState {
  return {
    operator: { pin: null, role: 'user' },
    cursor: 0,
    query: '',
    search: 'id',
    tap: emptyMultiTap(),
    selectedPin: '',
    rows: [],
    total: 0,
    detail: null,
    removed: '',
    enrollment: null,
    edit: null,
    notice: '',
    counts: { users: 0, fingerprints: 0, cards: 0, punches: 0 },
    remote: false,
  };
}

export function initialContext(input: ClockInputData): ClockContext {
  const { saved } = input;
  return {
    model: input.model,
    serialNumber: input.serialNumber,
    macAddress: input.macAddress,
    // Saved settings over the model's defaults: a setting added since they were saved takes its default.
    settings: { ...defaultSettings(input.model), ...saved },
    now: input.now,
    purpose: 'punch',
    entry: '',
    chosenState: null,
    verdict: null,
    session: null,
    outcome: null,
    failures: 0,
    // A lock outlives a restart: the time left is still to wait.
    lockedUntil: saved?.keypadLockedUntil ?? 0,
    menu: closedMenu(),
    cloudLink: null,
    storeFault: null,
  };
}
