// Rollback for the in-memory adapter: each write inside a transaction leaves a closure that undoes it,
// so that a failed transaction costs what it wrote, not a copy of the whole store.
import { codedTypeError } from '../errors.js';

export class UndoLog {
  private entries: (() => void)[] = [];
  private depth = 0;

  /** Keeps `undo` only while a transaction runs; outside one, writes are final at once. */
  record(undo: () => void): void {
    if (this.depth > 0) this.entries.push(undo);
  }

  /** Nested calls roll back to their own start, like SQLite savepoints. */
  run<T>(fn: () => T): T {
    const mark = this.entries.length;
    this.depth += 1;
    try {
      const result = fn();
      if (isThenable(result)) {
        // Matches better-sqlite3: the writes after the first await would escape the transaction.
        throw codedTypeError('TC_ERR_STORE_ASYNC_TRANSACTION', 'Transaction function cannot return a promise');
      }
      return result;
    } catch (error) {
      this.rollbackTo(mark);
      throw error;
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.entries = [];
    }
  }

  private rollbackTo(mark: number): void {
    while (this.entries.length > mark) this.entries.pop()!();
  }
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
