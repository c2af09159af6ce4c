// The clock machine's vocabulary: its types, delays, guards and named actions. The machine's states
// and transitions are in clock.machine.ts; the domain logic behind each action lives in its own module.
import { assign, raise, setup } from 'xstate';
import { clockGuards, mainItems, pickedIndex } from './clock.guards.js';
import {
  closedMenu,
  LOCK_SECONDS,
  MAX_FAILURES,
  type ClockContext,
  type ClockInputData,
  type MenuState,
} from './context.js';
import { emptyMultiTap, eraseMultiTap, multiTap, type MultiTap } from './multitap.js';
import { startEnrollment, takeScan } from './enroll.js';
import type { ClockEmitted, ClockEvent } from './events.js';
import { continueIdentify, decidePunch, identify, type Credential } from './identify.js';
import { clockEffects, enqueueClockActions, type Enqueue } from './clock.effects.js';
import { beginEdit, commitEdit, editKey, nextPunchRule, type EditField } from './menu.js';
import type { OperationRecord } from './ports.js';
import { STATE_KEYS } from './punches.js';
import type { ClockSettings } from './settings.js';
import { STORE_FAULT_TITLES, type StoreFault } from './store-faults.js';
import { roleOf } from './users.js';
import type { Factor } from './verify.js';

/** Operation codes of the OPLOG table that the clock writes. */
export const OP = { powerOn: 0, menuEntered: 4, fingerEnrolled: 6, userDeleted: 9, timeSet: 21 } as const;

const LIST_PAGE = 6;

function credentialFrom(event: ClockEvent, factor: Factor, entry: string): Credential | undefined {
  if (event.type === 'finger.placed') return { factor: 'finger', finger: event.finger, quality: event.quality };
  if (event.type === 'card.tapped') return { factor: 'card', card: event.card };
  if (factor === 'password') return { factor: 'password', password: entry };
  if (factor === 'id') return { factor: 'id', pin: entry };
  return undefined;
}

/** The factor typed digits stand for on the second-factor screen: the ID before the password. */
function typedFactor(context: ClockContext): Factor {
  return context.session?.needs.includes('id') ? 'id' : 'password';
}

/**
 * An OPLOG record, decided here with its seq. One per builder: a second in the same builder would be
 * decided with the same seq before the first is written.
 */
function operationOf(
  context: ClockContext,
  op: number,
  admin: string | null,
  values: OperationRecord['values'],
): OperationRecord {
  return { op, admin: admin ?? '0', time: context.now, values, seq: context.ports.operations.nextSeq() };
}

/** An OPLOG record on its own, written by the `appendOperation` effect, and told once written. */
function recordOperation(
  enqueue: Enqueue,
  context: ClockContext,
  op: number,
  admin: string | null,
  values: OperationRecord['values'],
): void {
  enqueue({ type: 'appendOperation', params: { operation: operationOf(context, op, admin, values) } });
}

/**
 * Settings changed on the clock are saved before the screen shows them; told (`settings.saved`) once the
 * store took them, and put back if it refused them.
 */
function saveSettings(enqueue: Enqueue, context: ClockContext, settings: ClockSettings, told = true): void {
  enqueue({ type: 'saveSettings', params: { settings, previous: context.settings, told } });
  enqueue.assign({ settings });
}

/** The menu after the search text changed: the list starts again at its first match. */
function searched(context: ClockContext, change: { query: string; tap: MultiTap }): MenuState {
  const menu = { ...context.menu, ...change };
  return { ...menu, ...userListRows({ ...context, menu }, 0) };
}

/** The list's rows at a cursor; `without` leaves out a user whose removal is still to be written. */
function userListRows(
  context: ClockContext,
  cursor: number,
  without?: string,
): { cursor: number; selectedPin: string } {
  const limit = Math.max(cursor + 1, LIST_PAGE) + (without === undefined ? 0 : 1);
  const users = context.ports.users.search(context.menu.query, 0, limit).filter((user) => user.pin !== without);
  const clamped = Math.max(0, Math.min(cursor, users.length - 1));
  return { cursor: clamped, selectedPin: users[clamped]?.pin ?? '' };
}

/** The menu after the store refused what it just did: its "Saved", "Deleted" or "Enrolled" is taken back. */
function refusedInMenu(menu: MenuState, fault: StoreFault): MenuState {
  const notice = `${STORE_FAULT_TITLES[fault]}: not saved`;
  const enrollment = menu.enrollment && { ...menu.enrollment, status: 'refused' as const, message: notice };
  return { ...menu, notice, enrollment };
}

