// What the faces (pages, API) read of the cloud's records: the clocks with whether each is online, their
// commands and operation records, employees by id or badge, a web session. The faces never hold the store.
import type { NewOperation } from '../../../firmware/index.js';
import type { CloudStore } from '../db/index.js';
import type { CloudClock, CommandState, Employee, QueuedCommand } from '../types.js';

export class Records {
  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    /** Milliseconds within which a clock counts as online (3 × Delay). */
    private readonly onlineWithinMs: number,
  ) {}

  /** Every clock, with whether it is online now. */
  clocks(): CloudClock[] {
    return this.store.clocks.list(this.now(), this.onlineWithinMs);
  }

  /** A page of the clocks in serial-number order, after the serial number given. */
  clockPage(after: string, limit: number): CloudClock[] {
    return this.store.clocks.page(after, limit, this.now(), this.onlineWithinMs);
  }

  clock(sn: string): CloudClock | undefined {
    return this.store.clocks.get(sn, this.now(), this.onlineWithinMs);
  }

  /** A clock's name, when only its name is wanted (no online check). */
  clockName(sn: string): string | undefined {
    return this.store.clocks.get(sn, 0, 0)?.name;
  }

  /** A clock's latest commands, newest first. */
  recentCommands(sn: string, limit: number): QueuedCommand[] {
    return this.store.commands.recent(sn, limit);
  }

  /** A clock's commands not yet done or failed. */
  pendingCommands(sn: string): number {
    return this.store.commands.countPending(sn);
  }

  commands(query: { sn?: string; state?: CommandState; limit: number }): QueuedCommand[] {
    return this.store.commands.list(query);
  }

  command(id: string): QueuedCommand | undefined {
    return this.store.commands.get(id);
  }

  /** The operation records a clock uploaded, newest first. */
  operations(sn: string, limit: number): (NewOperation & { receivedAt: number })[] {
    return this.store.operations.list(sn, limit);
  }

  employee(employeeId: string): Employee | undefined {
    return this.store.employees.get(employeeId);
  }

  /** The employee a clock's PIN (badge) belongs to. */
  employeeByBadge(pin: string): Employee | undefined {
    return this.store.employees.findByBadge(pin);
  }

  /** A web session's data, if it has not expired. */
  session(sid: string): unknown {
    return this.store.sessions.get(sid, this.now());
  }
}
