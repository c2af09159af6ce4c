// What clocks upload, taken into the portal: punches (once each), operation records, and users and
// fingerprints enrolled on a clock, which then go on to the employee's other clocks.
import type { Template, User } from '../../firmware/users.js';
import type { Logger } from '../log.js';
import type { AttlogRecord, OperlogRecord } from '../protocol/index.js';
import type { Portal } from './portal.js';
import { nonSecureFrom, roleFrom, splitName, userOf } from './profile.js';
import type { CloudStore } from './store.js';
import type { Employee } from './types.js';

export interface IngestOptions {
  /** A user the portal does not know, enrolled on a clock, becomes an employee (ID = badge) assigned to it. */
  adoptClockUsers: boolean;
}

export class Ingest {
  constructor(
    private readonly store: CloudStore,
    private readonly portal: Portal,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly options: IngestOptions,
  ) {}

  /** Returns how many punches were new; the rest were already there (uploaded again after a lost answer). */
  punches(sn: string, records: readonly AttlogRecord[]): number {
    return this.store.transaction(() => this.store.punches.add(sn, records, this.now()));
  }

  operlog(sn: string, records: readonly OperlogRecord[]): void {
    this.store.transaction(() => {
      const operations = records.flatMap((r) => (r.kind === 'operation' ? [r.operation] : []));
      this.store.operations.add(sn, operations, this.now());
      for (const record of records) {
        if (record.kind === 'user') this.user(sn, record.user);
        else if (record.kind === 'template') this.template(sn, record.template);
      }
    });
  }

  /**
   * A user as a clock holds it: what differs from the portal (role, non-secure, card, password) is taken,
   * then sent to the employee's other clocks. Which clocks those are stays the portal's decision: a clock
   * holding a user it was not assigned does not assign it.
   */
  private user(sn: string, user: User): void {
    const employee = this.store.employees.findByBadge(user.pin);
    if (employee === undefined) return this.adopt(sn, user);
    const after: Employee = {
      ...employee,
      role: roleFrom(user.privilege),
      nonSecure: nonSecureFrom(user.verifyMode, employee.nonSecure),
      card: user.card,
      password: user.password,
    };
    if (sameUser(userOf(after), userOf(employee))) return;
    this.store.employees.put(after);
    const others = after.clocks.filter((other) => other !== sn);
    for (const other of others) this.portal.queueAll(other, [{ kind: 'update-user', user: userOf(after) }]);
    this.log.info({ sn, employeeId: after.employeeId, to: others }, 'user changed on a clock');
  }

  private template(sn: string, template: Template): void {
    const employee = this.store.employees.findByBadge(template.pin);
    if (employee === undefined) {
      this.log.warn({ sn, pin: template.pin, fid: template.fid }, 'fingerprint of a PIN no employee has; ignored');
      return;
    }
    const existing = employee.templates.find((t) => t.fid === template.fid);
    if (existing?.template === template.template && existing.valid === template.valid) return;
    const templates = [...employee.templates.filter((t) => t.fid !== template.fid), template];
    this.store.employees.put({ ...employee, templates: templates.sort((a, b) => a.fid - b.fid) });
    const others = employee.clocks.filter((other) => other !== sn);
    // USERINFO first on clocks that might not hold the user yet: a template alone is refused (-10).
    for (const other of others) {
      this.portal.queueAll(other, [
        { kind: 'update-user', user: userOf(employee) },
        { kind: 'update-template', template },
      ]);
    }
    this.log.info(
      { sn, employeeId: employee.employeeId, fid: template.fid, to: others },
      'fingerprint enrolled on a clock',
    );
  }

  private adopt(sn: string, user: User): void {
    if (!this.options.adoptClockUsers) {
      this.log.warn({ sn, pin: user.pin }, 'user of a PIN no employee has; ignored');
      return;
    }
    const employeeId = this.store.employees.get(user.pin) === undefined ? user.pin : `${user.pin}-${sn}`;
    const employee: Employee = {
      employeeId,
      ...splitName(user.name || user.pin),
      badge: user.pin,
      nonSecure: nonSecureFrom(user.verifyMode, false),
      role: roleFrom(user.privilege),
      clocks: [sn],
      card: user.card,
      password: user.password,
      templates: [],
    };
    this.store.employees.put(employee);
    this.log.info({ sn, employeeId, pin: user.pin }, 'employee created from a user enrolled on a clock');
  }
}

function sameUser(a: User, b: User): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
