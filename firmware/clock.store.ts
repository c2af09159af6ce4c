// The machine's builders and guards that read the store, made for the store they are given: the live
// store never sits in the context (a snapshot is plain data). The host gives it with `clockMachineOn`,
// which is `clockMachine.provide(storeImplementations(store))`; effects write it (clock.effects.ts).
import { closedMenu, type ClockContext } from './context.js';
import { clockEffects, enqueueClockActions, type Enqueue } from './clock.effects.js';
import { takeScan } from './enroll.js';
import { TimeclockError } from './errors.js';
import type { ClockEvent } from './events.js';
import type { Via } from './clock.transitions.js';
import { continueIdentify, decidePunch, identify, type Credential, type Verdict } from './identify.js';
import { commitEdit } from './menu.js';
import { emptyMultiTap, eraseMultiTap, multiTap } from './multitap.js';
import type { ClockPorts, OperationRecord } from './ports.js';
import type { Punch } from './punches.js';
import type { ClockSettings } from './settings.js';
import { searched, userDetail, userListRows } from './user-list.js';
import { roleOf } from './users.js';
import type { Factor } from './verify.js';

/** Operation codes of the OPLOG table that the clock writes. */
export const OP = { powerOn: 0, menuEntered: 4, fingerEnrolled: 6, userDeleted: 9, timeSet: 21 } as const;

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
 * Settings changed on the clock are saved before the screen shows them; told (`settings.saved`) once the
 * store took them, and put back if it refused them.
 */
export function saveSettings(enqueue: Enqueue, context: ClockContext, settings: ClockSettings, told = true): void {
  enqueue({ type: 'saveSettings', params: { settings, previous: context.settings, told } });
  enqueue.assign({ settings });
}

const fail = (what: string) => (): never => {
  throw new TimeclockError(
    'TC_ERR_FIRMWARE_NO_STORE',
    `the clock machine has no store (${what}): run clockMachineOn(store), not clockMachine itself`,
  );
};

/** The store of a machine not given one: every call says how to give it one. */
export const NO_STORE = new Proxy({} as ClockPorts, {
  get: (_, table) =>
    table === 'transaction'
      ? fail('transaction')
      : new Proxy({}, { get: (__, method) => fail(`${String(table)}.${String(method)}`) }),
});

type VerdictOf = (context: ClockContext, event: ClockEvent) => Verdict | null;

/**
 * The verdict on the credential an event presents first, kept for the step: the guard that routes a tap
 * straight to its punch and the action that punches ask for the same one. Keyed by the event and the
 * context objects, both new at each step, so a verdict is never reused across steps.
 */
function firstVerdicts(store: ClockPorts): VerdictOf {
  const kept = new WeakMap<ClockEvent, { context: ClockContext; verdict: Verdict | null }>();
  return (context, event) => {
    const known = kept.get(event);
    if (known !== undefined && known.context === context) return known.verdict;
    const credential = credentialFrom(event, 'id', context.entry);
    const reading = { ports: store, model: context.model, settings: context.settings };
    const verdict = credential ? identify(reading, credential) : null;
    kept.set(event, { context, verdict });
    return verdict;
  };
}

/** The store's implementations of the machine's named actions and guards, for `provide`. */
export function storeImplementations(store: ClockPorts) {
  const verdictOf = firstVerdicts(store);
  return {
    actions: {
      ...clockEffects(store),
      ...punchActions(store, verdictOf),
      ...recordingActions(store),
      ...menuViews(store),
    },
    guards: storeGuards(store, verdictOf),
  };
}

