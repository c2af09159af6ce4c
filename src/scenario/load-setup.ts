// The setup half of a scenario file: which clocks (model, serial number, local time and zone), which
// cloud, and which employees are seeded before the first step.
import { FINGER_NAMES, fingerIndex, parseTimestamp, type ClockRole } from '../../firmware/index.js';
import { isValidSerialNumber, listDeviceModels, loadDeviceModel, serialNumberFor } from '../devices/index.js';
import type { DeviceModel } from '../devices/index.js';
import { parseDuration } from './duration.js';
import { required, type Field } from './yaml-reader.js';
import type { ClockSpec, CloudSpec, EmployeeSpec } from './types.js';
import { codedError } from '../errors.js';

/** When nothing is said: two minutes before the morning shift of a Wednesday, at UTC. */
export const DEFAULT_TIME = '2026-11-25T07:58:00';

/** Verify modes by name, for `verify:` of an employee; the numbers (0–14) are accepted as well. */
export const VERIFY_MODE_BY_NAME: Readonly<Record<string, number>> = {
  any: 0,
  finger: 1,
  id: 2,
  password: 3,
  card: 4,
  'finger|password': 5,
  'finger|card': 6,
  'card|password': 7,
  'id+finger': 8,
  'finger+password': 9,
  'card+finger': 10,
  'card+password': 11,
  'finger+password+card': 12,
  'id+finger+password': 13,
  '(id|card)+finger': 14,
};

const ROLES: readonly ClockRole[] = ['user', 'manager', 'administrator'];
const CLOCK_KEYS = ['serial', 'device', 'time', 'timezone', 'lan'] as const;
const EMPLOYEE_KEYS = [
  'id',
  'first',
  'last',
  'badge',
  'nonSecure',
  'role',
  'clocks',
  'card',
  'fingers',
  'password',
  'verify',
] as const;

export const BADGE = /^[0-9]{1,24}$/;
export const CARD = /^[0-9]{1,10}$/;

export interface ClocksSetup {
  clocks: ClockSpec[];
  models: Map<string, DeviceModel>;
  startUtc: number;
}

/** `clock:` (one) or `clocks:` (several); all share one virtual time, each has its own zone. */
export function readClocks(
  root: Field,
  single: Field | undefined,
  several: Field | undefined,
  device: string,
): ClocksSetup {
  if (single && several) several.fail('give either "clock" (one clock) or "clocks" (a list), not both');
  const fields = several ? several.items('a list of clocks') : [single];
  if (fields.length === 0) several!.expected('at least one clock');
  const models = new Map<string, DeviceModel>();
  const clocks: ClockSpec[] = [];
  let startUtc: number | undefined;
  fields.forEach((field, index) => {
    const entries = field?.entries(CLOCK_KEYS, 'a clock') ?? new Map<string, Field>();
    const name = entries.get('device') ? entries.get('device')!.string() : device;
    const model = modelNamed(name, entries.get('device') ?? field);
    const serialField = entries.get('serial');
    const serial = serialField ? serialField.text('a serial number') : serialNumberFor(model, index + 1);
    if (!isValidSerialNumber(model, serial)) {
      serialField!.expected(`a serial number of the ${model.model} format ${model.serialNumberFormat}`);
    }
    if (models.has(serial)) serialField!.fail(`serial number ${serial} is given to two clocks`);
    const zoneField = entries.get('timezone');
    const timeZoneMinutes = zoneField ? zoneMinutes(zoneField) : 0;
    const timeField = entries.get('time');
    const local = timeField ? localTime(timeField) : parseTimestamp(DEFAULT_TIME)!;
    const utc = local - timeZoneMinutes * 60_000;
    if (startUtc === undefined) startUtc = utc;
    else if (timeField && utc !== startUtc) {
      timeField.fail(
        'the clocks of a scenario share one virtual time: this local time and zone is not the first clock’s',
      );
    }
    models.set(serial, model);
    const spec: ClockSpec = { serial, device: model.model, timeZoneMinutes, at: (field ?? root).ref };
    if (entries.get('lan')?.boolean() === true) spec.lan = true;
    clocks.push(spec);
  });
  return { clocks, models, startUtc: startUtc! };
}

export function modelNamed(name: string, field: Field | undefined): DeviceModel {
  try {
    return loadDeviceModel(name);
  } catch {
    const known = listDeviceModels().join(', ');
    if (field) field.expected(`a clock model from devices/ (${known})`);
    throw codedError('TC_ERR_DEVICE_UNKNOWN', `device "${name}" is not a clock model from devices/ (${known})`);
  }
}

function localTime(field: Field): number {
  const value = field.value;
  const parsed = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (parsed === undefined) field.expected('a local date and time such as "2026-11-25T07:58:00"');
  return parsed;
}

/** `-05:00`, `+05:30`, `Z`: minutes east of UTC. */
function zoneMinutes(field: Field): number {
  const value = field.value;
  if (value === 'Z' || value === 'UTC') return 0;
  const m = typeof value === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(value) : null;
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) field.expected('a UTC offset such as "-05:00", "+05:30" or "Z"');
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

