// The reference cloud's domain: employees as the portal shows them, the clocks it knows, the punches
// they uploaded and the commands queued for them.
import type { ClockRole, Template } from '../../firmware/index.js';
import type { LocalTime } from '../../firmware/index.js';
import type { PushCommand } from '../protocol/index.js';

export interface Employee {
  employeeId: string;
  firstName: string;
  lastName: string;
  /** Badge #: the PIN on every clock, typed on the keypad when the employee is non-secure. */
  badge: string;
  /** On: PIN entry, fingerprint, card (Verify=0). Off: fingerprint, card (Verify=6). */
  nonSecure: boolean;
  role: ClockRole;
  /** Serial numbers of the clocks the employee may use, sorted. */
  clocks: string[];
  /** Decimal card number; '' when none. */
  card: string;
  /** Clock password; '' when none. Never logged, never in API answers. */
  password: string;
  templates: Template[];
  /** Set while the employee is inactive: off every clock, kept with punches; the clocks they return to. */
  inactiveClocks?: string[];
}

/** What the portal's "Clocks" section edits. */
export interface ClocksSection {
  badge?: string;
  nonSecure?: boolean;
  role?: ClockRole;
  clocks?: string[];
  /** Decimal card number; '' removes it. */
  card?: string;
}

export interface NewEmployee extends ClocksSection {
  employeeId: string;
  firstName: string;
  lastName: string;
  badge: string;
  card?: string;
  password?: string;
  templates?: Template[];
}

export interface CloudClock {
  sn: string;
  name: string;
  registeredAt: number;
  /** UTC ms of the last request; undefined before the first. */
  lastSeen?: number;
  online: boolean;
  /** The last getrequest INFO (firmware, counts, ip), and options the clock pushed. */
  info: Record<string, string>;
  attlogStamp: string;
  operlogStamp: string;
  /** How the clock proves who it is: its device key, or its serial number alone (plain PUSH clocks). */
  auth: ClockAuth;
  /** A key clock's key: waiting for the clock's first handshake to take it, or taken. */
  keyState?: 'waiting' | 'taken';
}

export type ClockAuth = 'key' | 'serial';

/** An unknown serial number that asked: it waits here, bounded, until an admin accepts it. */
export interface PendingClock {
  sn: string;
  firstSeen: number;
  lastSeen: number;
  requests: number;
}

export interface CloudPunch {
  id: number;
  sn: string;
  pin: string;
  time: LocalTime;
  status: number;
  verify: number;
  workCode: string;
  receivedAt: number;
  /** The employee whose badge the PIN was when the punch arrived; absent for an unknown PIN. */
  employeeId?: string;
}

export type CommandState = 'queued' | 'sent' | 'done' | 'failed';

export interface QueuedCommand {
  /** The wire id (`C:<id>:`), unique in this cloud. */
  id: string;
  sn: string;
  command: PushCommand;
  state: CommandState;
  /** The clock's Return code once it answered; undefined before, or when it failed unanswered. */
  returnCode?: number;
  /** Why it is done or failed when no Return code says it: `dropped by fault injection`, `no answer after 10 sends`. */
  note?: string;
  /** INFO lines of the reply. */
  reply: Record<string, string>;
  createdAt: number;
  sentAt?: number;
  sends: number;
  finishedAt?: number;
}
