// Applying a parsed cloud command to the clock's ports and answering with the protocol's Return code;
// what the host must do next (uploads, reboot, enrollment) comes back as effects, never as I/O.
import { clearBiodata, deleteBiodata, queryBiodata, updateBiodata } from './command-biodata.js';
import { infoReply, setOptions } from './command-options.js';
import { deleteTemplate, deleteUser, enrollFinger, updateTemplate, updateUser } from './command-users.js';
import { failed, succeeded, type CloudCommand, type CommandLine, type CommandOutcome } from './commands.js';
import type { DeviceModel } from './device.js';
import type { ClockPorts } from './ports.js';
import type { ClockSettings } from './settings.js';
import { formatTimestamp, type LocalTime } from './time.js';
import type { Template, User } from './users.js';

export interface CommandContext {
  ports: ClockPorts;
  model: DeviceModel;
  /** The settings in force (saved ones, or the model's defaults before the first save). */
  settings: ClockSettings;
  now: LocalTime;
  serialNumber: string;
}

/** Applies one command atomically. Domain failures are Return codes; only a failing port throws. */
export function applyCommand(command: CloudCommand, ctx: CommandContext): CommandOutcome {
  return ctx.ports.transaction(() => applyInTransaction(command, ctx));
}

/**
 * Applies a command line once: an id already in the journal is answered again with its recorded
 * Return code and reply, and nothing is applied or done. The journal entry lands with the change.
 * `answered` is the command text the reply speaks for: the recorded one for an id seen before, so that
 * a server reusing an id for another command gets the first command's reply whole, not a mixture.
 */
export function executeCommandLine(
  line: CommandLine,
  ctx: CommandContext,
): { outcome: CommandOutcome; replayed: boolean; answered: string } {
  const { ports } = ctx;
  const earlier = ports.journal.find(line.id);
  if (earlier !== undefined) {
    const outcome = { returnCode: earlier.returnCode, reply: [...earlier.reply], effects: [] };
    return { outcome, replayed: true, answered: earlier.command };
  }
  const outcome = ports.transaction(() => {
    const result = applyInTransaction(line.command, ctx);
    const { returnCode, reply } = result;
    ports.journal.record({ id: line.id, command: line.text, returnCode, reply, appliedAt: ctx.now });
    return result;
  });
  return { outcome, replayed: false, answered: line.text };
}

function applyInTransaction(command: CloudCommand, ctx: CommandContext): CommandOutcome {
  const { ports } = ctx;
  switch (command.kind) {
    case 'update-user':
      return updateUser(command.user, ctx);
    case 'delete-user':
      return deleteUser(command.pin, ctx);
    case 'update-template':
      return updateTemplate(command.template, command.size, ctx);
    case 'delete-template':
      return deleteTemplate(command.pin, command.fid, ctx);
    case 'enroll-finger': {
      const { pin, fid, retries, overwrite } = command;
      return enrollFinger({ pin, fid, retries, overwrite }, ctx);
    }
    case 'update-biodata':
      return updateBiodata(command.record, ctx);
    case 'delete-biodata':
      return deleteBiodata(command.pin, command.type, command.no, ctx);
    case 'query-biodata':
      return queryBiodata(command.type, command.pin, command.no, ctx);
    case 'clear-biodata':
      return clearBiodata(ctx);
    case 'query-attlog':
      return succeeded({ kind: 'upload-punches', punches: ports.punches.between(command.from, command.to) });
    case 'query-userinfo':
      return queryUsers(command.pin, ctx);
    case 'clear-log':
      // Upload cursors stay: the logs never reuse a seq, so new records still lie beyond them.
      ports.punches.clear();
      ports.operations.clear();
      return succeeded();
    case 'clear-data':
      ports.users.clear();
      ports.templates.clear();
      ports.punches.clear();
      ports.operations.clear();
      return succeeded({ kind: 'users-changed' });
    case 'check':
      return succeeded({ kind: 'check' });
    case 'upload-new':
      // §12 says "check for new data and upload it now", the words it uses for TransTimes / TransInterval:
      // the scheduled upload, brought forward. TransFlag still says which tables it covers.
      return succeeded({ kind: 'upload-new' });
    case 'verify-attlog-sum':
      return verifyAttlogSum(command.from, command.to, ctx);
    case 'reload-options':
      return succeeded({ kind: 'reload-options' });
    case 'info':
      return infoReply(ctx);
    case 'reboot':
      return succeeded({ kind: 'reboot' });
    case 'set-option':
      return setOptions(command.options, ctx);
    case 'unsupported':
      return failed('notSupported');
    case 'malformed':
      return failed('parameterError');
  }
}

/**
 * The count of attendance records in [from, to], both ends included, as DATA QUERY ATTLOG reads them.
 * §12 names the reply's fields StartTime, EndTime and AttlogSum (the count: the protocol defines no
 * checksum); AttlogCount repeats it for servers derived from ZKTeco's own, which read that key.
 */
function verifyAttlogSum(from: LocalTime, to: LocalTime, ctx: CommandContext): CommandOutcome {
  const count = ctx.ports.punches.between(from, to).length;
  const reply = [
    `StartTime=${formatTimestamp(from)}`,
    `EndTime=${formatTimestamp(to)}`,
    `AttlogSum=${count}`,
    `AttlogCount=${count}`,
  ];
  return { ...succeeded(), reply };
}

/** One user (-10 when not on the clock) or all, each with their fingers, for the host to upload. */
function queryUsers(pin: string | undefined, ctx: CommandContext): CommandOutcome {
  const { users, templates } = ctx.ports;
  let found: User[];
  if (pin === undefined) {
    found = users.search('', 0, users.count());
  } else {
    const user = users.findByPin(pin);
    if (user === undefined) return failed('pinNotOnDevice');
    found = [user];
  }
  const fingers: Template[] = found.flatMap((user) => templates.listFor(user.pin));
  return succeeded({ kind: 'upload-users', users: found, templates: fingers });
}