function storeGuards(store: ClockPorts, verdictOf: VerdictOf) {
  type Args = { context: ClockContext; event: ClockEvent };
  const guards = {
    /**
     * A finger or card on a reader the model has, or OK after an ID, that identifies its user at once for
     * a punch: decided and stored in one step. One guard, not and([...]): it is asked at every tap.
     */
    punchesAtOnce: ({ context, event }: Args, { via }: { via: Via }) =>
      (via === 'keypad' ? event.type === 'keypad.key' && event.key === 'OK' : context.model.readers[via]) &&
      context.purpose === 'punch' &&
      verdictOf(context, event)?.kind === 'identified',
    /** The same, with no second-factor session open: the attention region's timers may keep running. */
    punchesWithoutSession: (args: Args, params: { via: Via }) =>
      args.context.session === null && guards.punchesAtOnce(args, params),
    menuOpenToAnyone: (_: Args) => store.users.countPrivileged() === 0,
    enrollTargetAllowed: ({ context }: Args) => {
      const user = store.users.findByPin(context.menu.query);
      const self = user !== undefined && user.pin === context.menu.operator.pin;
      return user !== undefined && !(self && context.menu.operator.role === 'manager');
    },
  };
  return guards;
}

/** What the clock's rules read: the store, the model and the settings. */
const readingOf = (store: ClockPorts, context: ClockContext) => ({
  ports: store,
  model: context.model,
  settings: context.settings,
});

/** Identification and the punch: a verdict reached, a punch decided, stored and told in one step. */
function punchActions(store: ClockPorts, verdictOf: VerdictOf) {
  const reading = (context: ClockContext) => readingOf(store, context);
  /**
   * The punch of an identified user, with what the step assigns besides (`also`) in the same assign. The
   * effect writes it at once, during the step; `tellStoredPunch`, resolved after it, tells it once stored.
   */
  const punchOf = (
    enqueue: Enqueue,
    context: ClockContext,
    verdict: Extract<Verdict, { kind: 'identified' }>,
    also: Partial<ClockContext>,
  ): void => {
    const { user, presented } = verdict;
    const request = { user, presented, chosenState: context.chosenState, now: context.now };
    const { outcome, punch } = decidePunch(reading(context), request);
    enqueue.assign({ ...also, outcome, failures: 0, chosenState: null });
    if (punch === undefined) return;
    enqueue({ type: 'storePunch', params: { punch } });
    enqueue({ type: 'tellStoredPunch', params: { punch } });
  };
  return {
    identify: enqueueClockActions(({ context, event, enqueue }) => {
      enqueue.assign({ verdict: verdictOf(context, event), entry: '' });
    }),
    continueIdentify: enqueueClockActions(({ context, event, enqueue }) => {
      const credential = credentialFrom(event, typedFactor(context), context.entry);
      const verdict =
        credential && context.session ? continueIdentify(reading(context), context.session, credential) : null;
      enqueue.assign({ verdict, entry: '' });
    }),
    /** The punch of a verdict reached in `verifying`: decided here, stored by `storePunch` in the same step. */
    punch: enqueueClockActions(({ context, enqueue }) => {
      if (context.verdict?.kind === 'identified') punchOf(enqueue, context, context.verdict, {});
    }),
    /**
     * A tap that identifies its user at once (the guard `punchesAtOnce`): identified, decided, stored and
     * told in one step with one assign, without the eventless hop through `verifying`.
     */
    identifyAndPunch: enqueueClockActions(({ context, event, enqueue }) => {
      const verdict = verdictOf(context, event);
      if (verdict?.kind === 'identified') punchOf(enqueue, context, verdict, { verdict, entry: '' });
    }),
    /**
     * After `storePunch` ran in the same step: a punch the store took is told, and a fault noted before is
     * over. One the store refused is not here; its `store.failed` comes next and refuses it on the screen.
     */
    tellStoredPunch: enqueueClockActions(({ context, enqueue }, { punch }: { punch: Punch }) => {
      if (store.punches.nextSeq() <= punch.seq) return;
      if (context.storeFault !== null) enqueue.assign({ storeFault: null });
      enqueue.emit({ type: 'punch.recorded', punch });
    }),
  };
}

