// Clocks, the punches they uploaded (one row per clock, PIN and time) and their operation records.
import type Database from 'better-sqlite3';
import type { NewOperation } from '../../../firmware/index.js';
import type { AttlogRecord } from '../../protocol/index.js';
import type { ClockAuth, CloudClock, CloudPunch } from '../types.js';

interface ClockRow {
  sn: string;
  name: string;
  registered_at: number;
  last_seen: number | null;
  info: string;
  attlog_stamp: string;
  operlog_stamp: string;
  auth: ClockAuth;
  key_pickup: string | null;
}

/**
 * A clock's last-seen time lives in memory, where the portal and the API read it; the database gets it when
 * it matters: the first call a process hears from the clock, its return after a silence of a minute or
 * more (it was offline), the first call of each new minute, and close. A poll every few seconds is then one
 * write a minute, and an ungraceful kill loses less than a minute of last-seen (never a punch: those are
 * written in their upload's transaction).
 */
const LAST_SEEN_MINUTE_MS = 60_000;

export class ClockRepository {
  /** The freshest last-seen time per clock, and the one last written: the database lags by under a minute. */
  private readonly seen = new Map<string, { at: number; written: number }>();
  /** The info as last written or read, per clock (mergeInfo). */
  private readonly info = new Map<string, { text: string; fields: Record<string, string> }>();
  private readonly byId: Database.Statement<[string], ClockRow>;
  private readonly writeSeen: Database.Statement<[number, string]>;
  private readonly writeInfo: Database.Statement<[string, string]>;
  private readonly writeStamp: Record<'attlog' | 'operlog', Database.Statement<[string, string]>>;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM clocks WHERE sn = ?');
    this.writeSeen = db.prepare('UPDATE clocks SET last_seen = ? WHERE sn = ?');
    this.writeInfo = db.prepare('UPDATE clocks SET info = ? WHERE sn = ?');
    this.writeStamp = {
      attlog: db.prepare('UPDATE clocks SET attlog_stamp = ? WHERE sn = ?'),
      operlog: db.prepare('UPDATE clocks SET operlog_stamp = ? WHERE sn = ?'),
    };
  }

  /** `onlineWithinMs`: how recently a clock must have been seen to count as online (3 × Delay). */
  get(sn: string, now: number, onlineWithinMs: number): CloudClock | undefined {
    const row = this.byId.get(sn);
    return row && this.clockOf(row, now, onlineWithinMs);
  }

  exists(sn: string): boolean {
    return this.seen.has(sn) || this.byId.get(sn) !== undefined;
  }

  list(now: number, onlineWithinMs: number): CloudClock[] {
    const rows = this.db.prepare<[], ClockRow>('SELECT * FROM clocks ORDER BY sn').all();
    return rows.map((row) => this.clockOf(row, now, onlineWithinMs));
  }

  /** Up to `limit` clocks after the serial number `after` (exclusive), in serial-number order. */
  page(after: string, limit: number, now: number, onlineWithinMs: number): CloudClock[] {
    const sql = 'SELECT * FROM clocks WHERE sn > ? ORDER BY sn LIMIT ?';
    const rows = this.db.prepare<[string, number], ClockRow>(sql).all(after, limit);
    return rows.map((row) => this.clockOf(row, now, onlineWithinMs));
  }

  /** Registers a clock; false when it was already known (its name is then kept). */
  register(sn: string, name: string, now: number): boolean {
    const sql = 'INSERT OR IGNORE INTO clocks (sn, name, registered_at) VALUES (?, ?, ?)';
    return this.db.prepare(sql).run(sn, name, now).changes > 0;
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM clocks').pluck().get() as number;
  }

  rename(sn: string, name: string): boolean {
    return this.db.prepare('UPDATE clocks SET name = ? WHERE sn = ?').run(name, sn).changes > 0;
  }

  touch(sn: string, now: number): void {
    const entry = this.seen.get(sn);
    if (entry !== undefined && now >= entry.at && !mattersOnDisk(entry, now)) {
      entry.at = now;
      return;
    }
    this.writeSeen.run(now, sn);
    if (entry === undefined) this.seen.set(sn, { at: now, written: now });
    else entry.at = entry.written = now;
  }

  /** Writes every last-seen time still only in memory (on close), in one transaction. */
  flush(): void {
    const behind = [...this.seen].filter(([, entry]) => entry.at !== entry.written);
    if (behind.length === 0) return;
    this.db.transaction(() => {
      for (const [sn, entry] of behind) {
        this.writeSeen.run(entry.at, sn);
        entry.written = entry.at;
      }
    })();
  }

  /**
   * A clock's INFO moves with each punch it makes (its counts): the info last written is kept here, so that
   * a change is one UPDATE, without reading and parsing the row first.
   */
  mergeInfo(sn: string, info: Record<string, string>): void {
    let known = this.info.get(sn);
    if (known === undefined) {
      const row = this.byId.get(sn);
      if (row === undefined) return;
      known = { text: row.info, fields: JSON.parse(row.info) as Record<string, string> };
    }
    const fields = { ...known.fields, ...info };
    const text = JSON.stringify(fields);
    // A clock sends the same INFO with poll after poll: only a change is written.
    if (text !== known.text) this.writeInfo.run(text, sn);
    this.info.set(sn, { text, fields });
  }

  /** Forgets the info kept (a transaction rolled back: what was written inside it is undone). */
  forgetCached(): void {
    this.info.clear();
  }

  setStamp(sn: string, table: 'attlog' | 'operlog', stamp: string): void {
    this.writeStamp[table].run(stamp, sn);
  }

  private clockOf(row: ClockRow, now: number, onlineWithinMs: number): CloudClock {
    const lastSeen = this.seen.get(row.sn)?.at ?? row.last_seen ?? undefined;
    const clock: CloudClock = {
      sn: row.sn,
      name: row.name,
      registeredAt: row.registered_at,
      online: lastSeen !== undefined && now - lastSeen <= onlineWithinMs,
      info: JSON.parse(row.info) as Record<string, string>,
      attlogStamp: row.attlog_stamp,
      operlogStamp: row.operlog_stamp,
      auth: row.auth,
    };
    if (row.auth === 'key') clock.keyState = row.key_pickup === null ? 'taken' : 'waiting';
    if (lastSeen !== undefined) clock.lastSeen = lastSeen;
    return clock;
  }
}

