// The steps of a scenario: one action per step (plus `on:` to pick a clock), group uses expanded in
// place, each step keeping where it was written and through which `use:` lines it came.
import { ALL_KEYS, fingerIndex, modelHasKey, type DeviceModel, type Key } from '../../firmware/index.js';
import { parseDuration } from './duration.js';
import { readExpectation, type ExpectContext } from './load-expect.js';
import { BADGE, CARD, fingerOf, readEmployee, serialList } from './load-setup.js';
import { required, type Field } from './yaml-reader.js';
import type { Action, CloudFault, DiskState, FingerInput, MenuLogin, PortalOp, SourceRef, Step } from './types.js';

export const STEP_KINDS = [
  'keys',
  'press',
  'finger',
  'card',
  'network',
  'cloud',
  'advance',
  'wait',
  'restart',
  'expect',
  'sync',
  'portal',
  'menu',
  'lan',
  'disk',
  'use',
] as const;

export const CLOUD_FAULTS: readonly CloudFault[] = ['drop-commands', 'error-500', 'timeout', 'garbage', 'reset'];

/** How long `wait:` and `sync: idle` give up after, when the step does not say. */
export const DEFAULT_WAIT_MS = 10_000;
export const DEFAULT_SYNC_MS = 60_000;

export interface StepContext extends ExpectContext {
  models: ReadonlyMap<string, DeviceModel>;
  groups: ReadonlyMap<string, Field>;
}

/** Reads a list of steps; `on` is the clock steps act on when they do not name one. */
export function readSteps(list: Field, context: StepContext, on: string, via: SourceRef[] = []): Step[] {
  return list.items('a list of steps').flatMap((field) => readStep(field, context, on, via));
}

function readStep(field: Field, context: StepContext, defaultOn: string, via: SourceRef[]): Step[] {
  const entries = field.entries([...STEP_KINDS, 'on'], 'a step');
  const kinds = [...entries.keys()].filter((k) => k !== 'on');
  if (kinds.length !== 1) {
    field.fail(
      kinds.length === 0
        ? `a step needs an action: one of ${STEP_KINDS.join(', ')}`
        : `a step has one action, this one has ${kinds.join(' and ')}: split it in two steps`,
    );
  }
  const kind = kinds[0] as (typeof STEP_KINDS)[number];
  const onField = entries.get('on');
  if (onField?.isSeq) onField.expected('the serial number of one clock');
  const on = onField ? serialList(onField, context.clocks)[0]! : defaultOn;
  const value = entries.get(kind)!;
  if (kind === 'use') return useGroup(value, field, context, on, via);
  const action = readAction(kind, value, context, context.models.get(on)!);
  return [{ action, on, at: field.ref, via, text: field.source.snippet(field.node) }];
}

function useGroup(value: Field, step: Field, context: StepContext, on: string, via: SourceRef[]): Step[] {
  const name = value.text('the name of a group under "groups"');
  const group = context.groups.get(name);
  if (group === undefined) {
    value.expected(`a group defined under "groups" (${[...context.groups.keys()].join(', ') || 'none defined'})`);
  }
  if (via.length >= 16 || via.some((ref) => ref.path === `groups.${name}`)) {
    value.fail(`group "${name}" uses itself`);
  }
  return readSteps(group, context, on, [...via, { ...step.ref, path: `groups.${name}` }]);
}

function readAction(
  kind: Exclude<(typeof STEP_KINDS)[number], 'use'>,
  f: Field,
  c: StepContext,
  model: DeviceModel,
): Action {
  switch (kind) {
    case 'keys':
      return { kind, digits: f.text('keypad digits such as "1001"', /^[0-9]{1,32}$/) };
    case 'press':
      return { kind, keys: f.items('a key or a list of keys', true).map((k) => keyOf(k, model)) };
    case 'finger':
      return finger(f);
    case 'card':
      return { kind, card: f.text('a decimal card number of up to 10 digits', CARD) };
    case 'network':
      return { kind, up: f.oneOf(['up', 'down'] as const) === 'up' };
    case 'cloud':
      return cloud(f, c);
    case 'advance':
      return advance(f);
    case 'wait': {
      const until = readExpectation(f, c, ['timeout']);
      const timeout = f.pairs('a wait').find((p) => p.name === 'timeout')?.value;
      return { kind, until, timeoutMs: timeout ? duration(timeout) : DEFAULT_WAIT_MS };
    }
    case 'restart':
      if (f.value !== true) f.expected('true');
      return { kind };
    case 'expect':
      return { kind, expectation: readExpectation(f, c) };
    case 'sync':
      return sync(f, c);
    case 'portal':
      return { kind, op: portal(f, c) };
    case 'menu':
      return menu(f);
    case 'lan':
      return lan(f, model);
    case 'disk':
      return { kind, state: f.oneOf(DISK_STATES) };
  }
}

