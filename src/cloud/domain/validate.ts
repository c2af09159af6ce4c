// Checks of what the portal receives (JSON from the API or values from scripts): each failure names the
// field and what it must be, as an `invalid` problem rather than an exception.
import { isValidPin, type ClockRole, type Template } from '../../../firmware/index.js';
import type { ClocksSection, NewEmployee } from '../types.js';

/** `field` names the input that failed (`badge`, `lastName`…), so a form can show the message beside it. */
export type Problem = { kind: 'invalid' | 'not-found' | 'conflict'; message: string; field?: string };
export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const invalid = (message: string, field?: string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: field === undefined ? { kind: 'invalid', message } : { kind: 'invalid', message, field },
});
export const notFound = (message: string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { kind: 'not-found', message },
});
export const conflict = (message: string, field?: string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: field === undefined ? { kind: 'conflict', message } : { kind: 'conflict', message, field },
});

const ROLES: readonly ClockRole[] = ['user', 'manager', 'administrator'];

/** The fields of a Clocks section, checked; undefined fields are left as they are. */
export function checkClocksSection(input: unknown): Result<ClocksSection> {
  if (!isObject(input)) return invalid('the Clocks section must be a JSON object');
  const out: ClocksSection = {};
  const { badge, nonSecure, role, clocks, card } = input;
  if (badge !== undefined) {
    if (typeof badge !== 'string' || !isValidPin(badge))
      return invalid('badge must be 1–24 letters or digits', 'badge');
    out.badge = badge;
  }
  if (nonSecure !== undefined) {
    if (typeof nonSecure !== 'boolean') return invalid('nonSecure must be true or false', 'nonSecure');
    out.nonSecure = nonSecure;
  }
  if (role !== undefined) {
    if (!ROLES.includes(role as ClockRole)) return invalid(`role must be one of ${ROLES.join(', ')}`, 'role');
    out.role = role as ClockRole;
  }
  if (card !== undefined) {
    if (!isCardNumber(card)) return invalid(CARD_MESSAGE, 'card');
    out.card = card;
  }
  if (clocks !== undefined) {
    const list = checkClockList(clocks);
    if (!list.ok) return list;
    out.clocks = list.value;
  }
  return ok(out);
}

export function checkClockList(clocks: unknown): Result<string[]> {
  if (!Array.isArray(clocks) || clocks.some((sn) => typeof sn !== 'string' || !isSerialNumber(sn))) {
    return invalid('clocks must be a list of serial numbers (1–32 letters, digits, - or _)', 'clocks');
  }
  return ok([...new Set(clocks as string[])].sort());
}

export function checkNewEmployee(input: unknown): Result<NewEmployee> {
  if (!isObject(input)) return invalid('the employee must be a JSON object');
  const section = checkClocksSection(input);
  if (!section.ok) return section;
  const { employeeId, firstName = '', lastName, card = '', password = '', templates = [] } = input;
  if (typeof employeeId !== 'string' || !/^[0-9A-Za-z_-]{1,32}$/.test(employeeId)) {
    return invalid('employeeId must be 1–32 letters, digits, - or _', 'employeeId');
  }
  if (typeof firstName !== 'string' || firstName.length > 64)
    return invalid('firstName must be text up to 64 characters', 'firstName');
  if (typeof lastName !== 'string' || lastName.trim() === '' || lastName.length > 64) {
    return invalid('lastName must be text of 1 to 64 characters', 'lastName');
  }
  if (section.value.badge === undefined) return invalid('badge is required', 'badge');
  if (!isCardNumber(card)) return invalid(CARD_MESSAGE, 'card');
  if (typeof password !== 'string' || !/^\d{0,8}$/.test(password))
    return invalid('password must be up to 8 digits', 'password');
  const checked = checkTemplates(templates, section.value.badge);
  if (!checked.ok) return checked;
  return ok({
    ...section.value,
    employeeId,
    firstName,
    lastName,
    badge: section.value.badge,
    card,
    password,
    templates: checked.value,
  });
}

export function checkTemplates(input: unknown, pin: string): Result<Template[]> {
  if (!Array.isArray(input)) return invalid('templates must be a list', 'templates');
  const out: Template[] = [];
  for (const [i, t] of input.entries()) {
    if (!isObject(t) || !Number.isInteger(t.fid) || (t.fid as number) < 0 || (t.fid as number) > 9) {
      return invalid(`templates[${i}].fid must be a finger index from 0 to 9`, 'templates');
    }
    if (typeof t.template !== 'string' || !isTemplateText(t.template)) {
      return invalid(`templates[${i}].template must be base64`, 'templates');
    }
    // One template per finger: a clock holds one per finger index, and so does the portal.
    const twin = out.findIndex((o) => o.fid === t.fid);
    if (twin >= 0) return invalid(`templates[${i}].fid ${String(t.fid)} is already templates[${twin}]: one per finger`);
    out.push({ pin, fid: t.fid as number, valid: t.valid !== false, template: t.template });
  }
  return ok(out);
}

const CARD_MESSAGE = 'card must be a decimal card number up to 4294967295, or empty';

/** A 125 kHz card's number as the clock keeps it (lower 32 bits, decimal), or '' for none. */
export function isCardNumber(card: unknown): card is string {
  return typeof card === 'string' && /^(|[1-9]\d{0,9})$/.test(card) && Number(card) <= 0xffffffff;
}

/** Non-empty base64: what any template format travels as. */
export function isTemplateText(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

export function isSerialNumber(sn: string): boolean {
  return /^[0-9A-Za-z_-]{1,32}$/.test(sn);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
