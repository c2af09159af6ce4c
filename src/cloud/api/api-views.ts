// What the JSON API shows of the cloud's records, and how it reads commands sent to it: passwords and
// template data never leave the cloud through the API (nor its logs), only that they exist.
import { parseCommandText } from '../../../firmware/index.js';
import { maskSecrets } from '../../log.js';
import { formatCommandText, formatPushTime, type PushCommand } from '../../protocol/index.js';
import type { CloudPunch, Employee, QueuedCommand } from '../types.js';
import { employeeIdentity, invalid, ok, type Result } from '../domain/index.js';

export function employeeView(e: Employee) {
  return {
    ...employeeIdentity(e),
    clocks: e.clocks,
    card: e.card,
    hasPassword: e.password !== '',
    templates: e.templates.map((t) => ({ fid: t.fid, valid: t.valid, size: t.template.length })),
    // Only an inactive employee says so: the answers of active ones stay as scripts know them.
    ...(e.inactiveClocks === undefined ? {} : { active: false, inactiveClocks: e.inactiveClocks }),
  };
}

export function commandView(c: QueuedCommand) {
  return {
    id: c.id,
    sn: c.sn,
    kind: c.command.kind,
    text: maskSecrets(commandLine(c.command)),
    state: c.state,
    returnCode: c.returnCode ?? null,
    note: c.note ?? null,
    reply: c.reply,
    createdAt: c.createdAt,
    sentAt: c.sentAt ?? null,
    sends: c.sends,
    finishedAt: c.finishedAt ?? null,
  };
}

export function punchView(p: CloudPunch) {
  return { ...p, timeText: formatPushTime(p.time) };
}

/**
 * A command from the API: `{ text }` as on the wire after `C:<id>:` (a text the clock would not take as
 * a command is queued as raw text, for dialect tests), or `{ command }` as a value, which must format
 * and parse back to the same kind.
 */
export function commandFromJson(input: unknown): Result<PushCommand> {
  if (typeof input !== 'object' || input === null) return invalid('the body must be {"text": …} or {"command": …}');
  const { text, command } = input as { text?: unknown; command?: unknown };
  if (typeof text === 'string') {
    if (text.trim() === '' || /[\r\n]/.test(text)) return invalid('text must be one non-empty line');
    const parsed = parseCommandText(text);
    return ok(parsed.kind === 'unsupported' || parsed.kind === 'malformed' ? { kind: 'raw', text } : parsed);
  }
  if (typeof command !== 'object' || command === null) return invalid('the body must have text or command');
  const kind = (command as { kind?: unknown }).kind;
  let wire: unknown;
  try {
    wire = formatCommandText(command as PushCommand);
  } catch {
    wire = undefined;
  }
  if (typeof wire !== 'string') return invalid(`command of kind ${String(kind)} cannot be formatted`);
  if (kind === 'raw') return ok({ kind: 'raw', text: wire });
  const parsed = parseCommandText(wire);
  if (parsed.kind !== kind)
    return invalid(`command of kind ${String(kind)} is not a valid command (${wire.slice(0, 60)})`);
  return ok(parsed as PushCommand);
}

/** The command's line after `C:<id>:`, secrets not masked (for reading it back), or `(kind)` when it cannot be formatted. */
export function commandLine(command: PushCommand): string {
  try {
    return formatCommandText(command);
  } catch {
    return `(${command.kind})`;
  }
}
