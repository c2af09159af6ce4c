// Checking expectations against the world: each one that does not hold becomes a mismatch saying what
// was expected and what was there, in words a QA engineer reads without the source.
import {
  PUNCH_STATE_LABELS,
  formatTimestamp,
  type IconMark,
  type Punch,
  type PunchState,
} from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { matches, showPattern } from './pattern.js';
import type { SnapshotStore } from './snapshots.js';
import type { CloudExpectation, Expectation, IconExpectation, LogExpectation, PunchExpectation } from './types.js';
import type { World } from './world.js';

export interface Mismatch {
  what: string;
  expected: string;
  actual: string;
}

export interface CheckContext {
  world: World;
  on: string;
  snapshots: SnapshotStore;
  /** Names this scenario's snapshots in the store. */
  snapshotKey: (name: string) => string;
}

const VERIFY_NAMES: Readonly<Record<number, string>> = { 0: 'pin', 1: 'finger', 4: 'card', 15: 'face' };

export function check(expectation: Expectation, context: CheckContext): Mismatch[] {
  const clock = context.world.clock(context.on);
  const frame = clock.frame();
  const text = clock.screenText();
  const shown = frame.lines.filter((l) => l.trim() !== '').join(' | ');
  const out: Mismatch[] = [];
  const add = (what: string, expected: string, actual: string) => out.push({ what, expected, actual });
  for (const p of expectation.screen ?? []) {
    if (!matches(p, text)) add('screen', `shows ${showPattern(p)}`, `shows "${shown}"`);
  }
  for (const p of expectation.notScreen ?? []) {
    if (matches(p, text)) add('screen', `does not show ${showPattern(p)}`, `shows "${shown}"`);
  }
  if (expectation.state !== undefined && frame.screen !== expectation.state)
    add('state', expectation.state, frame.screen);
  if (expectation.title && !matches(expectation.title, frame.title)) {
    add('title', showPattern(expectation.title), JSON.stringify(frame.title));
  }
  for (const icon of ['network', 'cloud'] as const) {
    const want = expectation.icons?.[icon];
    if (want !== undefined && !iconIs(frame.icons[icon], want)) add(`${icon} icon`, want, markName(frame.icons[icon]));
  }
  for (const led of ['green', 'red'] as const) {
    const want = expectation.leds?.[led];
    if (want !== undefined && frame.leds[led] !== want)
      add(`${led} LED`, want ? 'on' : 'off', frame.leds[led] ? 'on' : 'off');
  }
  if (expectation.beep !== undefined && frame.beep !== expectation.beep) add('beep', expectation.beep, frame.beep);
  if (expectation.punch || expectation.punches !== undefined) checkPunches(clock, expectation, add);
  if (expectation.user) checkUser(clock, expectation.user, add);
  for (const log of expectation.log ?? []) checkLog(context.world, log, add);
  if (expectation.cloud) checkCloud(context, expectation.cloud, add);
  if (expectation.lan) checkLan(context, expectation.lan, add);
  if (expectation.snapshot !== undefined) {
    const key = context.snapshotKey(expectation.snapshot);
    const problem = context.snapshots.check(key, text);
    if (problem) add(`snapshot "${expectation.snapshot}"`, problem.expected, problem.actual);
  }
  return out;
}

type Add = (what: string, expected: string, actual: string) => void;

function checkLan(context: CheckContext, want: NonNullable<Expectation['lan']>, add: Add): void {
  const listener = context.world.lan.get(context.on);
  if (listener === undefined)
    return add('LAN', 'a LAN listener', `LAN is off on ${context.on} (lan: true turns it on)`);
  if (want.clients !== undefined && listener.clients() !== want.clients)
    add('LAN clients', `${want.clients} connected`, `${listener.clients()}`);
  if (want.connections !== undefined && listener.connections() !== want.connections)
    add('LAN connections', `${want.connections} so far`, `${listener.connections()}`);
}

function iconIs(mark: IconMark, want: IconExpectation): boolean {
  if (want === 'ok') return mark === 'none';
  if (want === 'offline') return mark !== 'none';
  return mark === want;
}

function markName(mark: IconMark): string {
  return mark === 'none' ? 'ok (no mark)' : mark;
}

function checkPunches(clock: Clock, e: Expectation, add: Add): void {
  const punches = clock.punches();
  if (e.punches !== undefined && punches.length !== e.punches) {
    add('punches on the clock', String(e.punches), String(punches.length));
  }
  if (e.punch) {
    const last = punches.at(-1);
    const want = describePunch(e.punch);
    if (last === undefined) add('last punch', want, 'no punch recorded');
    else if (!punchMatches(last, e.punch)) add('last punch', want, showPunch(last));
  }
}

