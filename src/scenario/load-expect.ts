// Expectations: what must be true of the screen, the clock's records, its log and the cloud. The same
// reader serves `expect:` and the condition of `wait:`.
import { PUNCH_STATE_NAMES, parseTimestamp } from '../../firmware/index.js';
import { parsePattern } from './pattern.js';
import { BADGE, fingerOf, serialList } from './load-setup.js';
import { required, type Field } from './yaml-reader.js';
import type { CloudExpectation, Expectation, IconExpectation, LogExpectation, Pattern } from './types.js';

export const EXPECT_KEYS = [
  'screen',
  'notScreen',
  'state',
  'title',
  'icons',
  'leds',
  'beep',
  'punch',
  'punches',
  'user',
  'log',
  'cloud',
  'lan',
  'snapshot',
] as const;

/** Verify as recorded in a punch, by the name QA uses. */
export const VERIFY_TYPE_BY_NAME: Readonly<Record<string, number>> = {
  pin: 0,
  id: 0,
  password: 0,
  finger: 1,
  fingerprint: 1,
  card: 4,
  face: 15,
};

const LEVELS: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
const ICONS: readonly IconExpectation[] = ['ok', 'offline', 'red-dot', 'x'];

export interface ExpectContext {
  clocks: readonly string[];
  /** False with `cloud: none`: cloud expectations cannot be checked then. */
  hasCloud: boolean;
  cloudIsEmbedded: boolean;
  /** Serial numbers of the clocks with `lan: true`. */
  lanClocks: readonly string[];
}

export function readExpectation(field: Field, context: ExpectContext, extra: readonly string[] = []): Expectation {
  const e = field.entries([...EXPECT_KEYS, ...extra], 'an expectation');
  const out: Expectation = {};
  for (const [key, value] of e) {
    if (extra.includes(key)) continue;
    readOne(key as (typeof EXPECT_KEYS)[number], value, out, context);
  }
  if (Object.keys(out).length === 0) field.expected(`at least one of: ${EXPECT_KEYS.join(', ')}`);
  return out;
}

function readOne(key: (typeof EXPECT_KEYS)[number], f: Field, out: Expectation, context: ExpectContext): void {
  switch (key) {
    case 'screen':
      out.screen = patterns(f);
      return;
    case 'notScreen':
      out.notScreen = patterns(f);
      return;
    case 'state':
      out.state = f.text('a screen state such as idle, result or menu.about', /^[a-zA-Z]+(\.[a-zA-Z]+)?$/);
      return;
    case 'title':
      out.title = pattern(f);
      return;
    case 'icons': {
      const icons = f.entries(['network', 'cloud'], 'the online icons');
      out.icons = {};
      if (icons.has('network')) out.icons.network = icons.get('network')!.oneOf(ICONS);
      if (icons.has('cloud')) out.icons.cloud = icons.get('cloud')!.oneOf(ICONS);
      return;
    }
    case 'leds': {
      const leds = f.entries(['green', 'red'], 'the LEDs');
      out.leds = {};
      if (leds.has('green')) out.leds.green = leds.get('green')!.boolean();
      if (leds.has('red')) out.leds.red = leds.get('red')!.boolean();
      return;
    }
    case 'beep':
      out.beep = f.oneOf(['none', 'ok', 'error'] as const);
      return;
    case 'punch': {
      const p = f.entries(['badge', 'state', 'verify', 'time'], 'a punch');
      out.punch = {};
      if (p.has('badge')) out.punch.badge = p.get('badge')!.text('a badge number', BADGE);
      if (p.has('state')) out.punch.state = PUNCH_STATE_NAMES[p.get('state')!.oneOf(Object.keys(PUNCH_STATE_NAMES))];
      if (p.has('verify'))
        out.punch.verify = VERIFY_TYPE_BY_NAME[p.get('verify')!.oneOf(Object.keys(VERIFY_TYPE_BY_NAME))];
      if (p.has('time')) out.punch.time = punchTime(p.get('time')!);
      return;
    }
    case 'punches':
      out.punches = f.integer(0, 10_000_000, 'a number of punches');
      return;
    case 'user': {
      const u = f.entries(['badge', 'present', 'fingers', 'verify'], 'a user of the clock');
      const badge = required(u, 'badge', f, 'the badge number').text('a badge number', BADGE);
      out.user = { badge, present: u.get('present')?.boolean() ?? true };
      if (u.has('fingers')) out.user.fingers = u.get('fingers')!.items('a list of fingers', true).map(fingerOf);
      if (u.has('verify')) out.user.verifyMode = u.get('verify')!.integer(-1, 14, 'a verify mode -1 to 14');
      return;
    }
    case 'log':
      out.log = f.items('a log expectation', true).map(logExpectation);
      return;
    case 'cloud':
      if (!context.hasCloud) f.fail('expect cloud needs a cloud: this scenario has cloud: none');
      out.cloud = cloudExpectation(f, context);
      return;
    case 'lan': {
      if (context.lanClocks.length === 0) f.fail('expect lan needs a clock with lan: true');
      const l = f.entries(['clients', 'connections'], 'a LAN expectation');
      if (l.size === 0) f.expected('clients (connected now) or connections (connected so far)');
      out.lan = {};
      for (const [key, value] of l) out.lan[key as 'clients'] = value.integer(0, 1_000_000, 'a number of SDK clients');
      return;
    }
    case 'snapshot':
      out.snapshot = f.text('a snapshot name', /^[\w .-]{1,80}$/);
      return;
  }
}

