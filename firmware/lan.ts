// What an SDK client on the LAN (port 4370) may change on the clock, as values, and how the firmware
// applies it: the same user-table rules as a cloud command, and an OPLOG record as a real clock writes.
import type { CommandContext } from './command-apply.js';
import { applyCommand } from './command-apply.js';
import type { NewOperation } from './ports.js';
import type { ClockSettings } from './settings.js';
import type { LocalTime } from './time.js';
import type { Template, User } from './users.js';

export type LanRequest =
  | { kind: 'put-user'; user: User }
  | { kind: 'delete-user'; pin: string }
  /** Users with their templates in one write (pyzk's save_user_template / HR_save_usertemplates). */
  | { kind: 'put-user-templates'; users: { user: User; templates: Template[] }[] }
  /** One finger's template (pyzk's delete_user_template). */
  | { kind: 'delete-template'; pin: string; fid: number }
  | { kind: 'clear-attendance' }
  | { kind: 'clear-data' }
  | { kind: 'set-time'; time: LocalTime }
  /** The SDKs' DISABLEDEVICE: the screen says it is busy and refuses punches until ENABLEDEVICE. */
  | { kind: 'disable' }
  | { kind: 'enable' }
  /** The door output (relay) for a while. */
  | { kind: 'unlock'; seconds: number }
  | { kind: 'test-voice'; index: number };

/** OPLOG codes of the LAN writes (docs/wire-formats.md §1; 30 also uploads the USER line). */
export const LAN_OP = {
  userEnrolled: 30,
  /** As a finger enrolled at the clock: `pin | finger | 0`. */
  fingerEnrolled: 6,
  userDeleted: 9,
  dataCleared: 13,
  timeSet: 21,
  attendanceCleared: 23,
} as const;

export interface LanResult {
  ok: boolean;
  /** Why a write was refused, for the host's log line; the client only sees ACK_ERROR. */
  problem?: string;
  operations: NewOperation[];
  /** New settings to save and put in force (set-time). */
  settings?: ClockSettings;
}

/** Applies one request; `admin` is '0' (the SDK has no operator on the clock). Never throws for bad input. */
export function applyLanRequest(request: LanRequest, ctx: CommandContext): LanResult {
  const op = (code: number, values: NewOperation['values']): NewOperation => ({
    op: code,
    admin: '0',
    time: ctx.now,
    values,
  });
  switch (request.kind) {
    case 'put-user': {
      const problem = putUser(request.user, ctx);
      if (problem !== undefined) return refused(problem);
      return { ok: true, operations: [op(LAN_OP.userEnrolled, [request.user.pin, 0, 0])] };
    }
    case 'put-user-templates':
      return putUserTemplates(request.users, ctx, op);
    case 'delete-user': {
      if (ctx.ports.users.findByPin(request.pin) === undefined) return refused(`no user ${request.pin}`);
      applyCommand({ kind: 'delete-user', pin: request.pin }, ctx);
      return { ok: true, operations: [op(LAN_OP.userDeleted, [request.pin, 0, 0])] };
    }
    case 'delete-template': {
      if (ctx.ports.templates.find(request.pin, request.fid) === undefined) {
        return refused(`no template ${request.fid} of user ${request.pin}`);
      }
      applyCommand({ kind: 'delete-template', pin: request.pin, fid: request.fid }, ctx);
      return { ok: true, operations: [] };
    }
    case 'clear-attendance':
      // Only the attendance log: the operation log is the cloud's, and it is told of the clearing.
      ctx.ports.punches.clear();
      return { ok: true, operations: [op(LAN_OP.attendanceCleared, [0, 0, 0])] };
    case 'clear-data':
      applyCommand({ kind: 'clear-data' }, ctx);
      return { ok: true, operations: [op(LAN_OP.dataCleared, [0, 0, 0])] };
    case 'set-time': {
      const settings = { ...ctx.settings, clockOffsetMs: ctx.settings.clockOffsetMs + (request.time - ctx.now) };
      return { ok: true, settings, operations: [{ ...op(LAN_OP.timeSet, [0, 0, 0]), time: request.time }] };
    }
    case 'disable':
    case 'enable':
    case 'unlock':
    case 'test-voice':
      return { ok: true, operations: [] };
  }
}

/** A user write by uid: one that another user holds is refused, not taken from them. Returns why it was refused. */
function putUser(user: User, ctx: CommandContext): string | undefined {
  const holder = user.uid === undefined ? undefined : ctx.ports.users.findByUid(user.uid);
  if (holder !== undefined && holder.pin !== user.pin)
    return `uid ${user.uid} is user ${holder.pin}'s, not ${user.pin}'s`;
  const outcome = applyCommand({ kind: 'update-user', user }, ctx);
  return outcome.returnCode === 0 ? undefined : `user table refused it (Return=${outcome.returnCode})`;
}

/**
 * Each user, then their templates, in order. What the batch asks is checked first (uids, fingers), so a
 * refusal found there writes nothing; one the tables give midway (full) keeps what was written before it,
 * with its OPLOG records, and names where it stopped.
 */
function putUserTemplates(
  users: { user: User; templates: Template[] }[],
  ctx: CommandContext,
  op: (code: number, values: NewOperation['values']) => NewOperation,
): LanResult {
  const uids = new Map<number, string>();
  for (const { user, templates } of users) {
    if (user.uid !== undefined && uids.has(user.uid)) return refused(`uid ${user.uid} twice in one upload`);
    if (user.uid !== undefined) uids.set(user.uid, user.pin);
    const holder = user.uid === undefined ? undefined : ctx.ports.users.findByUid(user.uid);
    if (holder !== undefined && holder.pin !== user.pin)
      return refused(`uid ${user.uid} is user ${holder.pin}'s, not ${user.pin}'s`);
    if (templates.length > 0 && !ctx.model.readers.fingerprint) return refused('this model has no fingerprint reader');
  }
  const operations: NewOperation[] = [];
  for (const { user, templates } of users) {
    const problem = putUser(user, ctx);
    if (problem !== undefined) return { ...refused(`user ${user.pin}: ${problem}`), operations };
    operations.push(op(LAN_OP.userEnrolled, [user.pin, 0, 0]));
    for (const template of templates) {
      const outcome = applyCommand({ kind: 'update-template', template }, ctx);
      if (outcome.returnCode !== 0) {
        return { ...refused(`finger ${template.fid} of user ${user.pin}: Return=${outcome.returnCode}`), operations };
      }
      operations.push(op(LAN_OP.fingerEnrolled, [user.pin, template.fid, 0]));
    }
  }
  return { ok: true, operations };
}

function refused(problem: string): LanResult {
  return { ok: false, problem, operations: [] };
}
