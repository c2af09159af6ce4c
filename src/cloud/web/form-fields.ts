// Reading a posted form and checking it with the same checks as the API (validate.ts), but collecting a
// message for every field that fails rather than stopping at the first, worded for people.
import type { Result } from '../domain/index.js';

export type FieldErrors = Partial<Record<string, string>>;
export type FormBody = Record<string, string | string[] | undefined>;

/** The names people read on the page for the API's field names. */
const LABELS: Record<string, string> = {
  badge: 'Badge #',
  card: 'Card number',
  role: 'Clock Role',
  nonSecure: 'Non-secure',
  clocks: 'Clocks',
  employeeId: 'Employee ID',
  firstName: 'First name',
  lastName: 'Last name',
  fid: 'Finger',
  sn: 'Clock',
};

/** `badge must be 1–24 letters or digits` → `Badge # must be 1–24 letters or digits`. */
export function pageMessage(field: string, message: string): string {
  const label = LABELS[field];
  const worded = label !== undefined && message.startsWith(`${field} `) ? label + message.slice(field.length) : message;
  const onOffWorded = worded.replace('true or false', 'On or Off');
  return onOffWorded.charAt(0).toUpperCase() + onOffWorded.slice(1);
}

/** One text field of a form body; the first when it came more than once, '' when absent. */
export function textOf(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function listOf(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `on` / `off` from the Non-secure radio buttons; anything else is passed on for the check to refuse. */
export function onOff(value: string): boolean | string | undefined {
  return value === 'on' ? true : value === 'off' ? false : value === '' ? undefined : value;
}

/**
 * Runs `check` until it passes, each time setting the field that failed to a known-good `fallback`, so
 * that every failing field gets its message. A failure that names no field ends the loop under `form`.
 */
export function everyProblem<T>(
  check: (input: Record<string, unknown>) => Result<T>,
  input: Record<string, unknown>,
  fallbacks: Record<string, unknown>,
): { value: T; errors: FieldErrors } | { value?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let current = { ...input };
  for (let round = 0; round <= Object.keys(fallbacks).length; round++) {
    const result = check(current);
    if (result.ok) return Object.keys(errors).length === 0 ? { value: result.value, errors } : { errors };
    const field = result.problem.field;
    if (field === undefined || !(field in fallbacks) || errors[field] !== undefined) {
      errors[field ?? 'form'] ??= pageMessage(field ?? '', result.problem.message);
      return { errors };
    }
    errors[field] = pageMessage(field, result.problem.message);
    current = { ...current, [field]: fallbacks[field] };
  }
  return { errors };
}
