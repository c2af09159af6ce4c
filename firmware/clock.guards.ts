// The clock machine's guards: questions about the event and the context, answered without side effects.
import type { Key } from './device.js';
import { MAX_FAILURES, type ClockContext } from './context.js';
import type { ClockEvent } from './events.js';
import type { Verdict } from './identify.js';
import { EDIT_FIELDS, SETTINGS_ITEMS, digitOf, mainMenuItems, type MenuPage } from './menu.js';
import { STATE_KEYS } from './punches.js';
import { roleOf } from './users.js';
import type { Factor } from './verify.js';

type Args = { context: ClockContext; event: ClockEvent };

const keyOf = (event: ClockEvent): Key | undefined => (event.type === 'keypad.key' ? event.key : undefined);

/** The item a key picks from a numbered list: a digit picks item N (1-based), OK the highlighted one. */
export function pickedIndex(event: ClockEvent, cursor: number): number | undefined {
  const key = keyOf(event);
  if (key === 'OK') return cursor;
  const digit = key === undefined ? undefined : digitOf(key);
  return digit === undefined || digit === 0 ? undefined : digit - 1;
}

export function mainItems(context: ClockContext) {
  return mainMenuItems(context.menu.operator.role, context.model);
}

export const clockGuards = {
  /** A LAN request of this kind (disable, enable): the screen follows the device's state. */
  lanAsks: ({ event }: Args, params: { kind: 'disable' | 'enable' }) =>
    event.type === 'lan.request' && event.request.kind === params.kind,
  key: ({ event }: Args, params: { key: Key }) => keyOf(event) === params.key,
  digit: ({ event }: Args) => /^[0-9]$/.test(keyOf(event) ?? ''),
  stateKey: ({ event }: Args) => (keyOf(event) ?? '') in STATE_KEYS,
  idEntryLocked: ({ context }: Args) => context.now < context.lockedUntil,
  /** The failure being counted is the one that locks the keypad. */
  failureLocks: ({ context }: Args) => context.failures + 1 >= MAX_FAILURES,
  entryEmpty: ({ context }: Args) => context.entry === '',
  lastDigit: ({ context }: Args) => context.entry.length <= 1,
  forMenu: ({ context }: Args) => context.purpose === 'menu',
  verdict: ({ context }: Args, params: { kind: Verdict['kind'] }) => context.verdict?.kind === params.kind,
  /** A verified user with something to do in the menu: a Manager has nothing on a model without a finger reader. */
  privilegedVerdict: ({ context }: Args) =>
    context.verdict?.kind === 'identified' &&
    mainMenuItems(roleOf(context.verdict.user.privilege), context.model).length > 0,
  needs: ({ context }: Args, params: { factor: Factor }) => context.session?.needs.includes(params.factor) ?? false,
  hasReader: ({ context }: Args, params: { reader: 'fingerprint' | 'proximity' }) =>
    context.model.readers[params.reader],
  mainChoice: ({ context, event }: Args, params: { page: MenuPage }) => {
    const index = pickedIndex(event, context.menu.cursor);
    return index !== undefined && mainItems(context)[index]?.page === params.page;
  },
  settingsChoice: ({ context, event }: Args, params: { index: number }) =>
    pickedIndex(event, context.menu.cursor) === params.index && params.index < SETTINGS_ITEMS.length,
  editReturnsTo: ({ context }: Args, params: { page: MenuPage }) =>
    context.menu.edit !== null && EDIT_FIELDS[context.menu.edit.field].returnTo === params.page,
  editRejected: ({ context }: Args) => (context.menu.edit?.error ?? '') !== '',
  userHighlighted: ({ context }: Args) => context.menu.selectedPin !== '',
  queryEmpty: ({ context }: Args) => context.menu.query === '',
  enrollment: ({ context }: Args, params: { status: 'enrolled' | 'refused' }) =>
    context.menu.enrollment?.status === params.status,
  remoteMenu: ({ context }: Args) => context.menu.remote,
  administrator: ({ context }: Args) => context.menu.operator.role === 'administrator',
};