/** Whether a call at `now` is written: the clock was silent a minute or more, or a new minute began. */
function mattersOnDisk(entry: { at: number; written: number }, now: number): boolean {
  if (now - entry.at >= LAST_SEEN_MINUTE_MS) return true;
  return Math.floor(now / LAST_SEEN_MINUTE_MS) !== Math.floor(entry.written / LAST_SEEN_MINUTE_MS);
}

export interface PunchQuery {
  sn?: string;
  pin?: string;
  employeeId?: string;
  /** Local times, inclusive. */
  from?: number;
  to?: number;
  /** Punches with an id above this, for paging. */
  afterId?: number;
  limit: number;
}

interface PunchRow {
  id: number;
  sn: string;
  pin: string;
  time: number;
  status: number;
  verify: number;
  work_code: string;
  received_at: number;
  employee_id: string | null;
}

export class PunchRepository {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO punches (sn, pin, time, status, verify, work_code, received_at, employee_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT employee_id FROM employees WHERE badge = ?))`,
    );
  }

  /** Adds the records not already there; returns how many were new. Call inside a transaction. */
  add(sn: string, records: readonly AttlogRecord[], now: number): number {
    let added = 0;
    for (const r of records)
      added += this.insert.run(sn, r.pin, r.time, r.status, r.verify, r.workCode, now, r.pin).changes;
    return added;
  }

  query(q: PunchQuery): CloudPunch[] {
    const { where, args } = conditions([
      ['sn = ?', q.sn],
      ['pin = ?', q.pin],
      ['employee_id = ?', q.employeeId],
      ['time >= ?', q.from],
      ['time <= ?', q.to],
      ['id > ?', q.afterId],
    ]);
    const sql = `SELECT * FROM punches ${where} ORDER BY id LIMIT ?`;
    const rows = this.db.prepare<(string | number)[], PunchRow>(sql).all(...args, q.limit);
    return rows.map(punchOf);
  }

  /** One punch as the clock sent it. */
  get(id: number): CloudPunch | undefined {
    const row = this.db.prepare<[number], PunchRow>('SELECT * FROM punches WHERE id = ?').get(id);
    return row === undefined ? undefined : punchOf(row);
  }

  count(sn?: string): number {
    const sql = sn === undefined ? 'SELECT count(*) FROM punches' : 'SELECT count(*) FROM punches WHERE sn = ?';
    const statement = this.db.prepare(sql).pluck();
    return (sn === undefined ? statement.get() : statement.get(sn)) as number;
  }
}

export class OperationRepository {
  /** Prepared once: an OPERLOG upload comes with every user a clock saves. */
  private readonly insert: Database.Statement<[string, number, string, number, string, number]>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO operations (sn, op, admin, time, vals, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Adds operation records, once each; returns how many were new. */
  add(sn: string, operations: readonly NewOperation[], now: number): number {
    let added = 0;
    for (const o of operations)
      added += this.insert.run(sn, o.op, o.admin, o.time, JSON.stringify(o.values), now).changes;
    return added;
  }

  list(sn: string, limit: number): (NewOperation & { receivedAt: number })[] {
    const rows = this.db
      .prepare<[string, number], { op: number; admin: string; time: number; vals: string; received_at: number }>(
        'SELECT op, admin, time, vals, received_at FROM operations WHERE sn = ? ORDER BY id DESC LIMIT ?',
      )
      .all(sn, limit);
    return rows.map((r) => ({
      op: r.op,
      admin: r.admin,
      time: r.time,
      values: JSON.parse(r.vals) as NewOperation['values'],
      receivedAt: r.received_at,
    }));
  }
}

/** A WHERE clause of the conditions whose value is given, and their arguments in order. */
export function conditions(pairs: [sql: string, value: string | number | undefined][]): {
  where: string;
  args: (string | number)[];
} {
  const given = pairs.filter((pair): pair is [string, string | number] => pair[1] !== undefined);
  return {
    where: given.length === 0 ? '' : `WHERE ${given.map(([sql]) => sql).join(' AND ')}`,
    args: given.map(([, value]) => value),
  };
}

function punchOf(r: PunchRow): CloudPunch {
  return {
    id: r.id,
    sn: r.sn,
    pin: r.pin,
    time: r.time,
    status: r.status,
    verify: r.verify,
    workCode: r.work_code,
    receivedAt: r.received_at,
    ...(r.employee_id === null ? {} : { employeeId: r.employee_id }),
  };
}
