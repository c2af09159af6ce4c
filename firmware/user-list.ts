// The menu's user list: which row is highlighted and whose it is, after a search, a move or a change of
// the user table. The rows themselves are drawn by display.menu.ts.
import type { ClockContext, MenuState } from './context.js';
import type { MultiTap } from './multitap.js';

const LIST_PAGE = 6;

/** The list's rows at a cursor; `without` leaves out a user whose removal is still to be written. */
export function userListRows(
  context: ClockContext,
  cursor: number,
  without?: string,
): { cursor: number; selectedPin: string } {
  const limit = Math.max(cursor + 1, LIST_PAGE) + (without === undefined ? 0 : 1);
  const users = context.ports.users.search(context.menu.query, 0, limit).filter((user) => user.pin !== without);
  const clamped = Math.max(0, Math.min(cursor, users.length - 1));
  return { cursor: clamped, selectedPin: users[clamped]?.pin ?? '' };
}

/** The menu after the search text changed: the list starts again at its first match. */
export function searched(context: ClockContext, change: { query: string; tap: MultiTap }): MenuState {
  const menu = { ...context.menu, ...change };
  return { ...menu, ...userListRows({ ...context, menu }, 0) };
}
