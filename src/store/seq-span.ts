// The seq span of a SQLite log that only grows and is only ever cleared whole (punches, operations):
// the next seq (AUTOINCREMENT's counter, which clear() does not lower) and the first one kept. Read once
// and then kept, since every punch asks for both (its record's seq, the log's capacity) and the store's
// file is this process's alone. A rolled-back transaction may have undone appends or a clear: the store
// makes the span forget then, and it reads SQLite again.
import type Database from 'better-sqlite3';
import { codedError } from '../errors.js';

export class SeqSpan {
  private next: number | undefined;
  /** null: the log is empty. */
  private first: number | null | undefined;
  private readonly readNext: Database.Statement<[], number>;
  private readonly readFirst: Database.Statement<[], number | null>;

  constructor(db: Database.Database, table: 'punches' | 'operations') {
    this.readNext = db
      .prepare<[], number>(`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = '${table}'), 0) + 1`)
      .pluck();
    this.readFirst = db.prepare<[], number | null>(`SELECT min(seq) FROM ${table}`).pluck();
  }

  nextSeq(): number {
    return (this.next ??= this.readNext.get()!);
  }

  /** Rows never leave one by one, so the span is the count. */
  count(): number {
    if (this.first === undefined) this.first = this.readFirst.get() ?? null;
    return this.first === null ? 0 : this.nextSeq() - this.first;
  }

  /** A record that carries its seq must take the next one: an older seq would be reused after clear(). */
  check(given: number | undefined): number | null {
    if (given === undefined) return null;
    const expected = this.nextSeq();
    if (given !== expected) throw codedError('TC_ERR_STORE_SEQ', `seq ${given} is not the log's next (${expected})`);
    return given;
  }

  appended(seq: number): void {
    this.next = seq + 1;
    if (this.first === null) this.first = seq;
  }

  cleared(): void {
    this.first = null;
  }

  forget(): void {
    this.next = undefined;
    this.first = undefined;
  }
}
