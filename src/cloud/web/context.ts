// What the portal's pages read and change: the transport-free portal operations and accounts, and the
// facts the live pages follow.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../../log.js';
import type { Accounts, Identity } from '../domain/index.js';
import type { CloudEvents } from '../domain/index.js';
import type { Portal } from '../domain/index.js';
import type { ClockRegistry } from '../domain/index.js';
import type { Records } from '../domain/index.js';
import type { Audit, EmployeeLife, Timesheets } from '../domain/index.js';

export interface WebContext {
  portal: Portal;
  /** The audit log, read by the /audit page (the domain writes it). */
  audit: Audit;
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
  /** The clock's face in the browser, under `timeclock run` (src/face): mounted among the portal's pages. */
  face?: PortalFace | undefined;
}

/** Pages of the clock's face another room adds to the portal: the nav's Clock link and the clock's page link to it. */
export interface PortalFace {
  /** The serial number of the clock whose face it is. */
  sn: string;
  /** Its page: `/clock`. */
  href: string;
  /**
   * Registers its routes where cookies, sessions and CSRF tokens are at hand, told who is asking and how
   * to end a stream when its asker's sign-in no longer holds (`watch` returns its stop).
   */
  routes: (app: FastifyInstance, who: (request: FastifyRequest) => Identity | undefined, watch: Watch) => Promise<void>;
}

/** Calls `end` once the sign-in behind `request` (session or API token) no longer holds; returns the stop. */
export type Watch = (request: FastifyRequest, end: () => void) => () => void;

export type { Identity };
