// The clock's menu as data: what each role may open, the fields an administrator edits with the
// keypad, and how an edit becomes a setting. The machine walks it; the screen frame draws it.
import { ALL_KEYS, type DeviceModel, type Key } from './device.js';
import { type PunchStateRule } from './punches.js';
import type { ClockSettings } from './settings.js';
import { formatTimestamp, parseTimestamp, type LocalTime } from './time.js';
import type { ClockRole } from './users.js';

/** Who opened the menu: a verified user, or nobody while the clock has no Manager or Administrator. */
export interface Operator {
  pin: string | null;
  role: ClockRole;
}

export type MenuPage = 'users' | 'enrollUser' | 'settings' | 'about' | 'network' | 'punchRules' | 'edit';

export interface MenuItem {
  label: string;
  page: MenuPage;
}

const MAIN_ITEMS: Record<ClockRole, MenuItem[]> = {
  administrator: [
    { label: 'User management', page: 'users' },
    { label: 'Enroll fingerprint', page: 'enrollUser' },
    { label: 'Settings', page: 'settings' },
  ],
  manager: [{ label: 'Enroll fingerprint', page: 'enrollUser' }],
  user: [],
};

export function mainMenuItems(role: ClockRole, model: DeviceModel): MenuItem[] {
  return MAIN_ITEMS[role].filter((item) => item.page !== 'enrollUser' || model.readers.fingerprint);
}

/** The settings page's items, in the order its transitions pick them by index. */
export const SETTINGS_ITEMS: readonly string[] = [
  'Network',
  'Cloud server',
  'Date and time',
  'Punch rules',
  'About device',
];

export type EditField = 'ip' | 'netmask' | 'gateway' | 'cloudServer' | 'duplicateWindow' | 'dateTime' | 'commKey';

export const EDIT_FIELDS: Record<EditField, { label: string; returnTo: MenuPage; hint: string }> = {
  ip: { label: 'IP address', returnTo: 'network', hint: 'F1 = .' },
  netmask: { label: 'Netmask', returnTo: 'network', hint: 'F1 = .' },
  gateway: { label: 'Gateway', returnTo: 'network', hint: 'F1 = .' },
  cloudServer: { label: 'Cloud server', returnTo: 'settings', hint: 'F1 = .  F2 = :' },
  duplicateWindow: { label: 'Duplicate window (s)', returnTo: 'punchRules', hint: '0 = off' },
  dateTime: { label: 'Date and time', returnTo: 'settings', hint: 'YYYYMMDDHHMM' },
  commKey: { label: 'Comm key', returnTo: 'network', hint: '0 = none' },
};

export interface FieldEdit {
  field: EditField;
  text: string;
  error: string;
}

export function beginEdit(field: EditField, settings: ClockSettings, now: LocalTime): FieldEdit {
  const text: Record<EditField, string> = {
    ip: settings.ip,
    netmask: settings.netmask,
    gateway: settings.gateway,
    cloudServer: settings.cloudServer.replace(/^https?:\/\//, ''),
    duplicateWindow: String(settings.duplicateWindowSeconds),
    dateTime: formatTimestamp(now).replace(/[- :]/g, '').slice(0, 12),
    commKey: String(settings.commKey),
  };
  return { field, text: text[field], error: '' };
}

/** Digits append; F1 types a dot and F2 a colon where the field takes them; BACK erases. */
export function editKey(edit: FieldEdit, key: Key): FieldEdit {
  const limit = edit.field === 'cloudServer' ? 40 : 15;
  if (key === 'BACK') return { ...edit, text: edit.text.slice(0, -1), error: '' };
  const dotted = edit.field === 'ip' || edit.field === 'netmask' || edit.field === 'gateway';
  const char = /^[0-9]$/.test(key)
    ? key
    : key === 'F1' && (dotted || edit.field === 'cloudServer')
      ? '.'
      : key === 'F2' && edit.field === 'cloudServer'
        ? ':'
        : '';
  if (char === '' || edit.text.length >= limit) return edit;
  return { ...edit, text: edit.text + char, error: '' };
}

/** The settings with the edit applied, or the reason it cannot be. */
export function commitEdit(
  edit: FieldEdit,
  settings: ClockSettings,
  now: LocalTime,
): { settings: ClockSettings } | { error: string } {
  const text = edit.text;
  switch (edit.field) {
    case 'ip':
    case 'netmask':
    case 'gateway':
      return isIPv4(text) ? { settings: { ...settings, [edit.field]: text } } : { error: 'Not an IPv4 address' };
    case 'cloudServer': {
      if (text === '') return { settings: { ...settings, cloudServer: '' } };
      const m = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(text);
      if (!m || !isIPv4(m[1]!) || (m[2] !== undefined && Number(m[2]) > 65535)) return { error: 'Use IP or IP:port' };
      return { settings: { ...settings, cloudServer: `http://${text}` } };
    }
    case 'duplicateWindow': {
      const seconds = Number(text);
      if (text === '' || seconds > 86_400) return { error: '0 to 86400 seconds' };
      return { settings: { ...settings, duplicateWindowSeconds: seconds } };
    }
    case 'commKey': {
      // The SDKs send the key as a 32-bit number; ZKTeco's own tools accept six digits.
      if (!/^\d{1,6}$/.test(text)) return { error: '0 to 999999' };
      return { settings: { ...settings, commKey: Number(text) } };
    }
    case 'dateTime': {
      const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
      const target = m ? parseTimestamp(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:00`) : undefined;
      if (target === undefined) return { error: 'Not a date: YYYYMMDDHHMM' };
      return { settings: { ...settings, clockOffsetMs: settings.clockOffsetMs + (target - now) } };
    }
  }
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The punch-state rules the menu cycles through, the model's own first. */
export function punchRuleChoices(model: DeviceModel): PunchStateRule[] {
  const choices: PunchStateRule[] = [
    model.defaults.punchStateRule,
    { kind: 'toggle' },
    { kind: 'fixed', state: 0 },
    { kind: 'fixed', state: 1 },
    { kind: 'fixed', state: 255 },
  ];
  return choices.filter((rule, i) => choices.findIndex((r) => JSON.stringify(r) === JSON.stringify(rule)) === i);
}

export function nextPunchRule(model: DeviceModel, current: PunchStateRule): PunchStateRule {
  const choices = punchRuleChoices(model);
  const index = choices.findIndex((r) => JSON.stringify(r) === JSON.stringify(current));
  return choices[(index + 1) % choices.length]!;
}

/** The digit key's number, for picking the Nth item of a menu. */
export function digitOf(key: Key): number | undefined {
  return /^[0-9]$/.test(key) ? Number(key) : undefined;
}

export function isKey(value: string): value is Key {
  return (ALL_KEYS as readonly string[]).includes(value);
}