export const DISK_STATES: readonly DiskState[] = ['ok', 'full', 'read-only', 'failing'];

/** `lan: disable`, `lan: enable`, or `lan: { enroll: 1003/left-index }` (a remote enrollment). */
function lan(f: Field, model: DeviceModel): Action {
  if (!f.isMap) return { kind: 'lan', ask: { kind: f.oneOf(['disable', 'enable'] as const) } };
  const e = f.entries(['enroll'], 'a LAN request');
  const enroll: Field = required(e, 'enroll', f, 'whose finger to enroll, e.g. 1003/left-index');
  if (!model.readers.fingerprint) enroll.fail(`the ${model.model} clock has no fingerprint reader to enroll on`);
  const { finger } = fingerInput(enroll);
  if ('unknown' in finger) enroll.fail('a remote enrollment names whose finger: { badge, finger } or 1003/left-index');
  return { kind: 'lan', ask: { kind: 'enroll', badge: finger.badge, fid: finger.fid } };
}

function keyOf(f: Field, model: DeviceModel): Key {
  const key = typeof f.value === 'number' ? String(f.value) : f.value;
  if (typeof key !== 'string' || !(ALL_KEYS as readonly string[]).includes(key)) {
    f.expected(`a key: ${ALL_KEYS.join(' ')}`);
  }
  if (!modelHasKey(model, key as Key)) f.fail(`the ${model.model} clock has no ${key} key`);
  return key as Key;
}

function fingerInput(f: Field): { finger: FingerInput; quality?: Field } {
  if (typeof f.value === 'string') {
    const m = /^([0-9]{1,24})\/(.+)$/.exec(f.value);
    const fid = m ? (/^[0-9]$/.test(m[2]!) ? Number(m[2]) : fingerIndex(m[2]!)) : undefined;
    if (!m || fid === undefined)
      f.expected('a finger such as 1001/right-index, or { badge, finger }, or { unknown: true }');
    return { finger: { badge: m[1]!, fid } };
  }
  const e = f.entries(['badge', 'finger', 'unknown', 'quality'], 'a finger');
  if (e.has('unknown')) {
    if (e.get('unknown')!.boolean() !== true || e.has('badge'))
      f.fail('a finger is { unknown: true } or { badge, finger }');
    return { finger: { unknown: true }, quality: e.get('quality') };
  }
  const badge = required(e, 'badge', f, 'whose finger').text('a badge number', BADGE);
  const fid = fingerOf(required(e, 'finger', f, 'which finger (right-index, left-thumb, …)'));
  return { finger: { badge, fid }, quality: e.get('quality') };
}

function finger(f: Field): Action {
  const { finger, quality } = fingerInput(f);
  return { kind: 'finger', finger, quality: quality?.oneOf(['good', 'poor'] as const) ?? 'good' };
}

function cloud(f: Field, c: StepContext): Action {
  if (c.hasCloud && !c.cloudIsEmbedded)
    f.fail('an external cloud cannot be switched off from here: cloud steps need cloud: embedded or none');
  if (!f.isMap) return { kind: 'cloud', state: f.oneOf(['up', 'down'] as const) };
  const e = f.entries(['fault', 'count'], 'a cloud fault');
  if (!c.cloudIsEmbedded) f.fail('cloud faults are injected into the embedded cloud: this scenario has none');
  const fault = required(e, 'fault', f, CLOUD_FAULTS.join(' | ')).oneOf(CLOUD_FAULTS);
  const countField = e.get('count');
  const count = countField?.value === 'always' ? 'always' : (countField?.integer(1, 1_000_000) ?? 'always');
  return { kind: 'cloud', state: { fault, count } };
}

