// The portal's operations, as the support article describes them: find an employee by last name or
// employee ID, edit the Clocks section and Save, and Add/Remove; each queues the commands that bring
// the clocks in line with the profile.
import type { Logger } from '../../log.js';
import type { PushCommand } from '../../protocol/index.js';
import type { ClockChange } from '../db/index.js';
import { profileCommands, removalCommands } from './profile.js';
import type { CloudStore } from '../db/index.js';
import type { PunchQuery } from '../db/index.js';
import type { CloudEvents } from './events.js';
import type { ClocksSection, CloudPunch, Employee, NewEmployee, QueuedCommand } from '../types.js';
import { conflict, invalid, notFound, ok, type Problem, type Result } from './validate.js';
import { Audit, CLOUD_ACTOR, type Actor, type AuditChange } from './audit.js';
import { employeeFacts } from './audit-facts.js';

export interface Change {
  employee: Employee;
  /** The commands this change queued, in the order the clocks will get them. */
  queued: QueuedCommand[];
}

export class Portal {
  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    private readonly log: Logger,
    /** Facts for the live pages: every command queued here is one. */
    private readonly events?: CloudEvents,
    readonly audit: Audit = new Audit(store, now),
    /** Who the changes made through this object are recorded as (see by()). */
    readonly actor: Actor = CLOUD_ACTOR,
  ) {}

  /** The same operations, recorded in the audit log as made by `actor`. */
  by(actor: Actor): Portal {
    return new Portal(this.store, this.now, this.log, this.events, this.audit, actor);
  }

  /** One audit row for a change made through this object (inside the change's transaction). */
  record(change: AuditChange): void {
    this.audit.record(this.actor, change);
  }

  /** "Search for employee": a page of the matches, by last name, first name or employee ID. */
  searchEmployees(query: string, limit = 100, offset = 0): Employee[] {
    return this.store.employees.search(query, limit, offset);
  }

  countEmployees(query: string): number {
    return this.store.employees.countMatching(query);
  }

  punches(query: PunchQuery): CloudPunch[] {
    return this.store.punches.query(query);
  }

  /** Stamps of 0 ask for everything again; CHECK makes the clock read them now rather than at its next start. */
  reuploadAll(sn: string): Result<QueuedCommand> {
    if (!this.store.clocks.exists(sn)) return notFound(`no clock with serial number ${sn}`);
    return this.store.transaction(() => {
      this.store.clocks.setStamp(sn, 'attlog', '0');
      this.store.clocks.setStamp(sn, 'operlog', '0');
      this.record({ kind: 'clock', subject: sn, action: 'asked to upload all its punches again (stamps set to 0)' });
      return ok(this.queueAll(sn, [{ kind: 'check' }])[0]!);
    });
  }

  /** Sends every employee assigned to the clock again (a fresh copy of each profile). */
  resendEmployees(sn: string): Result<QueuedCommand[]> {
    if (!this.store.clocks.exists(sn)) return notFound(`no clock with serial number ${sn}`);
    return this.store.transaction(() => {
      const employees = this.store.employees.assignedTo(sn);
      this.record({ kind: 'clock', subject: sn, action: `sent every assigned employee again (${employees.length})` });
      return ok(employees.flatMap((employee) => this.queueAll(sn, profileCommands(employee))));
    });
  }

  getEmployee(employeeId: string): Result<Employee> {
    const employee = this.store.employees.get(employeeId);
    return employee ? ok(employee) : notFound(`no employee with ID ${employeeId}`);
  }

  /** A new employee; their profile goes to every clock they are assigned. */
  createEmployee(input: NewEmployee): Result<Change> {
    return this.store.transaction(() => {
      if (this.store.employees.get(input.employeeId))
        return conflict(`employee ID ${input.employeeId} is taken`, 'employeeId');
      const employee: Employee = {
        employeeId: input.employeeId,
        firstName: input.firstName,
        lastName: input.lastName,
        badge: input.badge,
        nonSecure: input.nonSecure ?? false,
        role: input.role ?? 'user',
        clocks: input.clocks ?? [],
        card: input.card ?? '',
        password: input.password ?? '',
        templates: (input.templates ?? []).map((t) => ({ ...t, pin: input.badge })),
      };
      const problem = this.checkAssignable(employee, undefined);
      if (problem) return problem;
      this.store.employees.put(employee);
      this.record({
        kind: 'employee',
        subject: employee.employeeId,
        action: 'created',
        after: employeeFacts(employee),
      });
      const queued = employee.clocks.flatMap((sn) => this.queueAll(sn, profileCommands(employee)));
      this.log.info({ employeeId: employee.employeeId, clocks: employee.clocks }, 'employee created');
      return ok({ employee, queued });
    });
  }

  /**
   * Save of the Clocks section: the profile to every assigned clock (USERINFO, then its templates), and
   * DATA DELETE USERINFO to clocks no longer assigned. A changed badge is deleted under the old PIN first.
   */
  saveClocksSection(employeeId: string, section: ClocksSection): Result<Change> {
    return this.store.transaction(() => {
      const before = this.store.employees.get(employeeId);
      if (!before) return notFound(`no employee with ID ${employeeId}`);
      const after: Employee = { ...before, ...definedOf(section) };
      if (section.badge !== undefined) after.templates = before.templates.map((t) => ({ ...t, pin: section.badge! }));
      const queued = this.storeReassigned(before, after);
      if (!Array.isArray(queued)) return queued;
      for (const sn of after.clocks) {
        if (before.badge !== after.badge && before.clocks.includes(sn)) {
          queued.push(...this.queueAll(sn, removalCommands(before.badge)));
        }
        queued.push(...this.queueAll(sn, profileCommands(after)));
      }
      this.record(employeeChange('Clocks section saved', before, after));
      this.log.info({ employeeId, section, queued: queued.length }, 'clocks section saved');
      return ok({ employee: this.store.employees.get(employeeId)!, queued });
    });
  }

  /**
   * Add/Remove with the clocks now selected: deselected clocks get DATA DELETE USERINFO; newly selected
   * ones a fresh copy (delete, then the whole profile), so nothing stale survives on them.
   */
  addRemove(employeeId: string, selected: string[]): Result<Change> {
    return this.store.transaction(() => {
      const before = this.store.employees.get(employeeId);
      if (!before) return notFound(`no employee with ID ${employeeId}`);
      const after: Employee = { ...before, clocks: [...new Set(selected)].sort() };
      const queued = this.storeReassigned(before, after);
      if (!Array.isArray(queued)) return queued;
      for (const sn of after.clocks.filter((sn) => !before.clocks.includes(sn))) {
        queued.push(...this.queueAll(sn, [...removalCommands(after.badge), ...profileCommands(after)]));
      }
      this.record(employeeChange('Add/Remove of clocks', before, after));
      this.log.info({ employeeId, clocks: after.clocks, queued: queued.length }, 'add/remove');
      return ok({ employee: after, queued });
    });
  }

  /** One enrolled finger off the profile and off every assigned clock (the rest of the profile stays). */
  removeFingerprint(employeeId: string, fid: number): Result<Change> {
    return this.store.transaction(() => {
      const before = this.store.employees.get(employeeId);
      if (!before) return notFound(`no employee with ID ${employeeId}`);
      if (!before.templates.some((t) => t.fid === fid)) {
        return notFound(`employee ${employeeId} has no fingerprint with finger index ${fid}`);
      }
      const after: Employee = { ...before, templates: before.templates.filter((t) => t.fid !== fid) };
      this.store.employees.put(after);
      const queued = after.clocks.flatMap((sn) =>
        this.queueAll(sn, [{ kind: 'delete-template', pin: after.badge, fid }]),
      );
      this.record(employeeChange(`fingerprint ${fid} removed`, before, after));
      this.log.info({ employeeId, fid, queued: queued.length }, 'fingerprint removed');
      return ok({ employee: after, queued });
    });
  }

  /**
   * Enrolls a finger remotely: the clock asks the employee to place it (ENROLL_FP) and uploads the
   * template when done. Only an assigned clock may be asked; an enrolled finger is overwritten.
   */
  enrollFingerprint(employeeId: string, sn: string, fid: number): Result<Change> {
    const employee = this.store.employees.get(employeeId);
    if (!employee) return notFound(`no employee with ID ${employeeId}`);
    if (!Number.isInteger(fid) || fid < 0 || fid > 9) return invalid('fid must be a finger index from 0 to 9', 'fid');
    if (!employee.clocks.includes(sn)) return invalid(`${sn} is not one of the employee's clocks`, 'sn');
    const overwrite = employee.templates.some((t) => t.fid === fid);
    const queued = this.store.transaction(() => {
      this.record({ kind: 'employee', subject: employeeId, action: `enrollment of fingerprint ${fid} asked on ${sn}` });
      return this.queueAll(sn, [{ kind: 'enroll-finger', pin: employee.badge, fid, retries: 3, overwrite }]);
    });
    this.log.info({ employeeId, sn, fid }, 'remote enrollment queued');
    return ok({ employee, queued });
  }

  /** Removes the employee from the portal and from every clock. */
  deleteEmployee(employeeId: string): Result<Change> {
    return this.store.transaction(() => {
      const employee = this.store.employees.get(employeeId);
      if (!employee) return notFound(`no employee with ID ${employeeId}`);
      this.store.employees.remove(employeeId);
      this.record({ kind: 'employee', subject: employeeId, action: 'deleted', before: employeeFacts(employee) });
      const queued = employee.clocks.flatMap((sn) => this.queueAll(sn, removalCommands(employee.badge)));
      this.log.info({ employeeId, queued: queued.length }, 'employee deleted');
      return ok({ employee, queued });
    });
  }

  /**
   * What a clock reported that the portal did not take (a role or verify mode changed at the clock, a
   * credential it lacks, an employee created from its user), newest first; for the clock's page and the
   * API's `GET /api/clocks/:sn/changes`. `limit` is taken between 1 and 1000.
   */
  clockChanges(sn: string, limit = 100): Result<ClockChange[]> {
    if (!this.store.clocks.exists(sn)) return notFound(`no clock with serial number ${sn}`);
    const bounded = Math.min(1000, Math.max(1, Math.trunc(limit) || 1));
    return ok(this.store.clockChanges.list(sn, bounded));
  }

  /** Any command, for QA scripts: checked to be formattable when it is delivered, queued as given. */
  queueCommand(sn: string, command: PushCommand): Result<QueuedCommand> {
    if (!this.store.clocks.exists(sn)) return notFound(`no clock with serial number ${sn}`);
    return this.store.transaction(() => {
      this.record({ kind: 'clock', subject: sn, action: `command queued: ${command.kind}`, after: command });
      return ok(this.queueAll(sn, [command])[0]!);
    });
  }

  queueAll(sn: string, commands: readonly PushCommand[]): QueuedCommand[] {
    return commands.map((command) => {
      const queued = this.store.commands.enqueue(sn, command, this.now());
      this.events?.emit('command.changed', { id: queued.id, sn, state: 'queued' });
      return queued;
    });
  }

  /**
   * An employee's profile changed: stored once it may go to its clocks, and deleted (DATA DELETE USERINFO)
   * from the clocks it no longer has. The commands queued so far, or why it may not.
   */
  private storeReassigned(before: Employee, after: Employee): QueuedCommand[] | { ok: false; problem: Problem } {
    const problem = this.checkAssignable(after, before);
    if (problem) return problem;
    this.store.employees.put(after);
    return before.clocks
      .filter((sn) => !after.clocks.includes(sn))
      .flatMap((sn) => this.queueAll(sn, removalCommands(before.badge)));
  }

  private checkAssignable(after: Employee, before: Employee | undefined): { ok: false; problem: Problem } | undefined {
    if (before?.inactiveClocks !== undefined && after.clocks.length > 0) {
      return conflict(
        `employee ${before.employeeId} is inactive: reactivate them before sending them to clocks`,
        'clocks',
      );
    }
    const holder = this.store.employees.findByBadge(after.badge);
    if (holder && holder.employeeId !== after.employeeId) {
      return conflict(`badge ${after.badge} belongs to employee ${holder.employeeId}`, 'badge');
    }
    const unknown = after.clocks.filter((sn) => !before?.clocks.includes(sn) && !this.store.clocks.exists(sn));
    if (unknown.length > 0) return invalid(`clocks not registered: ${unknown.join(', ')}`, 'clocks');
    return undefined;
  }
}

/** An audit row of an employee before and after a change. */
export function employeeChange(action: string, before: Employee, after: Employee): AuditChange {
  return {
    kind: 'employee',
    subject: before.employeeId,
    action,
    before: employeeFacts(before),
    after: employeeFacts(after),
  };
}

function definedOf(section: ClocksSection): ClocksSection {
  return Object.fromEntries(Object.entries(section).filter(([, v]) => v !== undefined)) as ClocksSection;
}
