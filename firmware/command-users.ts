// The user-table commands (USERINFO, FINGERTMP, ENROLL_FP) applied to the ports, with the model's
// capacities and readers deciding the Return code. Callers run these inside one ports.transaction.
import type { CommandContext } from './command-apply.js';
import { failed, succeeded, type CommandOutcome } from './commands.js';
import { fingerKeyOfTemplate } from './fingers.js';
import type { Template, User } from './users.js';

export function updateUser(user: User, ctx: CommandContext): CommandOutcome {
  const { users } = ctx.ports;
  const existing = users.findByPin(user.pin);
  if (existing === undefined && users.count() >= ctx.model.capacity.users) return failed('capacityExceeded');
  const holder = user.card === '' ? undefined : users.findByCard(user.card);
  const movesCard = holder !== undefined && holder.pin !== user.pin;
  const addsCard = user.card !== '' && (existing?.card ?? '') === '' && !movesCard;
  // Card capacity is the reader's: a model without one keeps card numbers as data, so the user uploads back intact.
  if (addsCard && ctx.model.readers.proximity && users.countCards() >= ctx.model.capacity.cards) {
    return failed('capacityExceeded');
  }
  // One tag identifies one person: the cloud is the authority, so its latest holder takes it over.
  if (movesCard) users.put({ ...holder, card: '' });
  users.put(user);
  return succeeded({ kind: 'users-changed' });
}

/** Deleting a user that is not there succeeds: the portal's Add/Remove deletes before it re-sends. */
export function deleteUser(pin: string, ctx: CommandContext): CommandOutcome {
  const removedUser = ctx.ports.users.remove(pin);
  const removedTemplates = ctx.ports.templates.remove(pin);
  return removedUser || removedTemplates > 0 ? succeeded({ kind: 'users-changed' }) : succeeded();
}

export function updateTemplate(template: Template, size: number | undefined, ctx: CommandContext): CommandOutcome {
  if (!ctx.model.readers.fingerprint) return failed('inconsistentWithDevice');
  const problem = templateProblem(template.template, size);
  if (problem !== undefined) return failed(problem);
  // A template without its user could never identify anyone: the server must send USERINFO first.
  if (ctx.ports.users.findByPin(template.pin) === undefined) return failed('pinNotOnDevice');
  const { templates } = ctx.ports;
  const isNew = templates.find(template.pin, template.fid) === undefined;
  if (isNew && templates.count() >= ctx.model.capacity.fingerprints) return failed('capacityExceeded');
  templates.put(template);
  return succeeded({ kind: 'users-changed' });
}

/** -10 only when the PIN has neither a user nor a template; a finger already gone is success. */
export function deleteTemplate(pin: string, fid: number | undefined, ctx: CommandContext): CommandOutcome {
  if (!ctx.model.readers.fingerprint) return failed('inconsistentWithDevice');
  const { users, templates } = ctx.ports;
  if (users.findByPin(pin) === undefined && templates.listFor(pin).length === 0) return failed('pinNotOnDevice');
  const removed = templates.remove(pin, fid);
  return removed > 0 ? succeeded({ kind: 'users-changed' }) : succeeded();
}

/** Starts an enrollment on the screen; 0 means started, the three scans happen after the reply. */
export function enrollFinger(
  request: { pin: string; fid: number; retries: number; overwrite: boolean },
  ctx: CommandContext,
): CommandOutcome {
  if (!ctx.model.readers.fingerprint) return failed('inconsistentWithDevice');
  if (ctx.ports.users.findByPin(request.pin) === undefined) return failed('pinNotOnDevice');
  const { templates } = ctx.ports;
  const enrolled = templates.find(request.pin, request.fid) !== undefined;
  // The server asked not to replace this finger, and it is there: its parameters contradict the clock.
  if (enrolled && !request.overwrite) return failed('parameterError');
  if (!enrolled && templates.count() >= ctx.model.capacity.fingerprints) return failed('capacityExceeded');
  return succeeded({ kind: 'enroll-finger', ...request });
}

// base64 of `TCSIM1`, the start of every simulator template (fingers.ts).
const SIMULATOR_PREFIX = 'VENTSU0x';

/**
 * -11 when TMP is empty or not base64; -12 when it claims the simulator format but names no finger;
 * -9 when `Size` matches neither the base64 length (what clocks send) nor the decoded byte length
 * (what some servers send).
 */
function templateProblem(
  tmp: string,
  size: number | undefined,
): 'badTemplate' | 'damagedTemplate' | 'templateSizeMismatch' | undefined {
  const data = tmp.replace(/=+$/, '');
  if (data === '' || !/^[A-Za-z0-9+/]*$/.test(data) || data.length % 4 === 1 || tmp.length - data.length > 2) {
    return 'badTemplate';
  }
  if (tmp.startsWith(SIMULATOR_PREFIX) && fingerKeyOfTemplate(tmp) === undefined) return 'damagedTemplate';
  const bytes = Math.floor((data.length * 3) / 4);
  if (size !== undefined && size !== tmp.length && size !== bytes) return 'templateSizeMismatch';
  return undefined;
}