function punchMatches(p: Punch, want: PunchExpectation): boolean {
  const time = formatTimestamp(p.time);
  return (
    (want.badge === undefined || p.pin === want.badge) &&
    (want.state === undefined || p.state === want.state) &&
    (want.verify === undefined || p.verify === want.verify) &&
    (want.time === undefined ||
      (want.time.length <= 8 ? time.slice(11).startsWith(want.time) : time.startsWith(want.time)))
  );
}

function describePunch(p: PunchExpectation): string {
  const parts = [
    p.badge && `badge ${p.badge}`,
    p.state !== undefined && PUNCH_STATE_LABELS[p.state as PunchState],
    p.verify !== undefined && `by ${VERIFY_NAMES[p.verify] ?? p.verify}`,
    p.time && `at ${p.time}`,
  ];
  return parts.filter(Boolean).join(', ');
}

function showPunch(p: Punch): string {
  return `badge ${p.pin}, ${PUNCH_STATE_LABELS[p.state]}, by ${VERIFY_NAMES[p.verify] ?? p.verify}, at ${formatTimestamp(p.time)}`;
}

function checkUser(clock: Clock, want: NonNullable<Expectation['user']>, add: Add): void {
  const user = clock.records.users.findByPin(want.badge);
  const what = `user ${want.badge} on ${clock.serialNumber}`;
  if (!want.present) {
    if (user) add(what, 'absent', `present (${user.name})`);
    return;
  }
  if (!user) return add(what, 'present', 'absent');
  if (want.verifyMode !== undefined && user.verifyMode !== want.verifyMode) {
    add(`${what} verify mode`, String(want.verifyMode), String(user.verifyMode));
  }
  if (want.fingers) {
    const have = clock.records.templates
      .listFor(want.badge)
      .map((t) => t.fid)
      .sort();
    const expected = [...want.fingers].sort();
    if (have.join() !== expected.join()) add(`${what} fingers`, `[${expected.join(', ')}]`, `[${have.join(', ')}]`);
  }
}

function checkLog(world: World, want: LogExpectation, add: Add): void {
  const hits = world.log
    .since(0)
    .filter(
      (l) =>
        (want.level === undefined || l.level === want.level) &&
        (want.module === undefined || l.module === want.module) &&
        matches(want.msg, l.msg),
    ).length;
  const what = `log lines ${showPattern(want.msg)}${want.module ? ` of ${want.module}` : ''}`;
  if (want.count === undefined ? hits === 0 : hits !== want.count) {
    add(what, want.count === undefined ? 'at least 1' : String(want.count), String(hits));
  }
}

function checkCloud(context: CheckContext, want: NonNullable<Expectation['cloud']>, add: Add): void {
  const cloud = context.world.cloud;
  if (cloud === undefined) return add('cloud', 'the embedded cloud', 'no cloud');
  if (want.punches !== undefined) {
    const n = cloud.punches(context.on);
    if (n !== want.punches) add(`punches at the cloud from ${context.on}`, String(want.punches), String(n));
  }
  const commands = cloud.commands(context.on);
  for (const [state, count] of Object.entries(want.commands ?? {})) {
    const n = commands.filter((c) =>
      state === 'pending' ? c.state === 'queued' || c.state === 'sent' : c.state === state,
    ).length;
    if (n !== count) add(`${state} commands for ${context.on}`, String(count), String(n));
  }
  for (const p of want.holds ?? []) {
    const held = commands.filter((c) => c.state === 'queued' || c.state === 'sent');
    if (!held.some((c) => matches(p, c.text))) {
      add(
        `commands held for ${context.on}`,
        `one matching ${showPattern(p)}`,
        held.map((c) => c.text).join(' | ') || 'none',
      );
    }
  }
  if (want.employee) {
    const e = cloud.employee(want.employee.badge);
    const what = `employee ${want.employee.badge} at the cloud`;
    if (!e) return add(what, 'present', 'absent');
    const { nonSecure, role, clocks } = want.employee;
    if (nonSecure !== undefined && e.nonSecure !== nonSecure)
      add(`${what} non-secure`, String(nonSecure), String(e.nonSecure));
    if (role !== undefined && e.role !== role) add(`${what} role`, role, e.role);
    if (clocks && [...clocks].sort().join() !== [...e.clocks].sort().join()) {
      add(`${what} clocks`, clocks.join(', '), e.clocks.join(', ') || 'none');
    }
  }
  if (want.hours) checkHours(cloud, want.hours, add);
}

function checkHours(cloud: NonNullable<World['cloud']>, want: NonNullable<CloudExpectation['hours']>, add: Add): void {
  const what = `hours of employee ${want.badge}`;
  const worked = cloud.hours(want.badge, want.date);
  if (worked === undefined) return add(what, 'an employee with this badge', 'none');
  if (want.day !== undefined && worked.day !== want.day) add(`${what} on ${want.date}`, want.day, worked.day);
  if (want.week !== undefined && worked.week !== want.week)
    add(`${what} in the week of ${want.date}`, want.week, worked.week);
}
