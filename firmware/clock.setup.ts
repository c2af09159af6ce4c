// The clock machine's vocabulary: its types, delays, guards and named actions. The machine's states
// and transitions are in clock.machine.ts; the actions that read or write the store are made for the store
// given (clock.store.ts), and the domain logic behind each action lives in its own module.
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
import { startEnrollment } from './enroll.js';
import type { ClockEmitted, ClockEvent } from './events.js';
import { doorActions } from './clock.doors.js';
import { enqueueClockActions } from './clock.effects.js';
import { NO_STORE, saveSettings, storeImplementations } from './clock.store.js';
import { beginEdit, editKey, nextPunchRule, type EditField } from './menu.js';
import { STATE_KEYS } from './punches.js';
import { STORE_FAULT_TITLES, type StoreFault } from './store-faults.js';

export { OP } from './clock.store.js';

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
  guards: { ...clockGuards, ...storeImplementations(NO_STORE).guards },
  actions: {
    ...storeImplementations(NO_STORE).actions,
    ...doorActions,
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
    closeMenu: assign({ menu: closedMenu() }),
    noteLapse: raise({ type: 'attention.lapsed' }),
    noteAbsence: raise({ type: 'attention.gone' }),
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
    toggleDhcp: enqueueClockActions(({ context, enqueue }) => {
      saveSettings(enqueue, context, { ...context.settings, dhcp: !context.settings.dhcp });
    }),
    cyclePunchRule: enqueueClockActions(({ context, enqueue }) => {
      const punchStateRule = nextPunchRule(context.model, context.settings.punchStateRule);
      saveSettings(enqueue, context, { ...context.settings, punchStateRule });
    }),
  },
});
