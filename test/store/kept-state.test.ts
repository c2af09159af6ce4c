// What the SQLite punch log keeps in memory instead of asking SQLite at every punch — each user's last
// punch and latest time (the same-second check), the count, the next seq — stays what the file says, after any sequence of appends, clears,
// committed, rolled-back and nested transactions and reopenings (fast-check); with the map of last punches
// as large as a clock's users, and so small that it overflows and starts again.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Punch } from '../../firmware/punches.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { SqlitePunchLog } from '../../src/store/sqlite-punches.js';
import { fuzzParameters, FUZZ_TIMEOUT } from '../fixtures/fuzz.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

const PINS = ['1', '2', '3', '4', '5', '6'];

type Append = { pin: number; time: number };
type Step =
  | { kind: 'append'; punch: Append }
  | { kind: 'ask'; pin: number }
  | { kind: 'clear' }
  | { kind: 'committed'; punches: Append[] }
  | { kind: 'rolledBack'; punches: Append[] }
  | { kind: 'nested'; outer: Append[]; inner: Append[] }
  | { kind: 'reopen' };

/** Times over ten seconds, two punches a second apart at most: the same-second check has work to do. */
const SECONDS = 10;
const append = fc.record({ pin: fc.nat(PINS.length - 1), time: fc.nat(2 * SECONDS).map((t) => t * 500) });
const appends = fc.array(append, { maxLength: 4 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: append.map((punch) => ({ kind: 'append' as const, punch })) },
  { weight: 2, arbitrary: fc.nat(PINS.length - 1).map((pin) => ({ kind: 'ask' as const, pin })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 1, arbitrary: appends.map((punches) => ({ kind: 'committed' as const, punches })) },
  { weight: 1, arbitrary: appends.map((punches) => ({ kind: 'rolledBack' as const, punches })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nested' as const), outer: appends, inner: appends }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
);

/** The punch log with its transactions, as a store wires them: a rollback makes the log forget. */
interface Log {
  punches: Pick<SqlitePunchLog, 'append' | 'lastFor' | 'punchedBetween' | 'count' | 'nextSeq' | 'clear' | 'after'>;
  transaction<T>(fn: () => T): T;
  reopen(): Log;
  close(): void;
}

function realStore(file: string): Log {
  const ports = openSqlitePorts(file, { synchronous: 'normal' });
  return {
    punches: ports.punches as SqlitePunchLog,
    transaction: (fn) => ports.transaction(fn),
    reopen: () => (ports.close(), realStore(file)),
    close: () => ports.close(),
  };
}

/** The log alone on a file, with a map of `kept` users at most, wired to its transactions as the store does. */
function smallMap(file: string, kept: number, fresh = true): Log {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (fresh) for (const migration of MIGRATIONS) migration.up(db);
  const punches = new SqlitePunchLog(db, kept);
  return {
    punches,
    transaction: (fn) => {
      try {
        return db.transaction(fn).immediate();
      } catch (error) {
        punches.forget();
        throw error;
      }
    },
    reopen: () => (db.close(), smallMap(file, kept, false)),
    close: () => db.close(),
  };
}

const write = (log: Log, punches: Append[]) =>
  punches.forEach(({ pin, time }) => log.punches.append({ pin: PINS[pin]!, time, state: 0, verify: 4, workCode: 0 }));

function apply(log: Log, s: Step): Log {
  const undone = new Error('rolled back');
  const rollBack = (fn: () => void) => expect(() => log.transaction(fn)).toThrow(undone);
  switch (s.kind) {
    case 'append':
      write(log, [s.punch]);
      return log;
    case 'ask':
      log.punches.lastFor(PINS[s.pin]!);
      return log;
    case 'clear':
      log.punches.clear();
      return log;
    case 'committed':
      log.transaction(() => write(log, s.punches));
      return log;
    case 'rolledBack':
      rollBack(() => {
        write(log, s.punches);
        throw undone;
      });
      return log;
    case 'nested':
      log.transaction(() => {
        write(log, s.outer);
        rollBack(() => {
          write(log, s.inner);
          throw undone;
        });
      });
      return log;
    case 'reopen':
      return log.reopen();
  }
}

/** What the file holds, read by its key (no kept state): each user's last punch by seq, and the count. */
interface Answers {
  last: (Punch | undefined)[];
  /** Per user, the seconds holding a punch of theirs. */
  seconds: number[][];
  count: number;
}

const everySecond = Array.from({ length: SECONDS + 1 }, (_, second) => second);

/** What the file holds, read by its key (no kept state): each user's last punch by seq, their seconds, the count. */
function fileTruth(log: Log): Answers {
  const rows = log.punches.after(0, Number.MAX_SAFE_INTEGER);
  const last = PINS.map((pin) => rows.filter((row) => row.pin === pin).at(-1));
  const seconds = PINS.map((pin) =>
    everySecond.filter((s) => rows.some((row) => row.pin === pin && Math.floor(row.time / 1000) === s)),
  );
  return { last, seconds, count: rows.length };
}

function kept(log: Log): Answers {
  return {
    last: PINS.map((pin) => log.punches.lastFor(pin)),
    seconds: PINS.map((pin) => everySecond.filter((s) => log.punches.punchedBetween(pin, s * 1000, s * 1000 + 999))),
    count: log.punches.count(),
  };
}

describe('the punch log’s kept state against its file', () => {
  let dir: TempDir;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  const cases: [string, (file: string) => Log][] = [
    ['the store as it opens (a map as large as a clock’s users)', realStore],
    ['a map of 3 users among 6, which overflows and starts again', (file) => smallMap(file, 3)],
  ];
  it.each(cases)(
    '%s: last punches, seconds punched, count and next seq stay those of the file after any sequence',
    (_, open) => {
      let n = 0;
      fc.assert(
        fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
          let log = open(dir.file(`clock-${n++}.db`));
          try {
            for (const s of steps) {
              const before = log.punches.nextSeq();
              log = apply(log, s);
              expect(kept(log)).toEqual(fileTruth(log));
              // A seq is never given twice: the next one only grows, a clear and a reopening included.
              expect(log.punches.nextSeq()).toBeGreaterThanOrEqual(before);
            }
            const next = log.punches.nextSeq();
            const last = kept(log);
            log = log.reopen();
            expect(log.punches.nextSeq()).toBe(next);
            expect(kept(log)).toEqual(last);
          } finally {
            log.close();
          }
        }),
        fuzzParameters(25),
      );
    },
    FUZZ_TIMEOUT,
  );
});
