// Punch records and punch state: what the clock writes when an employee is identified.
import { minuteOfDay, startOfDay, type LocalTime } from './time.js';

/** PUSH attendance status: 0 check-in … 5 overtime-out; 255 when no state applies. */
export type PunchState = 0 | 1 | 2 | 3 | 4 | 5 | 255;

export const PUNCH_STATE_LABELS: Record<PunchState, string> = {
  0: 'Check In',
  1: 'Check Out',
  2: 'Break Out',
  3: 'Break In',
  4: 'OT In',
  5: 'OT Out',
  255: 'Punch',
};

/** Names used in scenarios and device files. */
export const PUNCH_STATE_NAMES: Record<string, PunchState> = {
  in: 0,
  out: 1,
  'break-out': 2,
  'break-in': 3,
  'overtime-in': 4,
  'overtime-out': 5,
  none: 255,
};

/** The state keys F1..F4 choose in / out / break-out / break-in. */
export const STATE_KEYS: Record<string, PunchState> = { F1: 0, F2: 1, F3: 2, F4: 3 };

/** How the clock picks a state when no key was pressed (a clock model's default, changeable in the menu). */
export type PunchStateRule =
  | { kind: 'fixed'; state: PunchState }
  /** in when the user's last punch today was an out (or there was none), else out */
  | { kind: 'toggle' }
  /** by time of day: the last slot whose `from` (HH:MM) has passed */
  | { kind: 'schedule'; slots: { from: string; state: PunchState }[] };

/** Verify type as recorded in ATTLOG: 0 password / ID, 1 fingerprint, 4 card, 15 face. */
export type VerifyType = 0 | 1 | 4 | 15;

export interface Punch {
  /** Position in the log, from 1; the upload cursor counts these. */
  seq: number;
  pin: string;
  time: LocalTime;
  state: PunchState;
  verify: VerifyType;
  workCode: number;
}

export type NewPunch = Omit<Punch, 'seq'>;

export function defaultPunchState(rule: PunchStateRule, now: LocalTime, last: Punch | undefined): PunchState {
  switch (rule.kind) {
    case 'fixed':
      return rule.state;
    case 'toggle': {
      const punchedInToday = last !== undefined && last.time >= startOfDay(now) && isInState(last.state);
      return punchedInToday ? 1 : 0;
    }
    case 'schedule': {
      // The slot that began last before now, whatever order the slots are listed in.
      const minute = minuteOfDay(now);
      let best: { from: number; state: PunchState } | undefined;
      for (const slot of rule.slots) {
        const from = minutesOf(slot.from);
        if (from <= minute && (best === undefined || from >= best.from)) best = { from, state: slot.state };
      }
      return best?.state ?? 255;
    }
  }
}

/**
 * True when a second punch at `now` falls inside the duplicate window of the user's last punch.
 * The window does not cover the same-second rule: see `isSameSecondPunch`.
 */
export function isDuplicatePunch(last: Punch | undefined, now: LocalTime, windowSeconds: number): boolean {
  if (last === undefined || windowSeconds <= 0) return false;
  const elapsed = now - last.time;
  return elapsed >= 0 && elapsed < windowSeconds * 1000;
}

/**
 * True when the user already has a punch in the same second of device time as `now`, whatever the
 * duplicate window (0 included). ATTLOG carries time to the second and servers key a punch by serial
 * number + PIN + time, so a second record in that second would be merged by the cloud while the clock
 * counted two: the clock answers it "Already punched" and records nothing.
 * `punchedIn` asks the log whether a user has a punch in a span of time (one indexed second of one
 * user). It is asked whenever the user's last punch is not in this second: after the RTC was set back, an
 * older punch of the user may be in it although a later-recorded one is not (the crash test found two
 * such records).
 */
export function isSameSecondPunch(
  last: Punch | undefined,
  now: LocalTime,
  punchedIn: (pin: string, from: LocalTime, to: LocalTime) => boolean,
): boolean {
  if (last === undefined) return false;
  const from = now - (((now % 1000) + 1000) % 1000);
  const to = from + 999;
  if (last.time >= from && last.time <= to) return true;
  return punchedIn(last.pin, from, to);
}

function isInState(state: PunchState): boolean {
  return state === 0 || state === 3 || state === 4;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The label the idle screen shows for a rule at a time of day. */
export function punchRuleLabel(rule: PunchStateRule, now: LocalTime): string {
  if (rule.kind === 'toggle') return 'In / Out (auto)';
  return PUNCH_STATE_LABELS[defaultPunchState(rule, now, undefined)];
}