/** The actions that write an OPLOG record (or settings) beside what they assign: sign-in, power-on, the menu's edits. */
function recordingActions(store: ClockPorts) {
  /**
   * An OPLOG record, decided here with its seq. One per builder: a second in the same builder would be
   * decided with the same seq before the first is written.
   */
  const operationOf = (
    context: ClockContext,
    op: number,
    admin: string | null,
    values: OperationRecord['values'],
  ): OperationRecord => ({ op, admin: admin ?? '0', time: context.now, values, seq: store.operations.nextSeq() });
  /** An OPLOG record on its own, written by the `appendOperation` effect, and told once written. */
  const recordOperation = (
    enqueue: Enqueue,
    context: ClockContext,
    op: number,
    admin: string | null,
    values: OperationRecord['values'],
  ): void => {
    enqueue({ type: 'appendOperation', params: { operation: operationOf(context, op, admin, values) } });
  };
  return {
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
    deleteUser: enqueueClockActions(({ context, enqueue }) => {
      const pin = context.menu.selectedPin;
      const operation = operationOf(context, OP.userDeleted, context.menu.operator.pin, [pin, 0, 0]);
      enqueue({ type: 'removeUser', params: { pin, operation } });
      const menu = { ...context.menu, notice: `Deleted ${pin}`, removed: pin };
      enqueue.assign({ menu: { ...menu, ...userListRows(store, { ...context, menu }, menu.cursor) } });
    }),
    scanFinger: enqueueClockActions(({ context, event, enqueue }) => {
      if (event.type !== 'finger.placed' || context.menu.enrollment === null) return;
      const { enrollment, template } = takeScan(
        store,
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
  };
}

/** The menu's screens that show what the store holds: counts, the user list and a user, the search. */
function menuViews(store: ClockPorts) {
  return {
    readCounts: enqueueClockActions(({ context, enqueue }) => {
      const counts = {
        users: store.users.count(),
        fingerprints: store.templates.count(),
        cards: store.users.countCards(),
        punches: store.punches.count(),
      };
      enqueue.assign({ menu: { ...context.menu, counts } });
    }),
    listUsers: enqueueClockActions(({ context, enqueue }, params: { by: number }) => {
      const cursor = params.by === 0 ? 0 : context.menu.cursor + params.by;
      enqueue.assign({ menu: { ...context.menu, ...userListRows(store, context, cursor) } });
    }),
    /** The user table changed from outside while its list is on screen: the highlight stays on a row that is there. */
    refreshUserList: enqueueClockActions(({ context, enqueue }) => {
      // Any removal of this page is written by now: the store is the whole truth again.
      const menu = { ...context.menu, removed: '' };
      enqueue.assign({ menu: { ...menu, ...userListRows(store, { ...context, menu }, menu.cursor) } });
    }),
    readUserDetail: enqueueClockActions(({ context, enqueue }) => {
      enqueue.assign({ menu: { ...context.menu, detail: userDetail(store, context.menu.selectedPin) } });
    }),
    typeQuery: enqueueClockActions(({ context, event, enqueue }) => {
      const key = event.type === 'keypad.key' ? event.key : '';
      const tap = context.menu.search === 'name' ? multiTap(context.menu.tap, key, context.now) : context.menu.tap;
      const query = context.menu.search === 'name' ? tap.text : (context.menu.query + key).slice(0, 24);
      enqueue.assign({ menu: searched(store, context, { query, tap }) });
    }),
    eraseQuery: enqueueClockActions(({ context, enqueue }) => {
      const tap = eraseMultiTap(context.menu.tap);
      enqueue.assign({ menu: searched(store, context, { query: context.menu.query.slice(0, -1), tap }) });
    }),
    toggleSearch: enqueueClockActions(({ context, enqueue }) => {
      const search = context.menu.search === 'id' ? ('name' as const) : ('id' as const);
      const toggled = { ...context, menu: { ...context.menu, search } };
      enqueue.assign({ menu: searched(store, toggled, { query: '', tap: emptyMultiTap() }) });
    }),
  };
}
