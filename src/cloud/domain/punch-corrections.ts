// Punch corrections by an administrator: a missed punch added, a punch's time or state corrected, a punch
// voided — each with a reason, each beside the clock's punch (never rewriting it). The rules are pure
// functions; PunchCorrections applies them to the store and tells one seam (recordChange) of every write.
import { formatTimestamp, parseTimestamp, type LocalTime } from '../../../firmware/index.js';
import type { CloudStore, CorrectionKind, PunchCorrection } from '../db/index.js';
import type { CloudPunch } from '../types.js';
import type { Actor } from './audit.js';
import { conflict, invalid, notFound, ok, type Result } from './validate.js';

export const REASON_MAX = 200;
/** The states a corrected or added punch may take: the ATTLOG's six, and 255 (none: it alternates). */
export const PUNCH_STATES: readonly number[] = [0, 1, 2, 3, 4, 5, 255];

/** What one write changed, for the audit log: the punch before (undefined when added) and after (undefined when voided). */
export interface ChangeRecord {
  actor: Actor;
  kind: 'punch.added' | 'punch.corrected' | 'punch.voided';
  before: EffectivePunch | undefined;
  after: EffectivePunch | undefined;
}

/** The one call every write makes, inside its transaction; the audit log plugs in here (cloud-parts.ts). */
export type RecordChange = (change: ChangeRecord) => void;

/** A punch as it stands: the clock's, corrected, or added; `void` when voided. */
export interface EffectivePunch {
  /** The clock punch's id, or minus the addition's id. */
  target: number;
  employeeId: string;
  time: LocalTime;
  status: number;
  mark: 'clock' | CorrectionKind;
}

export const actorText = (actor: Actor): string => `${actor.kind}:${actor.name}`;

/** The reason, trimmed: required, one line, at most REASON_MAX characters. */
export function checkReason(reason: string): Result<string> {
  const text = reason.trim();
  if (text === '') return invalid('a reason is required: say why the punch is changed', 'reason');
  if (text.length > REASON_MAX) return invalid(`the reason must be at most ${REASON_MAX} characters`, 'reason');
  if ([...text].some((c) => c < ' ' || c === '\u007f')) return invalid('the reason must be one line of text', 'reason');
  return ok(text);
}

/** A time as `YYYY-MM-DD HH:MM[:SS]` (clock local), as the pages and the API take it. */
export function checkPunchTime(text: string): Result<LocalTime> {
  const trimmed = text.trim().replace('T', ' ');
  const full = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(trimmed) ? `${trimmed}:00` : trimmed;
  const time = parseTimestamp(full);
  if (time === undefined) return invalid(`time must be a date and time as YYYY-MM-DD HH:MM, got “${text}”`, 'time');
  return ok(time);
}

export function checkPunchState(status: number): Result<number> {
  if (!PUNCH_STATES.includes(status)) {
    return invalid(`status must be one of ${PUNCH_STATES.join(', ')} (255: none), got ${status}`, 'status');
  }
  return ok(status);
}

/** The punch as it stands after its latest correction (the clock's punch when there is none). */
export function effectivePunch(punch: CloudPunch & { employeeId: string }, latest?: PunchCorrection): EffectivePunch {
  const base = { target: punch.id, employeeId: punch.employeeId };
  if (latest === undefined) return { ...base, time: punch.time, status: punch.status, mark: 'clock' };
  return latestPunch(latest);
}

/** A correction's punch: its time and state (a void one's, those it had when voided). */
export function latestPunch(latest: PunchCorrection): EffectivePunch {
  return {
    target: latest.target,
    employeeId: latest.employeeId,
    time: latest.time,
    status: latest.status,
    mark: latest.kind,
  };
}

/** `2026-11-24 08:00:00, check-in` style text of what a punch is, for messages. */
export const punchText = (p: { time: LocalTime; status: number }): string =>
  `${formatTimestamp(p.time)} (state ${p.status})`;

export interface CorrectionInput {
  time?: LocalTime;
  status?: number;
  reason: string;
}

