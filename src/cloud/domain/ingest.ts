// What clocks upload, taken into the portal: punches (once each), operation records, and fingerprints
// enrolled on a clock that proved who it is, which then go on to the employee's other clocks. One clock's
// word rewrites nobody: cards, passwords, rights and names are the portal's; a clock reporting others is
// recorded (clock changes), not obeyed, and nothing of it reaches another clock.
import type { Template, User } from '../../../firmware/index.js';
import type { Logger } from '../../log.js';
import { BIO_TYPE_FINGERPRINT, type BioRecord } from '../../../firmware/index.js';
import type { AttlogRecord, OperlogRecord } from '../../protocol/index.js';
import type { Portal } from './portal.js';
import { disagreementsOf, splitName, userOf, type Disagreement } from './profile.js';
import type { CloudStore } from '../db/index.js';
import type { ClockAuth, Employee } from '../types.js';
import { isTemplateText } from './validate.js';
import { clockActor, type AuditChange } from './audit.js';
import { employeeFacts } from './audit-facts.js';

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

  /**
   * Returns how many punches were new; the rest were already there (uploaded again after a lost answer).
   * The upload's cursor (`stamp`), when it has one, moves in the same transaction: one commit per upload,
   * and never a cursor past punches that were not stored.
   */
  punches(sn: string, records: readonly AttlogRecord[], stamp?: string): number {
    return this.store.transaction(() => {
      const added = this.store.punches.add(sn, records, this.now());
      if (stamp) this.store.clocks.setStamp(sn, 'attlog', stamp);
      // One row per upload, not per punch: a clock's backlog of 100,000 punches must not push out the log.
      if (added > 0) {
        const action = `${added} punch${added === 1 ? '' : 'es'} uploaded (of ${records.length} sent)`;
        this.record(sn, { kind: 'punch', subject: sn, action, after: { added, sent: records.length } });
      }
      return added;
    });
  }

  private record(sn: string, change: AuditChange): void {
    this.portal.audit.record(clockActor(sn), change);
  }

  /** `trust`: how the clock proved itself; a serial number alone adds no fingerprint and no employee. */
  operlog(sn: string, records: readonly OperlogRecord[], trust: ClockAuth = 'key'): void {
    this.store.transaction(() => {
      const operations = records.flatMap((r) => (r.kind === 'operation' ? [r.operation] : []));
      this.store.operations.add(sn, operations, this.now());
      for (const record of records) {
        if (record.kind === 'user') this.user(sn, record.user, trust);
        else if (record.kind === 'template') this.template(sn, record.template, trust);
      }
    });
  }

  /**
   * A `table=BIODATA` upload: fingerprints (Type 1) are the employee's fingers, as FP lines in OPERLOG are;
   * taken on the same terms (see `template`); the portal keeps no other biometric. Returns the records it did not keep, for the answer to name.
   */
  biodata(sn: string, records: readonly BioRecord[], trust: ClockAuth): BioRecord[] {
    const refused = records.filter((r) => r.type !== BIO_TYPE_FINGERPRINT);
    this.store.transaction(() => {
      for (const record of records) if (record.type === BIO_TYPE_FINGERPRINT) this.template(sn, record.template, trust);
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
   * A user as a clock holds it is compared with the employee's profile, field by field, and nothing of it
   * is taken: card and password (a card is a key to every clock the employee uses: one clock, or a forged
   * line in its name, must not hand it to someone else), privilege and verify mode (otherwise any clock
   * could make anyone an Administrator everywhere), name, group and time zones. Each difference is
   * recorded as a clock change, for an admin to see on the clock's page and set in the portal if it was
   * meant. Which clocks the employee uses stays the portal's decision too.
   */
  private user(sn: string, user: User, trust: ClockAuth): void {
    const employee = this.store.employees.findByBadge(user.pin);
    if (employee === undefined) return this.adopt(sn, user, trust);
    this.recordClockChanges(sn, user.pin, disagreementsOf(user, employee));
  }

  /**
   * A finger enrolled on a clock is taken, and sent to the employee's other clocks, only from a clock that
   * proved itself with its device key and that the employee is assigned to: enrolling is what clocks are
   * for, and a finger opens no clock the employee does not use. Otherwise it is a clock change.
   */
  private template(sn: string, template: Template, trust: ClockAuth): void {
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
    const refusal =
      trust !== 'key'
        ? 'a clock known by its serial number alone'
        : employee.clocks.includes(sn)
          ? undefined
          : 'a clock the employee is not assigned to';
    if (refusal !== undefined) {
      const change = {
        field: 'fingerprint',
        clockValue: `FID ${template.fid}`,
        portalValue: `not taken from ${refusal}`,
      } as const;
      return this.recordClockChanges(sn, template.pin, [change]);
    }
    const existing = employee.templates.find((t) => t.fid === template.fid);
    if (existing?.template === template.template && existing.valid === template.valid) return;
    const templates = [...employee.templates.filter((t) => t.fid !== template.fid), template];
    const after = { ...employee, templates: templates.sort((a, b) => a.fid - b.fid) };
    this.store.employees.put(after);
    this.record(sn, {
      kind: 'employee',
      subject: employee.employeeId,
      action: `fingerprint ${template.fid} enrolled on the clock`,
      before: employeeFacts(employee),
      after: employeeFacts(after),
    });
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
   * Only from a clock that proved itself with its key: a serial number alone makes no employee.
   */
  private adopt(sn: string, user: User, trust: ClockAuth): void {
    if (!this.options.adoptClockUsers || trust !== 'key') {
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
    const action = 'created from a user enrolled on the clock';
    this.record(sn, { kind: 'employee', subject: employeeId, action, after: employeeFacts(employee) });
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
