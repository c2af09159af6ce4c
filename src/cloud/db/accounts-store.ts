// Portal accounts, their API tokens and the sign-in sessions, in the cloud database.
import type Database from 'better-sqlite3';

export type AccountRole = 'sysadmin' | 'readonly';
export const ACCOUNT_ROLES: readonly AccountRole[] = ['sysadmin', 'readonly'];

export interface Account {
  username: string;
  role: AccountRole;
  createdAt: number;
  failures: number;
  /** UTC ms until which sign-in is refused; 0 when not locked. */
  lockedUntil: number;
}

interface AccountRow {
  username: string;
  role: string;
  password_hash: string;
  created_at: number;
  failures: number;
  locked_until: number;
}

export interface ApiToken {
  id: number;
  username: string;
  name: string;
  createdAt: number;
  lastUsed?: number;
}

export class AccountRepository {
  private readonly byName: Database.Statement<[string], AccountRow>;

  constructor(private readonly db: Database.Database) {
    this.byName = db.prepare('SELECT * FROM accounts WHERE username = ?');
  }

  get(username: string): (Account & { passwordHash: string }) | undefined {
    const row = this.byName.get(username);
    return row && { ...accountOf(row), passwordHash: row.password_hash };
  }

  list(): Account[] {
    return this.db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY username').all().map(accountOf);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
  }

  countRole(role: AccountRole): number {
    return this.db.prepare('SELECT count(*) FROM accounts WHERE role = ?').pluck().get(role) as number;
  }

  create(username: string, role: AccountRole, passwordHash: string, now: number): boolean {
    const sql = 'INSERT OR IGNORE INTO accounts (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)';
    return this.db.prepare(sql).run(username, role, passwordHash, now).changes > 0;
  }

  setPassword(username: string, passwordHash: string): boolean {
    const sql = 'UPDATE accounts SET password_hash = ?, failures = 0, locked_until = 0 WHERE username = ?';
    return this.db.prepare(sql).run(passwordHash, username).changes > 0;
  }

  setFailures(username: string, failures: number, lockedUntil: number): void {
    this.db
      .prepare('UPDATE accounts SET failures = ?, locked_until = ? WHERE username = ?')
      .run(failures, lockedUntil, username);
  }

  remove(username: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE username = ?').run(username).changes > 0;
  }
}

export class TokenRepository {
  constructor(private readonly db: Database.Database) {}

  add(username: string, name: string, hash: string, now: number): ApiToken {
    const sql = 'INSERT INTO api_tokens (username, name, token_hash, created_at) VALUES (?, ?, ?, ?)';
    const id = Number(this.db.prepare(sql).run(username, name, hash, now).lastInsertRowid);
    return { id, username, name, createdAt: now };
  }

  /** The account a token hash belongs to and the token's name, marking the token used. */
  use(hash: string, now: number): { username: string; name: string } | undefined {
    const row = this.db
      .prepare<[string], { id: number; username: string; name: string }>(
        'SELECT id, username, name FROM api_tokens WHERE token_hash = ?',
      )
      .get(hash);
    if (row === undefined) return undefined;
    this.db.prepare('UPDATE api_tokens SET last_used = ? WHERE id = ?').run(now, row.id);
    return { username: row.username, name: row.name };
  }

  list(username: string): ApiToken[] {
    const rows = this.db
      .prepare<[string], { id: number; username: string; name: string; created_at: number; last_used: number | null }>(
        'SELECT id, username, name, created_at, last_used FROM api_tokens WHERE username = ? ORDER BY id',
      )
      .all(username);
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      name: r.name,
      createdAt: r.created_at,
      ...(r.last_used === null ? {} : { lastUsed: r.last_used }),
    }));
  }

  revoke(username: string, id: number): boolean {
    return this.db.prepare('DELETE FROM api_tokens WHERE id = ? AND username = ?').run(id, username).changes > 0;
  }
}

/** Sign-in sessions by id; an expired one reads as absent and is deleted on the next sweep. */
export class SessionRepository {
  private readonly read: Database.Statement<[string, number], { data: string }>;
  private readonly write: Database.Statement<[string, string, number]>;
  private readonly drop: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.read = db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?');
    this.write = db.prepare(
      'INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
    );
    this.drop = db.prepare('DELETE FROM sessions WHERE sid = ?');
  }

  get(sid: string, now: number): unknown {
    const row = this.read.get(sid, now);
    return row === undefined ? undefined : (JSON.parse(row.data) as unknown);
  }

  set(sid: string, data: unknown, expiresAt: number): void {
    this.write.run(sid, JSON.stringify(data), expiresAt);
  }

  destroy(sid: string): void {
    this.drop.run(sid);
  }

  /** Ends every session signed in as `username` but `keep` (the one changing its own password); how many. */
  destroyFor(username: string, keep = ''): number {
    const sql = "DELETE FROM sessions WHERE json_extract(data, '$.username') = ? AND sid <> ?";
    return this.db.prepare(sql).run(username, keep).changes;
  }

  sweep(now: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }
}

function accountOf(row: AccountRow): Account {
  return {
    username: row.username,
    role: row.role as AccountRole,
    createdAt: row.created_at,
    failures: row.failures,
    lockedUntil: row.locked_until,
  };
}
