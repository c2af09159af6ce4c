// The per-clock command queue and each command's life: queued → sent → done, or failed with the
// clock's Return code (or a note when the clock never answered).
import type Database from 'better-sqlite3';
import type { PushCommand } from '../../protocol/index.js';
import { conditions } from './clocks-store.js';
import type { CommandState, QueuedCommand } from '../types.js';

interface CommandRow {
  id: number;
  sn: string;
  command: string;
  state: string;
  return_code: number | null;
  note: string | null;
  reply: string;
  created_at: number;
  sent_at: number | null;
  sends: number;
  finished_at: number | null;
}

export interface DueQuery {
  sn: string;
  now: number;
  /** A sent command not answered within this long is sent again. */
  resendAfterMs: number;
  /** Commands younger than this are held back (the "delay commands" fault). */
  holdMs: number;
  limit: number;
}

export class CommandRepository {
  private readonly pending: Database.Statement<[string], CommandRow>;
  private readonly byId: Database.Statement<[number], CommandRow>;
  private readonly insert: Database.Statement<[string, string, number]>;
  private readonly sentUpdate: Database.Statement<[number, number]>;
  private readonly answerUpdate: Database.Statement<[string, number, string, number, number]>;
  private readonly finishUpdate: Database.Statement<[string, string, number, number, number]>;
  /**
   * Clocks known to have no command queued or sent: most polls find nothing, and are answered without a
   * query. A clock leaves the set when a command is queued for it (the only way one becomes pending: no
   * command is ever deleted or put back in the queue) and all leave it when a transaction rolls back.
   */
  private readonly idle = new Set<string>();

  constructor(private readonly db: Database.Database) {
    // Times are compared in JS, not in SQL: bound values in these terms made SQLite plan the statement
    // again on every run (30× slower), and a clock has few pending commands.
    this.pending = db.prepare(`SELECT * FROM commands WHERE sn = ? AND state IN ('queued', 'sent') ORDER BY id`);
    this.byId = db.prepare('SELECT * FROM commands WHERE id = ?');
    this.insert = db.prepare("INSERT INTO commands (sn, command, state, created_at) VALUES (?, ?, 'queued', ?)");
    this.sentUpdate = db.prepare("UPDATE commands SET state = 'sent', sent_at = ?, sends = sends + 1 WHERE id = ?");
    this.answerUpdate = db.prepare(
      'UPDATE commands SET state = ?, return_code = ?, reply = ?, finished_at = ?, note = NULL WHERE id = ?',
    );
    this.finishUpdate = db.prepare(
      'UPDATE commands SET state = ?, note = ?, finished_at = ?, sent_at = coalesce(sent_at, ?) WHERE id = ?',
    );
  }

  enqueue(sn: string, command: PushCommand, now: number): QueuedCommand {
    this.idle.delete(sn);
    const info = this.insert.run(sn, JSON.stringify(command), now);
    return this.get(String(info.lastInsertRowid))!;
  }

  get(id: string): QueuedCommand | undefined {
    if (!/^\d{1,16}$/.test(id)) return undefined;
    const row = this.byId.get(Number(id));
    return row && commandOf(row);
  }

  /** What a getrequest from this clock should carry now, oldest first. */
  due(q: DueQuery): QueuedCommand[] {
    const due: QueuedCommand[] = [];
    if (this.idle.has(q.sn)) return due;
    const created = q.now - q.holdMs;
    const sent = q.now - q.resendAfterMs;
    let pending = false;
    for (const row of this.pending.iterate(q.sn)) {
      pending = true;
      if (row.created_at > created || (row.state === 'sent' && (row.sent_at ?? 0) > sent)) continue;
      due.push(commandOf(row));
      if (due.length >= q.limit) break;
    }
    if (!pending) this.idle.add(q.sn);
    return due;
  }

  /** Forgets which clocks are idle (a transaction rolled back: what was read inside it may be undone). */
  forgetCached(): void {
    this.idle.clear();
  }

  markSent(ids: readonly string[], now: number): void {
    for (const id of ids) this.sentUpdate.run(now, Number(id));
  }

  /**
   * Records the clock's answer. An answer for a command already finished changes nothing (the clock
   * answers a command delivered twice again); returns the command, or undefined when it is not this clock's.
   */
  answer(
    sn: string,
    id: string,
    returnCode: number,
    reply: Record<string, string>,
    now: number,
  ): QueuedCommand | undefined {
    const command = this.get(id);
    if (command === undefined || command.sn !== sn) return undefined;
    if (command.state === 'queued' || command.state === 'sent') {
      const state = returnCode === 0 ? 'done' : 'failed';
      this.answerUpdate.run(state, returnCode, JSON.stringify(reply), now, Number(id));
    }
    return this.get(id);
  }

  /** Ends a command without an answer from the clock, saying why. */
  finish(id: string, state: 'done' | 'failed', note: string, now: number): void {
    this.finishUpdate.run(state, note, now, now, Number(id));
  }

  list(q: { sn?: string; state?: CommandState; limit: number }): QueuedCommand[] {
    const { where, args } = conditions([
      ['sn = ?', q.sn],
      ['state = ?', q.state],
    ]);
    const sql = `SELECT * FROM commands ${where} ORDER BY id LIMIT ?`;
    return this.db
      .prepare<(string | number)[], CommandRow>(sql)
      .all(...args, q.limit)
      .map(commandOf);
  }

  /** A clock's latest commands, newest first (the clock's page). */
  recent(sn: string, limit: number): QueuedCommand[] {
    return this.db
      .prepare<[string, number], CommandRow>('SELECT * FROM commands WHERE sn = ? ORDER BY id DESC LIMIT ?')
      .all(sn, limit)
      .map(commandOf);
  }

  /** Commands in a state, over every clock. */
  countState(state: CommandState): number {
    return this.db.prepare('SELECT count(*) FROM commands WHERE state = ?').pluck().get(state) as number;
  }

  countPending(sn: string): number {
    const sql = "SELECT count(*) FROM commands WHERE sn = ? AND state IN ('queued', 'sent')";
    return this.db.prepare(sql).pluck().get(sn) as number;
  }
}

function commandOf(row: CommandRow): QueuedCommand {
  const command: QueuedCommand = {
    id: String(row.id),
    sn: row.sn,
    command: JSON.parse(row.command) as PushCommand,
    state: row.state as CommandState,
    reply: JSON.parse(row.reply) as Record<string, string>,
    createdAt: row.created_at,
    sends: row.sends,
  };
  if (row.return_code !== null) command.returnCode = row.return_code;
  if (row.note !== null) command.note = row.note;
  if (row.sent_at !== null) command.sentAt = row.sent_at;
  if (row.finished_at !== null) command.finishedAt = row.finished_at;
  return command;
}
