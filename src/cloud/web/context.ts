// What the portal's pages read and change: the transport-free portal operations and accounts, and the
// facts the live pages follow.
import type { Logger } from '../../log.js';
import type { Accounts, Identity } from '../domain/index.js';
import type { CloudEvents } from '../domain/index.js';
import type { Portal } from '../domain/index.js';
import type { ClockRegistry } from '../domain/index.js';
import type { Records } from '../domain/index.js';
import type { EmployeeLife, Timesheets } from '../domain/index.js';

export interface WebContext {
  portal: Portal;
  accounts: Accounts;
  registry: ClockRegistry;
  records: Records;
  events: CloudEvents;
  timesheets: Timesheets;
  employeeLife: EmployeeLife;
  now: () => number;
  /** Milliseconds within which a clock counts as online (3 × Delay). */
  onlineWithinMs: number;
  log: Logger;
}

export type { Identity };
