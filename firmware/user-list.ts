// The menu's user list: which row is highlighted and whose it is, after a search, a move or a change of
// the user table. The rows themselves are drawn by display.menu.ts.
import type { ClockContext, MenuState, UserDetail, UserRow } from './context.js';
import type { MultiTap } from './multitap.js';
import type { ClockRecords } from './ports.js';

/** Rows on one page of the list, as the screen shows them. */
export const LIST_ROWS = 6;

/**
 * The list at a cursor: the highlighted user and the page of rows the screen shows, as plain data; `without`
 * leaves out a user whose removal is still to be written (the one just deleted on this page, by default).
 */
export function userListRows(
  store: ClockRecords,
  context: ClockContext,
  cursor: number,
  without = context.menu.removed,
): { cursor: number; selectedPin: string; rows: UserRow[]; total: number } {
  const first = Math.floor(Math.max(cursor, 0) / LIST_ROWS) * LIST_ROWS;
  const gone = without === undefined || without === '' || store.users.findByPin(without) === undefined ? 0 : 1;
  const limit = Math.max(cursor + 1, first + LIST_ROWS) + gone;
  const users = store.users.search(context.menu.query, 0, limit).filter((user) => user.pin !== without);
  const clamped = Math.max(0, Math.min(cursor, users.length - 1));
  const page = Math.floor(clamped / LIST_ROWS) * LIST_ROWS;
  const rows = users.slice(page, page + LIST_ROWS).map((user) => ({ pin: user.pin, name: user.name }));
  return { cursor: clamped, selectedPin: users[clamped]?.pin ?? '', rows, total: store.users.count() - gone };
}

/** What the user detail page shows of one user, read when it opens; null when the user is gone. */
export function userDetail(store: ClockRecords, pin: string): UserDetail | null {
  const user = store.users.findByPin(pin);
  if (user === undefined) return null;
  return { user, fingers: store.templates.listFor(pin).map((template) => template.fid) };
}

/** The menu after the search text changed: the list starts again at its first match. */
export function searched(
  store: ClockRecords,
  context: ClockContext,
  change: { query: string; tap: MultiTap },
): MenuState {
  const menu = { ...context.menu, ...change };
  return { ...menu, ...userListRows(store, { ...context, menu }, 0) };
}
