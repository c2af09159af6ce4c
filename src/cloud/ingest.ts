// What clocks upload, taken into the portal: punches (once each), operation records, and the credentials
// (cards, passwords, fingerprints) enrolled on a clock, which then go on to the employee's other clocks.
// Rights (role, non-secure) are the portal's: a clock reporting others is recorded, not obeyed.
import type { Template, User } from '../../firmware/users.js';
import type { Logger } from '../log.js';
import { BIO_TYPE_FINGERPRINT, type BioRecord } from '../../firmware/command-biodata.js';
import type { AttlogRecord, OperlogRecord } from '../protocol/index.js';
import type { Portal } from './portal.js';
import { disagreementsOf, splitName, userOf, type Disagreement } from './profile.js';
import type { CloudStore } from './store.js';
import type { Employee } from './types.js';
import { isTemplateText } from './validate.js';

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
   * A `table=BIODATA` upload: fingerprints (Type 1) are the employee's fingers, as FP lines in OPERLOG are;
   * the portal keeps no other biometric. Returns the records it did not keep, for the answer to name.
   */
  biodata(sn: string, records: readonly BioRecord[]): BioRecord[] {
    const refused = records.filter((r) => r.type !== BIO_TYPE_FINGERPRINT);
    this.store.transaction(() => {
      for (const record of records) if (record.type === BIO_TYPE_FINGERPRINT) this.template(sn, record.template);
    });
    if (refused.length > 0) {
      this.log.warn(
        { sn, types: [...new Set(refused.map((r) => r.type))] },
        'BIODATA of a type this portal does not keep',
      );
    }
    return refused;
  }

  /**
   * A user as a clock holds it, field by field:
   * - card and password are credentials, which raise no one's rights: a new one is taken and sent to the
   *   employee's other clocks; an empty one never erases the portal's (a clock that missed an update, or
   *   uploaded before it got one, must not take a credential away) and is recorded as a clock change.
   * - privilege and verify mode are the portal's (role, non-secure): a clock reporting others is recorded
   *   as a clock change, with a warning, and neither applied nor sent anywhere. Otherwise any registered
   *   clock, or a forged line in its name, could make anyone an Administrator on every clock.
   * - name, group and time zones stay the portal's.
   * Which clocks the employee uses stays the portal's decision too: a clock holding a user it was not
   * assigned does not assign it.
   */
  private user(sn: string, user: User): void {
    const employee = this.store.employees.findByBadge(user.pin);
    if (employee === undefined) return this.adopt(sn, user);
    this.recordClockChanges(sn, user.pin, disagreementsOf(user, employee));
    const after: Employee = {
      ...employee,
      card: user.card === '' ? employee.card : user.card,
      password: user.password === '' ? employee.password : user.password,
    };
    if (sameUser(userOf(after), userOf(employee))) return;
    this.store.employees.put(after);
    const others = after.clocks.filter((other) => other !== sn);
    for (const other of others) this.portal.queueAll(other, [{ kind: 'update-user', user: userOf(after) }]);
    const changed = (['card', 'password'] as const).filter((field) => after[field] !== employee[field]);
    this.log.info({ sn, employeeId: after.employeeId, changed, to: others }, 'credential set on a clock');
  }

  private template(sn: string, template: Template): void {
    if (!isTemplateText(template.template)) {
      // A damaged TMP must not replace a finger the portal holds: Add/Remove would send it back to clocks
      // that refuse it (-11), and the finger would be gone everywhere. (An empty TMP is refused by the codec.)
      this.log.warn({ sn, pin: template.pin, fid: template.fid }, 'fingerprint whose template is not base64; ignored');
      return;
    }
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

  /**
   * A user of a PIN no employee has becomes an employee assigned to that clock, as a plain User with
   * non-secure off whatever the clock says: the portal grants rights, a clock does not. The clock's
   * credentials are taken. Recorded as clock changes: `newUser` (clock value: the clock's name for the
   * user; portal value: the employee ID given), then `role` and `verifyMode` where the clock said more.
   */
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
      nonSecure: false,
      role: 'user',
      clocks: [sn],
      card: user.card,
      password: user.password,
      templates: [],
    };
    this.store.employees.put(employee);
    this.log.info({ sn, employeeId, pin: user.pin }, 'employee created from a user enrolled on a clock');
    this.recordClockChanges(sn, user.pin, [
      { field: 'newUser', clockValue: user.name, portalValue: employeeId },
      ...disagreementsOf(user, employee),
    ]);
  }

  private recordClockChanges(sn: string, pin: string, changes: readonly ClockChangeField[]): void {
    const receivedAt = this.now();
    for (const change of changes) {
      this.store.clockChanges.add({ sn, pin, ...change, receivedAt });
      if (change.field === 'newUser') continue;
      this.log.warn({ sn, pin, ...change }, 'a clock reported a user unlike the portal’s profile; not taken');
    }
  }
}

/** What one clock change says; `newUser` besides the fields of disagreementsOf. */
type ClockChangeField = Disagreement | { field: 'newUser'; clockValue: string; portalValue: string };

function sameUser(a: User, b: User): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
