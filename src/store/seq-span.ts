// The seq span of a SQLite log that only grows and is only ever cleared whole (punches, operations):
// the next seq and the first one kept. The log numbers its records itself — the next seq is one past
// the largest kept, or the floor clear() wrote (log_floors), whichever is higher — so an insert is one
// row in one table, with no AUTOINCREMENT counter to update, and a seq is never reused after clear().
// Read once and then kept, since every punch asks for both (its record's seq, the log's capacity) and
// the store's file is this process's alone. A rolled-back transaction may have undone appends or a
// clear: the store makes the span forget then, and it reads SQLite again.
import { lazy, type LazyStatement, type StoreDb } from './lazy-statement.js';
import { codedError } from '../errors.js';

export type LogTable = 'punches' | 'operations';

/** The span's statements for a log, named so that a test can ask SQLite how it runs each. */
export function seqSpanSql(table: LogTable) {
  return {
    next: `SELECT max(coalesce((SELECT max(seq) FROM ${table}), 0) + 1,
                  coalesce((SELECT next_seq FROM log_floors WHERE name = '${table}'), 1))`,
    first: `SELECT min(seq) FROM ${table}`,
    floor: `INSERT OR REPLACE INTO log_floors (name, next_seq) VALUES ('${table}', ?)`,
  } as const;
}

export class SeqSpan {
  private next: number | undefined;
  /** null: the log is empty. */
  private first: number | null | undefined;
  private readonly readNext: LazyStatement<[], number>;
  private readonly readFirst: LazyStatement<[], number | null>;
  private readonly writeFloor: LazyStatement<[number]>;

  constructor(
    private readonly db: StoreDb,
    table: LogTable,
  ) {
    const sql = seqSpanSql(table);
    this.readNext = lazy<[], number>(db, sql.next).pluck();
    this.readFirst = lazy<[], number | null>(db, sql.first).pluck();
    this.writeFloor = lazy(db, sql.floor);
  }

  nextSeq(): number {
    return (this.next ??= this.readNext.get()!);
  }

  /** Rows never leave one by one, so the span is the count. */
  count(): number {
    if (this.first === undefined) this.first = this.readFirst.get() ?? null;
    return this.first === null ? 0 : this.nextSeq() - this.first;
  }

  /**
   * The seq an append takes. A record that carries its seq must take the next one: an older seq would
   * be reused after clear().
   */
  take(given: number | undefined): number {
    const expected = this.nextSeq();
    if (given !== undefined && given !== expected)
      throw codedError('TC_ERR_STORE_SEQ', `seq ${given} is not the log's next (${expected})`);
    return expected;
  }

  appended(seq: number): void {
    this.next = seq + 1;
    if (this.first === null) this.first = seq;
  }

  /**
   * Empties the log: the floor keeps the numbering going, written in the same transaction as the
   * delete (a savepoint inside the caller's). A failed clear leaves the span to be read again.
   */
  clear(deleteRows: LazyStatement<[]>): void {
    try {
      this.db.transaction(() => {
        this.writeFloor.run(this.nextSeq());
        deleteRows.run();
      })();
      this.first = null;
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  forget(): void {
    this.next = undefined;
    this.first = undefined;
  }
}