export const clockSetup = setup({
  types: {
    context: {} as ClockContext,
    events: {} as ClockEvent,
    input: {} as ClockInputData,
    emitted: {} as ClockEmitted,
  },
  delays: {
    RESULT_TIMEOUT: 3_000,
    /** No input for this long ends an ID entry or a second-factor prompt. */
    LAPSE_TIMEOUT: 10_000,
    /** And this much longer closes the menu. */
    AWAY_TIMEOUT: 50_000,
  },
  guards: clockGuards,
  actions: {
    ...clockEffects,
    setNow: assign({ now: ({ event, context }) => (event.type === 'clock.tick' ? event.now : context.now) }),
    applySettings: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type === 'settings.changed') saveSettings(enqueue, context, event.settings);
    }),
    noteCloudLink: assign({
      cloudLink: ({ event, context }) =>
        event.type === 'cloud.linked'
          ? { server: event.server, attendanceUpload: event.attendanceUpload }
          : context.cloudLink,
    }),
    resetScreen: assign({ purpose: 'punch', entry: '', verdict: null, session: null, outcome: null }),
    startMenuAuth: assign({ purpose: 'menu', entry: '' }),
    appendDigit: assign({
      entry: ({ context, event }) =>
        event.type === 'keypad.key' ? (context.entry + event.key).slice(0, 24) : context.entry,
    }),
    eraseDigit: assign({ entry: ({ context }) => context.entry.slice(0, -1) }),
    chooseState: assign({
      chosenState: ({ event, context }) =>
        event.type === 'keypad.key' ? (STATE_KEYS[event.key] ?? context.chosenState) : context.chosenState,
    }),
    clearChosenState: assign({ chosenState: null }),
    identify: assign({
      verdict: ({ context, event }) => {
        const credential = credentialFrom(event, 'id', context.entry);
        return credential ? identify(context, credential) : null;
      },
      entry: '',
    }),
    continueIdentify: assign({
      verdict: ({ context, event }) => {
        const credential = credentialFrom(event, typedFactor(context), context.entry);
        return credential && context.session ? continueIdentify(context, context.session, credential) : null;
      },
      entry: '',
    }),
    beginSession: assign(({ context }) =>
      context.verdict?.kind === 'continue' || context.verdict?.kind === 'retry'
        ? {
            session: context.verdict.session,
            outcome: context.verdict.kind === 'retry' ? context.verdict.outcome : null,
          }
        : {},
    ),
    /** One more failed try (an unknown credential, a wrong password, finger or card); enough lock ID entry. */
    countFailure: enqueueClockActions(({ context, enqueue }) => {
      const failures = context.failures + 1;
      if (context.verdict?.kind === 'failed') enqueue.assign({ outcome: context.verdict.outcome });
      if (failures < MAX_FAILURES) {
        enqueue.assign({ failures });
        return;
      }
      const until = context.now + LOCK_SECONDS * 1000;
      // Saved with the settings (not told as a settings change): a restart must not lift the lock.
      saveSettings(enqueue, context, { ...context.settings, keypadLockedUntil: until }, false);
      enqueue.assign({ failures: 0, lockedUntil: until });
      enqueue.emit({ type: 'keypad.locked', purpose: context.purpose, failures, until });
    }),
    showLocked: assign({ outcome: ({ context }) => ({ kind: 'locked' as const, until: context.lockedUntil }) }),
    denyAccess: assign({ outcome: { kind: 'access-denied' } }),
    /** The punch is decided here and written by `storePunch` in the same step, before the thanks shows. */
    punch: enqueueClockActions(({ context, enqueue }) => {
      if (context.verdict?.kind !== 'identified') return;
      const { user, presented } = context.verdict;
      const { outcome, punch } = decidePunch(context, {
        user,
        presented,
        chosenState: context.chosenState,
        now: context.now,
      });
      enqueue.assign({ outcome, failures: 0, chosenState: null });
      // Told as `punch.recorded` once stored (tellPunch), or refused on the screen (noteStoreFault).
      if (punch !== undefined) enqueue({ type: 'storePunch', params: { punch } });
    }),
    /** The punch is in the store: now it is told, and a fault noted before is over. */
    tellPunch: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type !== 'punch.stored') return;
      if (context.storeFault !== null) enqueue.assign({ storeFault: null });
      enqueue.emit({ type: 'punch.recorded', punch: event.punch });
    }),
    /** Another write is in the store: its facts are told now, and a fault noted before is over. */
    tellWritten: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type !== 'store.written') return;
      if (context.storeFault !== null) enqueue.assign({ storeFault: null });
      for (const fact of event.facts) enqueue.emit(fact);
    }),
    /**
     * A write the store refused: a punch's thanks becomes its refusal, settings go back to those in force,
     * the menu's "Saved" or "Deleted" becomes the refusal, and the idle screen says why.
     */
    noteStoreFault: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type !== 'store.failed') return;
      const { what, fault, detail, punch, previousSettings } = event;
      enqueue.assign({ storeFault: fault, ...(punch ? { outcome: { kind: 'not-stored' as const, fault } } : {}) });
      if (previousSettings) enqueue.assign({ settings: previousSettings });
      if (what !== 'punch' && what !== 'operation') enqueue.assign({ menu: refusedInMenu(context.menu, fault) });
      enqueue.emit({ type: 'store.failed', what, fault, detail, ...(punch ? { pin: punch.pin } : {}) });
    }),
    login: enqueueClockActions(({ context, enqueue }) => {
      const user = context.verdict?.kind === 'identified' ? context.verdict.user : undefined;
      const operator = user
        ? { pin: user.pin, role: roleOf(user.privilege) }
        : { pin: null, role: 'administrator' as const };
      enqueue.assign({ menu: { ...closedMenu(), operator }, failures: 0 });
      recordOperation(enqueue, context, OP.menuEntered, operator.pin, [0, 0, 0]);
    }),
    recordPowerOn: enqueueClockActions(({ context, enqueue }) => {
      recordOperation(enqueue, context, OP.powerOn, null, [0, 0, 0]);
    }),
    closeMenu: assign({ menu: closedMenu() }),
    noteLapse: raise({ type: 'attention.lapsed' }),
    noteAbsence: raise({ type: 'attention.gone' }),
    readCounts: assign({
      menu: ({ context }) => ({
        ...context.menu,
        counts: {
          users: context.ports.users.count(),
          fingerprints: context.ports.templates.count(),
          cards: context.ports.users.countCards(),
          punches: context.ports.punches.count(),
        },
      }),
    }),
    typePin: assign({
      menu: ({ context, event }) =>
        event.type === 'keypad.key'
          ? { ...context.menu, query: (context.menu.query + event.key).slice(0, 24), notice: '' }
          : context.menu,
    }),
    erasePin: assign({ menu: ({ context }) => ({ ...context.menu, query: context.menu.query.slice(0, -1) }) }),
    preselectFinger: assign({ menu: ({ context }) => ({ ...context.menu, cursor: 6 }) }),
    closeEdit: assign({ menu: ({ context }) => ({ ...context.menu, edit: null }) }),
    setNotice: assign({
      menu: ({ context }, params: { notice: string }) => ({ ...context.menu, notice: params.notice }),
    }),
    resetCursor: assign({ menu: ({ context }) => ({ ...context.menu, cursor: 0, notice: '', query: '', edit: null }) }),
    moveCursor: assign({
      menu: ({ context }, params: { by: number; size?: number }) => {
        const size = params.size ?? mainItems(context).length;
        return {
          ...context.menu,
          cursor: Math.max(0, Math.min(context.menu.cursor + params.by, Math.max(size - 1, 0))),
        };
      },
    }),
    pickSettingsCursor: assign({
      menu: ({ context, event }) => ({ ...context.menu, cursor: pickedIndex(event, context.menu.cursor) ?? 0 }),
    }),
    listUsers: assign({
      menu: ({ context }, params: { by: number }) => ({
        ...context.menu,
        ...userListRows(context, params.by === 0 ? 0 : context.menu.cursor + params.by),
      }),
    }),
    typeQuery: assign({
      menu: ({ context, event }) => {
        const key = event.type === 'keypad.key' ? event.key : '';
        const tap = context.menu.search === 'name' ? multiTap(context.menu.tap, key, context.now) : context.menu.tap;
        const query = context.menu.search === 'name' ? tap.text : (context.menu.query + key).slice(0, 24);
        return searched(context, { query, tap });
      },
    }),
    eraseQuery: assign({
      menu: ({ context }) => {
        const tap = eraseMultiTap(context.menu.tap);
        return searched(context, { query: context.menu.query.slice(0, -1), tap });
      },
    }),
    toggleSearch: assign({
      menu: ({ context }) =>
        searched(
          { ...context, menu: { ...context.menu, search: context.menu.search === 'id' ? 'name' : 'id' } },
          { query: '', tap: emptyMultiTap() },
        ),
    }),
    deleteUser: enqueueClockActions(({ context, enqueue }) => {
      const pin = context.menu.selectedPin;
      const operation = operationOf(context, OP.userDeleted, context.menu.operator.pin, [pin, 0, 0]);
      enqueue({ type: 'removeUser', params: { pin, operation } });
      enqueue.assign({
        menu: { ...context.menu, notice: `Deleted ${pin}`, ...userListRows(context, context.menu.cursor, pin) },
      });
    }),
    chooseEnrollTarget: assign({
      menu: ({ context }) => ({ ...context.menu, selectedPin: context.menu.query, notice: '' }),
    }),
    pickFinger: assign({
      menu: ({ context, event }) =>
        event.type === 'keypad.key' && /^[0-9]$/.test(event.key)
          ? { ...context.menu, cursor: Number(event.key) }
          : context.menu,
    }),
    startEnrollment: assign({
      menu: ({ context }) => ({
        ...context.menu,
        enrollment: startEnrollment(context.menu.selectedPin, context.menu.cursor),
      }),
    }),
    startRemoteEnrollment: assign({
      menu: ({ event }) => ({
        ...closedMenu(),
        operator: { pin: null, role: 'administrator' as const },
        remote: true,
        selectedPin: event.type === 'enroll.requested' ? event.pin : '',
        enrollment: event.type === 'enroll.requested' ? startEnrollment(event.pin, event.fid) : null,
      }),
    }),
    scanFinger: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type !== 'finger.placed' || context.menu.enrollment === null) return;
      const { enrollment, template } = takeScan(
        context.ports,
        context.model,
        context.menu.enrollment,
        event.finger,
        event.quality,
      );
      enqueue.assign({ menu: { ...context.menu, enrollment } });
      if (!template) return;
      const values = [template.pin, template.fid, 0] as const;
      const operation = operationOf(context, OP.fingerEnrolled, context.menu.operator.pin, [...values]);
      enqueue({ type: 'storeTemplate', params: { template, operation } });
    }),
    clearEnrollment: assign({ menu: ({ context }) => ({ ...context.menu, enrollment: null }) }),
    beginEdit: assign({
      menu: ({ context }, params: { field: EditField }) => ({
        ...context.menu,
        edit: beginEdit(params.field, context.settings, context.now),
      }),
    }),
    editKey: assign({
      menu: ({ context, event }) =>
        context.menu.edit && event.type === 'keypad.key'
          ? { ...context.menu, edit: editKey(context.menu.edit, event.key) }
          : context.menu,
    }),
    commitEdit: enqueueClockActions(({ context, enqueue }) => {
      const edit = context.menu.edit;
      if (edit === null) return;
      const result = commitEdit(edit, context.settings, context.now);
      if ('error' in result) {
        enqueue.assign({ menu: { ...context.menu, edit: { ...edit, error: result.error } } });
        return;
      }
      saveSettings(enqueue, context, result.settings);
      if (edit.field === 'dateTime')
        recordOperation(enqueue, context, OP.timeSet, context.menu.operator.pin, [0, 0, 0]);
      enqueue.assign({ menu: { ...context.menu, notice: 'Saved' } });
    }),
    /** What `applyLan` did, told: the settings in force, the OPLOG records, and the client's answer. */
    answerLan: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type !== 'lan.applied') return;
      const { request, result } = event;
      if (result.settings) {
        enqueue.assign({ settings: result.settings, now: request.kind === 'set-time' ? request.time : context.now });
        enqueue.emit({ type: 'settings.saved', settings: result.settings });
      }
      for (const operation of result.records) enqueue.emit({ type: 'operation.recorded', operation });
      if (request.kind === 'unlock') enqueue.emit({ type: 'door.unlocked', seconds: request.seconds });
      if (request.kind === 'test-voice') enqueue.emit({ type: 'voice.played', index: request.index });
      const answer = { type: 'lan.answered' as const, id: event.id, ok: result.ok };
      enqueue.emit(result.problem === undefined ? answer : { ...answer, problem: result.problem });
    }),
    toggleDhcp: enqueueClockActions(({ context, enqueue }) => {
      saveSettings(enqueue, context, { ...context.settings, dhcp: !context.settings.dhcp });
    }),
    cyclePunchRule: enqueueClockActions(({ context, enqueue }) => {
      const punchStateRule = nextPunchRule(context.model, context.settings.punchStateRule);
      saveSettings(enqueue, context, { ...context.settings, punchStateRule });
    }),
  },
});
