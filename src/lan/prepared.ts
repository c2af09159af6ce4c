// The attendance table as a bulk read sends it, built once and shared: every client reading the same
// unchanged table gets the same buffer (60 clients cost one table, not 60), and it is built in slices
// of punches with a turn of the event loop between them, so other clients and the clock are served
// meanwhile (100,000 records never block the loop for more than a slice).
import type { Clock } from '../runtime/index.js';
import type { ATT_16 } from './records.js';
import { ATT_40, encodeAttendance16Into, encodeAttendance40Into } from './records.js';
import { uidsByPin } from './tables.js';

/** Punches encoded per slice: a few milliseconds of work on a quiet machine. */
export const SLICE_PUNCHES = 2_000;

export type AttendanceForm = typeof ATT_40 | typeof ATT_16;

interface Entry {
  stamp: string;
  table: Promise<Buffer>;
}

/** One per listener. `changed()` is called on every fact that may change what a table holds. */
export class PreparedTables {
  private generation = 0;
  private readonly entries = new Map<AttendanceForm, Entry>();

  constructor(private readonly clock: Clock) {}

  changed(): void {
    this.generation++;
    // A table being built for an older generation is kept by those reading it, not by the cache.
    this.entries.clear();
  }

  /** `u32 size | records` of the whole attendance log, in the given record form. */
  attendance(form: AttendanceForm): Promise<Buffer> {
    const { punches, users } = this.clock.records;
    const stamp = `${this.generation}:${punches.nextSeq()}:${punches.count()}:${users.count()}`;
    const cached = this.entries.get(form);
    if (cached !== undefined && cached.stamp === stamp) return cached.table;
    const table = this.build(form);
    this.entries.set(form, { stamp, table });
    // A failed build is not kept: the next read tries again.
    table.catch(() => this.entries.get(form)?.table === table && this.entries.delete(form));
    return table;
  }

  private async build(form: AttendanceForm): Promise<Buffer> {
    const { punches } = this.clock.records;
    const count = punches.count();
    const uids = form === ATT_40 ? uidsByPin(this.clock) : undefined;
    const table = Buffer.alloc(4 + count * form);
    let at = 4;
    let seq = 0;
    for (;;) {
      // The log may grow while slices are built: the table holds the punches counted at the start.
      const slice = punches.after(seq, Math.min(SLICE_PUNCHES, (table.length - at) / form));
      if (slice.length === 0) break;
      for (const punch of slice) {
        if (uids === undefined) encodeAttendance16Into(table, at, punch);
        else encodeAttendance40Into(table, at, punch, uids.get(punch.pin) ?? 0);
        at += form;
      }
      seq = slice[slice.length - 1]!.seq;
      if (at >= table.length) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Punches cleared while building: the table is what was read, and its size says so.
    const body = table.subarray(0, at);
    body.writeUInt32LE(at - 4, 0);
    return body;
  }
}
