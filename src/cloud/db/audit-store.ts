// The audit log's table: one row per change (who, when, what, before and after), kept to the newest N rows,
// read newest first with filters (actor, kind of thing, time range, text) a page at a time.
import type Database from 'better-sqlite3';

/** The kinds of thing a change is made to. */
export const AUDIT_KINDS = ['employee', 'clock', 'account', 'punch'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Who made a change: a portal account, an API token, a clock (its serial number), the command line, the cloud itself. */
export const ACTOR_KINDS = ['account', 'token', 'clock', 'command-line', 'cloud'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface AuditEntry {
  id: number;
  at: number;
  actorKind: ActorKind;
  actor: string;
  kind: AuditKind;
  /** What was changed: an employee ID, a serial number, a username. */
  subject: string;
  action: string;
  /** JSON of the thing before and after the change; '' when it did not exist. */
  before: string;
  after: string;
}

export interface AuditQuery {
  /** Part of the actor's name (any case). */
  actor?: string;
  kind?: AuditKind;
  /** From this time (ms, inclusive) to this time (exclusive). */
  from?: number;
  to?: number;
  /** Part of the subject, action, before or after (any case). */
  text?: string;
  limit: number;
  offset: number;
}

/** The columns as an AuditEntry names them. */
const ENTRY_COLUMNS = 'id, at, actor_kind AS actorKind, actor, kind, subject, action, before, after';

export class AuditRepository {
  private readonly insert: Database.Statement<[number, string, string, string, string, string, string, string]>;
  private readonly trim: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, actor_kind, actor, kind, subject, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.trim = db.prepare('DELETE FROM audit_log WHERE id <= ?');
  }

  /** Adds the entry and drops what falls past the newest `keep` rows (ids only grow: the oldest go first). */
  add(entry: Omit<AuditEntry, 'id'>, keep: number): number {
    const { at, actorKind, actor, kind, subject, action, before, after } = entry;
    const id = Number(this.insert.run(at, actorKind, actor, kind, subject, action, before, after).lastInsertRowid);
    if (id > keep) this.trim.run(id - keep);
    return id;
  }

  list(query: AuditQuery): AuditEntry[] {
    const { where, values } = whereOf(query);
    return this.db
      .prepare<unknown[], AuditEntry>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
      )
      .all(...values, query.limit, query.offset);
  }

  count(query: Omit<AuditQuery, 'limit' | 'offset'>): number {
    const { where, values } = whereOf(query);
    return this.db
      .prepare(`SELECT count(*) FROM audit_log ${where}`)
      .pluck()
      .get(...values) as number;
  }
}

/** Text is matched with instr() on lower-cased columns: no LIKE wildcards to escape in what people type. */
function whereOf(query: Omit<AuditQuery, 'limit' | 'offset'>): { where: string; values: unknown[] } {
  const terms: string[] = [];
  const values: unknown[] = [];
  if (query.actor) {
    terms.push('instr(lower(actor), ?) > 0');
    values.push(query.actor.toLowerCase());
  }
  if (query.kind) {
    terms.push('kind = ?');
    values.push(query.kind);
  }
  if (query.from !== undefined) {
    terms.push('at >= ?');
    values.push(query.from);
  }
  if (query.to !== undefined) {
    terms.push('at < ?');
    values.push(query.to);
  }
  if (query.text) {
    terms.push("instr(lower(subject || ' ' || action || ' ' || before || ' ' || after), ?) > 0");
    values.push(query.text.toLowerCase());
  }
  return { where: terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`, values };
}
