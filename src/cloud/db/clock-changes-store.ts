// What a clock reported about a user that the portal did not take: a privilege or verify mode changed
// at the clock (the portal is the authority for them), or a credential the clock lacks, kept so the
// clock's page can show it.
import type Database from 'better-sqlite3';

export interface ClockChange {
  id: number;
  sn: string;
  pin: string;
  /** `role`, `verifyMode`, `card`, `password` or `newUser`: what each means is in Ingest and disagreementsOf. */
  field: string;
  clockValue: string;
  portalValue: string;
  receivedAt: number;
}

export class ClockChangeRepository {
  constructor(private readonly db: Database.Database) {}

  add(change: Omit<ClockChange, 'id'>): void {
    this.db
      .prepare(
        'INSERT INTO clock_changes (sn, pin, field, clock_value, portal_value, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(change.sn, change.pin, change.field, change.clockValue, change.portalValue, change.receivedAt);
  }

  list(sn: string, limit: number): ClockChange[] {
    const rows = this.db
      .prepare<
        [string, number],
        {
          id: number;
          sn: string;
          pin: string;
          field: string;
          clock_value: string;
          portal_value: string;
          received_at: number;
        }
      >('SELECT * FROM clock_changes WHERE sn = ? ORDER BY id DESC LIMIT ?')
      .all(sn, limit);
    return rows.map((r) => ({
      id: r.id,
      sn: r.sn,
      pin: r.pin,
      field: r.field,
      clockValue: r.clock_value,
      portalValue: r.portal_value,
      receivedAt: r.received_at,
    }));
  }
}
