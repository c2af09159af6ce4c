// A statement prepared on its first use, not when the store opens: a prepared statement holds ~5 KiB of
// SQLite's memory, a store has ~30, and most clocks of a fleet never run most of them (BENCHMARKS.md § fleet).
import type Database from 'better-sqlite3';

/**
 * What the store's tables are built on: a connection, or one clock's part of a file shared by many
 * (shared-db.ts), whose statements run on that clock's rows.
 */
export type StoreDb = Pick<Database.Database, 'prepare' | 'transaction' | 'name'>;

export class LazyStatement<P extends unknown[], R = unknown> {
  private statement: Database.Statement<P, R> | undefined;

  constructor(
    private readonly db: StoreDb,
    readonly sql: string,
    private readonly plucked = false,
  ) {}

  /** The first column of each row instead of the row, as better-sqlite3's pluck(). */
  pluck(): LazyStatement<P, R> {
    return new LazyStatement<P, R>(this.db, this.sql, true);
  }

  get(...params: P): R | undefined {
    return this.prepared().get(...params);
  }

  all(...params: P): R[] {
    return this.prepared().all(...params);
  }

  run(...params: P): Database.RunResult {
    return this.prepared().run(...params);
  }

  private prepared(): Database.Statement<P, R> {
    if (this.statement === undefined) {
      const statement = this.db.prepare<P, R>(this.sql);
      this.statement = this.plucked ? statement.pluck() : statement;
    }
    return this.statement;
  }
}

/** `db.prepare(sql)`, prepared when first run. */
export function lazy<P extends unknown[] = unknown[], R = unknown>(db: StoreDb, sql: string): LazyStatement<P, R> {
  return new LazyStatement<P, R>(db, sql);
}
