// How clocks prove who they are, in SQL: each clock's device key (its hash, and the key itself only until
// the clock's first handshake takes it) and the bounded list of unknown serial numbers waiting for an admin.
import type Database from 'better-sqlite3';
import type { ClockAuth, PendingClock } from '../types.js';

interface KeyRow {
  auth: ClockAuth;
  key_hash: string | null;
  key_pickup: string | null;
}

type DeviceKeys = { auth: ClockAuth; keyHash?: string; pickup?: string };

export class DeviceKeyRepository {
  private readonly byId: Database.Statement<[string], KeyRow>;
  /**
   * Each registered clock's keys as last read, for the request of every poll: written only here (a clock is
   * never deleted), so each write here forgets its clock's, and a rolled back transaction all of them.
   */
  private readonly cached = new Map<string, DeviceKeys>();

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT auth, key_hash, key_pickup FROM clocks WHERE sn = ?');
  }

  /** undefined for a serial number no clock has. */
  get(sn: string): DeviceKeys | undefined {
    const known = this.cached.get(sn);
    if (known !== undefined) return known;
    const row = this.byId.get(sn);
    if (row === undefined) return undefined;
    const keys: DeviceKeys = {
      auth: row.auth,
      ...(row.key_hash === null ? {} : { keyHash: row.key_hash }),
      ...(row.key_pickup === null ? {} : { pickup: row.key_pickup }),
    };
    this.cached.set(sn, keys);
    return keys;
  }

  /** Forgets every clock's keys read (a transaction rolled back: what was read inside it may be undone). */
  forgetCached(): void {
    this.cached.clear();
  }

  /** A new key (its hash kept; the key offered to the clock's next handshake when `pickup` is given). */
  setKey(sn: string, keyHash: string, pickup: string | undefined): boolean {
    this.cached.delete(sn);
    const sql = "UPDATE clocks SET auth = 'key', key_hash = ?, key_pickup = ? WHERE sn = ?";
    return this.db.prepare(sql).run(keyHash, pickup ?? null, sn).changes > 0;
  }

  /** The clock's handshake took its key: it is never offered again. */
  taken(sn: string): void {
    this.cached.delete(sn);
    this.db.prepare('UPDATE clocks SET key_pickup = NULL WHERE sn = ?').run(sn);
  }

  /** The serial number alone (a plain PUSH clock, as the admin allows): the key is forgotten. */
  setSerialOnly(sn: string): boolean {
    this.cached.delete(sn);
    const sql = "UPDATE clocks SET auth = 'serial', key_hash = NULL, key_pickup = NULL WHERE sn = ?";
    return this.db.prepare(sql).run(sn).changes > 0;
  }
}

interface PendingRow {
  sn: string;
  first_seen: number;
  last_seen: number;
  requests: number;
}

export class PendingClockRepository {
  private readonly upsert: Database.Statement<[string, number, number]>;
  private readonly countAll: Database.Statement<[], number>;
  private readonly dropOldest: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO pending_clocks (sn, first_seen, last_seen, requests) VALUES (?, ?, ?, 1)
       ON CONFLICT (sn) DO UPDATE SET last_seen = excluded.last_seen, requests = requests + 1`,
    );
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM pending_clocks').pluck();
    this.dropOldest = db.prepare(
      'DELETE FROM pending_clocks WHERE sn IN (SELECT sn FROM pending_clocks ORDER BY last_seen, sn LIMIT ?)',
    );
  }

  /**
   * Notes a request of an unknown serial number; when the list is over `limit`, the ones heard from least
   * recently go (a real clock polls again and comes back; a flood of one-off serial numbers does not).
   * Returns how many were dropped. Call inside a transaction.
   */
  note(sn: string, now: number, limit: number): number {
    this.upsert.run(sn, now, now);
    const over = this.countAll.get()! - limit;
    return over > 0 ? this.dropOldest.run(over).changes : 0;
  }

  count(): number {
    return this.countAll.get()!;
  }

  list(limit: number): PendingClock[] {
    const sql = 'SELECT * FROM pending_clocks ORDER BY last_seen DESC, sn LIMIT ?';
    return this.db
      .prepare<[number], PendingRow>(sql)
      .all(limit)
      .map((r) => ({ sn: r.sn, firstSeen: r.first_seen, lastSeen: r.last_seen, requests: r.requests }));
  }

  remove(sn: string): boolean {
    return this.db.prepare('DELETE FROM pending_clocks WHERE sn = ?').run(sn).changes > 0;
  }
}