/** The corrections as the HTTP faces reach them; every write goes through one `recordChange`. */
export class PunchCorrections {
  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    private readonly recordChange: RecordChange = () => {},
  ) {}

  /** A punch the clock never got: at `time` with `status`, for an employee who exists. */
  addMissed(actor: Actor, employeeId: string, input: Required<CorrectionInput>): Result<EffectivePunch> {
    const reason = checkReason(input.reason);
    if (!reason.ok) return reason;
    const status = checkPunchState(input.status);
    if (!status.ok) return status;
    if (this.store.employees.get(employeeId) === undefined) return notFound(`no employee with ID ${employeeId}`);
    return this.store.transaction(() => {
      const made = this.store.corrections.add({
        employeeId,
        kind: 'added',
        time: input.time,
        status: status.value,
        reason: reason.value,
        actor: actorText(actor),
        madeAt: this.now(),
      });
      const after = latestPunch(made);
      this.recordChange({ actor, kind: 'punch.added', before: undefined, after });
      return ok(after);
    });
  }

  /** A new time and/or state for a punch (a clock's, or one added); a voided punch so comes back. */
  correct(actor: Actor, target: number, input: CorrectionInput): Result<EffectivePunch> {
    const reason = checkReason(input.reason);
    if (!reason.ok) return reason;
    if (input.status !== undefined) {
      const status = checkPunchState(input.status);
      if (!status.ok) return status;
    }
    return this.store.transaction(() => {
      const before = this.current(target);
      if (before === undefined) return notFound(`no punch ${target} of an employee`);
      const time = input.time ?? before.time;
      const status = input.status ?? before.status;
      if (before.mark !== 'void' && time === before.time && status === before.status) {
        return invalid(`the punch is already ${punchText(before)}: change its time or state`, 'time');
      }
      const made = this.store.corrections.add({
        target,
        ...(target > 0 ? { punchId: target } : {}),
        employeeId: before.employeeId,
        kind: target > 0 ? 'corrected' : 'added',
        time,
        status,
        reason: reason.value,
        actor: actorText(actor),
        madeAt: this.now(),
      });
      const after = latestPunch(made);
      this.recordChange({ actor, kind: 'punch.corrected', before, after });
      return ok(after);
    });
  }

  /** The punch no longer counts: left out of timesheets, marked void in lists and exports. */
  void(actor: Actor, target: number, reasonText: string): Result<EffectivePunch> {
    const reason = checkReason(reasonText);
    if (!reason.ok) return reason;
    return this.store.transaction(() => {
      const before = this.current(target);
      if (before === undefined) return notFound(`no punch ${target} of an employee`);
      if (before.mark === 'void') return conflict(`punch ${target} is already void`);
      const made = this.store.corrections.add({
        target,
        ...(target > 0 ? { punchId: target } : {}),
        employeeId: before.employeeId,
        kind: 'void',
        time: before.time,
        status: before.status,
        reason: reason.value,
        actor: actorText(actor),
        madeAt: this.now(),
      });
      this.recordChange({ actor, kind: 'punch.voided', before, after: undefined });
      return ok(latestPunch(made));
    });
  }

  /** The latest correction of each punch given (a clock's or added), by target. */
  latestOf(targets: readonly number[]): Map<number, PunchCorrection> {
    return this.store.corrections.latest(targets);
  }

  /** Every correction of one punch, oldest first. */
  history(target: number): PunchCorrection[] {
    return this.store.corrections.history(target);
  }

  /** Punches added for an employee (or all), with their latest correction, in a time range. */
  added(q: { employeeId?: string | undefined; from?: number | undefined; to?: number | undefined }): PunchCorrection[] {
    return this.store.corrections.added(q);
  }

  /** A punch as it stands now (void included), or undefined when there is none or it has no employee. */
  current(target: number): EffectivePunch | undefined {
    const latest = this.store.corrections.latest([target]).get(target);
    if (target < 0) return latest === undefined ? undefined : latestPunch(latest);
    const punch = this.store.punches.get(target);
    if (punch?.employeeId === undefined) return undefined;
    return effectivePunch({ ...punch, employeeId: punch.employeeId }, latest);
  }
}
