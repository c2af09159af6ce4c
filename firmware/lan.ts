// What an SDK client on the LAN (port 4370) may change on the clock, as values, and how the firmware
// applies it: the same user-table rules as a cloud command, and an OPLOG record as a real clock writes.
import type { CommandContext } from './command-apply.js';
import { applyCommand } from './command-apply.js';
import type { NewOperation } from './ports.js';
import type { ClockSettings } from './settings.js';
import type { LocalTime } from './time.js';
import type { User } from './users.js';

export type LanRequest =
  | { kind: 'put-user'; user: User }
  | { kind: 'delete-user'; pin: string }
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
      // An SDK addresses users by uid: one that another user holds is refused, not taken from them.
      const uid = request.user.uid;
      const holder = uid === undefined ? undefined : ctx.ports.users.findByUid(uid);
      if (holder !== undefined && holder.pin !== request.user.pin) {
        return refused(`uid ${uid} is user ${holder.pin}'s, not ${request.user.pin}'s`);
      }
      const outcome = applyCommand({ kind: 'update-user', user: request.user }, ctx);
      if (outcome.returnCode !== 0) return refused(`user table refused it (Return=${outcome.returnCode})`);
      return { ok: true, operations: [op(LAN_OP.userEnrolled, [request.user.pin, 0, 0])] };
    }
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

function refused(problem: string): LanResult {
  return { ok: false, problem, operations: [] };
}
