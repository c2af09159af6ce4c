// File descriptors a fleet needs, against what the process may open: the shared transport's sockets, the
// process's own, and with --data the one SQLite file of all the clocks (fleet-data.ts) with its -wal — two,
// whatever the number of clocks (the file is locked exclusively: its WAL index is on the heap, no -shm). Node raises its soft limit to the hard one when it starts,
// so the hard limit is the budget and nothing here can raise it further: a run that would not fit is
// refused up front, naming the numbers and the ways out, rather than dying at the socket or file that
// finds no descriptor left.
import fs from 'node:fs';

/** Measured: the clocks' shared SQLite file in WAL mode, locked exclusively, holds the database and -wal open. */
export const FDS_OF_DATA = 2;
/** Node, its modules, stdio, the embedded cloud's pipes, the report files and some slack. */
export const FDS_OF_PROCESS = 64;

export interface FdBudget {
  /** Whether the clocks keep their stores in a file (--data). */
  data: boolean;
  sockets: number;
}

/** Descriptors the run needs at most. */
export function fdsNeeded(budget: FdBudget): number {
  return (budget.data ? FDS_OF_DATA : 0) + budget.sockets + FDS_OF_PROCESS;
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
  const data = budget.data ? ` + ${FDS_OF_DATA} for --data (the clocks' SQLite file and its -wal)` : '';
  const fit = Math.max(1, limit - need + budget.sockets);
  return (
    `${n(budget.sockets)} sockets${data} + ${FDS_OF_PROCESS} for the process = ${n(need)} file descriptors, ` +
    `but this process may open ${n(limit)} (its hard limit, ulimit -Hn). Raise the hard limit to ${n(need)} ` +
    `or more (ulimit -n ${need} before starting, --ulimit nofile=${need}:${need} for a container, ` +
    `LimitNOFILE=${need} for a systemd unit) or give --max-sockets ${n(fit)} or fewer`
  );
}