function advance(f: Field): Action {
  const text = f.value;
  const range = typeof text === 'string' ? /^(.+?)\s*\.\.\s*(.+)$/.exec(text) : null;
  if (range) {
    const [min, max] = [parseDuration(range[1]!), parseDuration(range[2]!)];
    if (min === undefined || max === undefined || max < min || max > MAX_DURATION_MS) {
      f.expected('a duration range such as "1s..5s" (at most 366d)');
    }
    return { kind: 'advance', ms: min, maxMs: max };
  }
  return { kind: 'advance', ms: duration(f) };
}

/** A year of virtual time takes seconds of CPU; more in one step is a typo, not a test. */
const MAX_DURATION_MS = 366 * 86_400_000;

export function duration(f: Field): number {
  const value = f.value;
  const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (ms === undefined || ms > MAX_DURATION_MS) f.expected('a duration such as 8h, 1m30s, 500ms (at most 366d)');
  return ms;
}

function sync(f: Field, c: StepContext): Action {
  if (!c.hasCloud) f.fail('sync needs a cloud: this scenario has cloud: none');
  if (!f.isMap) {
    f.oneOf(['idle'] as const);
    return { kind: 'sync', timeoutMs: DEFAULT_SYNC_MS };
  }
  const e = f.entries(['until', 'timeout'], 'a sync');
  required(e, 'until', f, 'idle').oneOf(['idle'] as const);
  return { kind: 'sync', timeoutMs: e.has('timeout') ? duration(e.get('timeout')!) : DEFAULT_SYNC_MS };
}

function portal(f: Field, c: StepContext): PortalOp {
  const e = f.entries(['update', 'addRemove', 'add'], 'a portal operation');
  if (!c.cloudIsEmbedded) f.fail('portal operations act on the embedded cloud: this scenario has none');
  if (e.size !== 1) f.fail('a portal step does one operation: update, addRemove or add');
  const [name, value] = [...e][0]!;
  if (name === 'add') return { kind: 'add', employee: readEmployee(value, c.clocks, true) };
  if (name === 'addRemove') {
    const a = value.entries(['badge', 'clocks'], 'an Add/Remove');
    const badge = required(a, 'badge', value, 'whose clocks').text('a badge number', BADGE);
    return a.has('clocks')
      ? { kind: 'addRemove', badge, clocks: serialList(a.get('clocks')!, c.clocks) }
      : { kind: 'addRemove', badge };
  }
  const u = value.entries(['badge', 'newBadge', 'nonSecure', 'role', 'clocks'], 'an update of the Clocks section');
  const op: PortalOp = {
    kind: 'update',
    badge: required(u, 'badge', value, 'whose profile').text('a badge number', BADGE),
  };
  if (u.has('newBadge')) op.newBadge = u.get('newBadge')!.text('a badge number', BADGE);
  if (u.has('nonSecure')) op.nonSecure = u.get('nonSecure')!.boolean();
  if (u.has('role')) op.role = u.get('role')!.oneOf(['user', 'manager', 'administrator'] as const);
  if (u.has('clocks')) op.clocks = serialList(u.get('clocks')!, c.clocks);
  return op;
}

function menu(f: Field): Action {
  if (f.isSeq) return { kind: 'menu', path: labels(f) };
  const e = f.entries(['path', 'as'], 'a menu walk');
  const path = labels(required(e, 'path', f, 'the items to pick, e.g. [Settings, About device]'));
  const as = e.get('as');
  return as ? { kind: 'menu', path, login: login(as) } : { kind: 'menu', path };
}

function labels(f: Field): string[] {
  return f.items('a list of menu items', true).map((item) => item.text('a menu item'));
}

function login(f: Field): MenuLogin {
  if (!f.isMap) return { badge: f.text('a badge number', BADGE) };
  const e = f.entries(['badge', 'password', 'finger', 'card'], 'how to verify for the menu');
  if (e.has('finger')) return { finger: fingerInput(e.get('finger')!).finger };
  if (e.has('card')) return { card: e.get('card')!.text('a card number', CARD) };
  const badge = required(e, 'badge', f, 'the badge number').text('a badge number', BADGE);
  return e.has('password') ? { badge, password: e.get('password')!.text('a password', /^[0-9]{1,8}$/) } : { badge };
}
