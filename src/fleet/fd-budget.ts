// File descriptors a fleet needs, against what the process may open. With --data each clock keeps two
// files open (its SQLite file and the -wal: WAL mode, whose index the store keeps in memory), on top of the shared transport's sockets
// and the process's own. Node raises its soft limit to the hard one when it starts, so the hard limit is
// the budget and nothing here can raise it further: a run that would not fit is refused up front, naming
// the numbers and the ways out, rather than dying at the clock that finds no descriptor left.
import fs from 'node:fs';

/** Measured (test/store/sqlite.test.ts): a clock's SQLite store holds the database and its -wal open. */
export const FDS_PER_CLOCK = 2;
/** Node, its modules, stdio, the embedded cloud's pipes, the report files and some slack. */
export const FDS_OF_PROCESS = 64;

export interface FdBudget {
  clocks: number;
  /** Descriptors per clock: FDS_PER_CLOCK with SQLite files, none with memory stores. */
  perClock: number;
  sockets: number;
}

/** Descriptors the run needs at most. */
export function fdsNeeded(budget: FdBudget): number {
  return budget.clocks * budget.perClock + budget.sockets + FDS_OF_PROCESS;
}

/** The soft limit on open files of this process (after Node raised it), from /proc; undefined off Linux. */
export function openFileLimit(limits = '/proc/self/limits'): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(limits, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
  if (!match) return undefined;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/** Why the run does not fit the limit, with the numbers and the ways out; undefined when it fits. */
export function fdProblem(budget: FdBudget, limit: number | undefined): string | undefined {
  const need = fdsNeeded(budget);
  if (limit === undefined || need <= limit) return undefined;
  const n = (v: number) => v.toLocaleString('en-US');
  const spare = limit - budget.sockets - FDS_OF_PROCESS;
  const fit = Math.max(0, Math.floor(spare / budget.perClock));
  return (
    `${n(budget.clocks)} clocks with --data keep ${budget.perClock} files open each (the SQLite file and its ` +
    `-wal): ${n(budget.clocks * budget.perClock)} + ${n(budget.sockets)} sockets + ${FDS_OF_PROCESS} for ` +
    `the process = ${n(need)} file descriptors, but this process may open ${n(limit)} (its hard limit, ` +
    `ulimit -Hn). Raise the hard limit to ${n(need)} or more (ulimit -n ${need} before starting, ` +
    `--ulimit nofile=${need}:${need} for a container, LimitNOFILE=${need} for a systemd unit), run at most ` +
    `${n(fit)} clocks a process (--shard), or leave out --data (stores in memory)`
  );
}
