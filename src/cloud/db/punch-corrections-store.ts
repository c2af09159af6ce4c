// Punch corrections as stored: each a row beside the clock's punch (which is never rewritten), the latest
// of a punch the one in force; a punch added by an administrator is a correction with no clock punch.
import type Database from 'better-sqlite3';

export type CorrectionKind = 'added' | 'corrected' | 'void';

export interface PunchCorrection {
  id: number;
  /** The punch it corrects: a clock punch's id, or minus the id of the correction that added it. */
  target: number;
  /** The clock's punch; absent for a punch added. */
  punchId?: number;
  employeeId: string;
  kind: CorrectionKind;
  /** The punch's time and state after it (clock local); a void one's, those it had when voided. */
  time: number;
  status: number;
  reason: string;
  /** Who made it: `account:ana`, `token:7`… as the request's identity names them. */
  actor: string;
  /** When, UTC ms. */
  madeAt: number;
}

interface CorrectionRow {
  id: number;
  target: number;
  punch_id: number | null;
  employee_id: string;
  kind: CorrectionKind;
  time: number;
  status: number;
  reason: string;
  actor: string;
  made_at: number;
}

export class PunchCorrectionRepository {
  constructor(private readonly db: Database.Database) {}

  /** Stores a correction; an addition's target is minus its own id, given here in the same transaction. */
  add(c: Omit<PunchCorrection, 'id' | 'target'> & { target?: number }): PunchCorrection {
    return this.db.transaction(() => {
      const id = ((this.db.prepare('SELECT max(id) FROM punch_corrections').pluck().get() as number | null) ?? 0) + 1;
      const target = c.target ?? -id;
      this.db
        .prepare(
          `INSERT INTO punch_corrections (id, target, punch_id, employee_id, kind, time, status, reason, actor, made_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          target,
          c.punchId ?? null,
          c.employeeId,
          c.kind,
          c.time ?? null,
          c.status ?? null,
          c.reason,
          c.actor,
          c.madeAt,
        );
      return { ...c, id, target };
    })();
  }

  /** The correction in force for each target asked (the latest), by target. */
  latest(targets: readonly number[]): Map<number, PunchCorrection> {
    const rows = this.db
      .prepare<[string], CorrectionRow>(
        `SELECT c.* FROM punch_corrections c WHERE c.target IN (SELECT value FROM json_each(?))
         AND c.id = (SELECT max(d.id) FROM punch_corrections d WHERE d.target = c.target)`,
      )
      .all(JSON.stringify(targets));
    return new Map(rows.map((r) => [r.target, correctionOf(r)]));
  }

  /** Every correction of one punch, oldest first: its history. */
  history(target: number): PunchCorrection[] {
    return this.db
      .prepare<[number], CorrectionRow>('SELECT * FROM punch_corrections WHERE target = ? ORDER BY id')
      .all(target)
      .map(correctionOf);
  }

  /**
   * The punches added (as they stand now, voided ones too) for an employee (or all) with
   * from <= time <= to, newest addition first.
   */
  added(q: { employeeId?: string | undefined; from?: number | undefined; to?: number | undefined }): PunchCorrection[] {
    const rows = this.db
      .prepare<{ employeeId: string | null; from: number | null; to: number | null }, CorrectionRow>(
        `SELECT c.* FROM punch_corrections c
         WHERE c.target < 0 AND c.id = (SELECT max(d.id) FROM punch_corrections d WHERE d.target = c.target)
           AND (@employeeId IS NULL OR c.employee_id = @employeeId)
           AND c.time BETWEEN coalesce(@from, -9e15) AND coalesce(@to, 9e15)
         ORDER BY c.target DESC`,
      )
      .all({ employeeId: q.employeeId ?? null, from: q.from ?? null, to: q.to ?? null });
    return rows.map(correctionOf);
  }
}

function correctionOf(r: CorrectionRow): PunchCorrection {
  return {
    id: r.id,
    target: r.target,
    ...(r.punch_id === null ? {} : { punchId: r.punch_id }),
    employeeId: r.employee_id,
    kind: r.kind,
    time: r.time,
    status: r.status,
    reason: r.reason,
    actor: r.actor,
    madeAt: r.made_at,
  };
}
