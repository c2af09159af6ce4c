// What the portal's pages read and change: the transport-free portal operations and accounts, and the
// facts the live pages follow.
import type { Logger } from '../../log.js';
import type { Accounts, Identity } from '../accounts.js';
import type { CloudEvents } from '../events.js';
import type { Portal } from '../portal.js';
import type { ClockRegistry } from '../registration.js';
import type { Timesheets } from '../domain/index.js';
import type { CloudStore } from '../store.js';

export interface WebContext {
  portal: Portal;
  accounts: Accounts;
  registry: ClockRegistry;
  store: CloudStore;
  events: CloudEvents;
  timesheets: Timesheets;
  now: () => number;
  /** Milliseconds within which a clock counts as online (3 × Delay). */
  onlineWithinMs: number;
  log: Logger;
}

export type { Identity };