export function pattern(f: Field): Pattern {
  const parsed = parsePattern(f.text('a text or a /regular expression/'));
  if ('error' in parsed) f.fail(`bad regular expression: ${parsed.error}`);
  return parsed;
}

function patterns(f: Field): Pattern[] {
  return f.items('a text, a /regular expression/, or a list of them', true).map(pattern);
}

function punchTime(f: Field): string {
  const text = f.text('a time HH:MM or YYYY-MM-DD HH:MM[:SS]');
  if (/^\d{2}:\d{2}(:\d{2})?$/.test(text) || parseTimestamp(text) !== undefined) return text;
  return f.expected('a time HH:MM or YYYY-MM-DD HH:MM[:SS]');
}

function logExpectation(f: Field): LogExpectation {
  if (!f.isMap) return { msg: pattern(f) };
  const l = f.entries(['msg', 'level', 'module', 'count'], 'a log expectation');
  const out: LogExpectation = { msg: pattern(required(l, 'msg', f, 'the message, a text or /regex/')) };
  if (l.has('level')) out.level = LEVELS[l.get('level')!.oneOf(Object.keys(LEVELS))];
  if (l.has('module')) out.module = l.get('module')!.text('a module name');
  if (l.has('count')) out.count = l.get('count')!.integer(0, 1_000_000, 'a number of lines');
  return out;
}

function cloudExpectation(f: Field, context: ExpectContext): CloudExpectation {
  const c = f.entries(['punches', 'commands', 'holds', 'employee', 'hours'], 'a cloud expectation');
  if (!context.cloudIsEmbedded) f.fail('expect cloud reads the embedded cloud: this scenario uses an external one');
  const out: CloudExpectation = {};
  if (c.has('punches')) out.punches = c.get('punches')!.integer(0, 10_000_000, 'a number of punches');
  if (c.has('commands')) {
    const states = c.get('commands')!.entries(['queued', 'sent', 'done', 'failed', 'pending'], 'command counts');
    out.commands = {};
    for (const [state, value] of states) out.commands[state as 'queued'] = value.integer(0, 1_000_000);
  }
  if (c.has('holds')) out.holds = patterns(c.get('holds')!);
  if (c.has('employee')) {
    const emp = c.get('employee')!;
    const e = emp.entries(['badge', 'nonSecure', 'role', 'clocks'], 'an employee of the cloud');
    out.employee = { badge: required(e, 'badge', emp, 'the badge number').text('a badge number', BADGE) };
    if (e.has('nonSecure')) out.employee.nonSecure = e.get('nonSecure')!.boolean();
    if (e.has('role')) out.employee.role = e.get('role')!.oneOf(['user', 'manager', 'administrator'] as const);
    if (e.has('clocks')) out.employee.clocks = serialList(e.get('clocks')!, context.clocks);
  }
  if (c.has('hours')) out.hours = hoursExpectation(c.get('hours')!);
  return out;
}

/** `hours: { badge: 1001, date: 2026-11-25, day: "8:30", week: "40:00" }`: day, week or both. */
function hoursExpectation(f: Field): NonNullable<CloudExpectation['hours']> {
  const h = f.entries(['badge', 'date', 'day', 'week'], 'hours worked');
  const out: NonNullable<CloudExpectation['hours']> = {
    badge: required(h, 'badge', f, 'the badge number').text('a badge number', BADGE),
    date: required(h, 'date', f, 'a date, YYYY-MM-DD').text('a date, YYYY-MM-DD', /^\d{4}-\d{2}-\d{2}$/),
  };
  if (parseTimestamp(`${out.date} 00:00:00`) === undefined) f.fail(`${out.date} is not a calendar date`);
  if (h.has('day')) out.day = h.get('day')!.text('hours as h:mm', HOURS);
  if (h.has('week')) out.week = h.get('week')!.text('hours as h:mm', HOURS);
  if (out.day === undefined && out.week === undefined) f.fail('hours needs day, week or both (as h:mm)');
  return out;
}

const HOURS = /^\d{1,4}:[0-5]\d$/;