export function readCloud(field: Field | undefined): CloudSpec {
  if (field === undefined) return { kind: 'none' };
  if (!field.isMap) return { kind: field.oneOf(['embedded', 'none'] as const) };
  const e = field.entries(
    ['url', 'embedded'],
    'a cloud: embedded, none, { url }, or { embedded: { delay, errorDelay } }',
  );
  if (e.size !== 1) field.fail('a cloud is either { url } or { embedded: { … } }');
  const url = e.get('url');
  if (url) {
    const text = url.string();
    if (!/^https?:\/\/[^\s/]+/.test(text)) url.expected('an http:// or https:// URL');
    return { kind: 'url', url: text };
  }
  const options = e.get('embedded')!;
  const spec: CloudSpec = { kind: 'embedded' };
  const o = options.entries(['delay', 'errorDelay'], 'the embedded cloud’s options');
  if (o.has('delay')) spec.delaySeconds = seconds(o.get('delay')!);
  if (o.has('errorDelay')) spec.errorDelaySeconds = seconds(o.get('errorDelay')!);
  return spec;
}

/** A PUSH delay: whole seconds, written as a duration (`2s`) or a number of seconds. */
function seconds(field: Field): number {
  const value = field.value;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined || ms < 1000 || ms % 1000 !== 0 || ms > 3_600_000) field.expected('whole seconds from 1s to 1h');
  return ms / 1000;
}

/** Employees as the portal holds them; `clocks` defaults to every clock of the scenario. */
export function readEmployees(lists: readonly Field[], clocks: readonly string[], embedded: boolean): EmployeeSpec[] {
  const seen = new Set<string>();
  // Several lists when set-ups are included: a badge given twice is an error wherever it is written.
  return lists
    .flatMap((list) => list.items('a list of employees'))
    .map((item) => {
      const employee = readEmployee(item, clocks, embedded);
      if (seen.has(employee.badge)) item.fail(`badge ${employee.badge} is given to two employees`);
      seen.add(employee.badge);
      return employee;
    });
}

/** `embedded`: the employee goes through the portal, which knows non-secure but not verify modes. */
export function readEmployee(field: Field, clocks: readonly string[], embedded: boolean): EmployeeSpec {
  const e = field.entries(EMPLOYEE_KEYS, 'an employee');
  const badge = required(e, 'badge', field, 'the badge number (PIN)').text('a badge number of 1-24 digits', BADGE);
  const first = required(e, 'first', field, 'the first name').text('a first name');
  const spec: EmployeeSpec = {
    employeeId: e.get('id')?.text('an employee ID') ?? `E${badge}`,
    first,
    last: e.get('last')?.text('a last name') ?? '',
    badge,
    nonSecure: e.get('nonSecure')?.boolean() ?? false,
    role: e.get('role')?.oneOf(ROLES) ?? 'user',
    clocks: e.has('clocks') ? serialList(e.get('clocks')!, clocks) : [...clocks],
    card: e.get('card')?.text('a decimal card number of up to 10 digits', CARD) ?? '',
    password: e.get('password')?.text('a password of digits', /^[0-9]{1,8}$/) ?? '',
    fingers: e.get('fingers')?.items('a list of fingers', true).map(fingerOf) ?? [],
    at: field.ref,
  };
  const verify = e.get('verify');
  if (verify && embedded) {
    verify.fail(
      'the embedded cloud’s portal sets non-secure on or off, not a verify mode: use nonSecure, or cloud: none',
    );
  }
  if (verify) spec.verifyMode = verifyMode(verify);
  return spec;
}

export function serialList(field: Field, clocks: readonly string[]): string[] {
  return field.items('a list of clock serial numbers', true).map((item) => {
    const serial = item.text('a serial number');
    if (!clocks.includes(serial)) item.expected(`a clock of this scenario (${clocks.join(', ')})`);
    return serial;
  });
}

/** `right-index` or a finger index 0–9. */
export function fingerOf(field: Field): number {
  const value = field.value;
  const index = typeof value === 'number' ? value : typeof value === 'string' ? fingerIndex(value) : undefined;
  if (index === undefined || !Number.isInteger(index) || index < 0 || index > 9) {
    field.expected(`a finger: ${FINGER_NAMES.join(', ')}, or 0-9`);
  }
  return index;
}

function verifyMode(field: Field): number {
  const value = field.value;
  if (typeof value === 'number') return field.integer(0, 14, 'a verify mode 0-14');
  const mode =
    typeof value === 'string' && Object.hasOwn(VERIFY_MODE_BY_NAME, value) ? VERIFY_MODE_BY_NAME[value] : undefined;
  if (mode === undefined) field.expected(`a verify mode: ${Object.keys(VERIFY_MODE_BY_NAME).join(', ')}, or 0-14`);
  return mode;
}
