// In-memory punch and operation logs: arrays in seq order. Seq numbers are never reused, even after
// clear(), because the cloud's upload cursors count them.
import type { NewOperation, OperationLog, OperationRecord, PunchLog } from '../../firmware/index.js';
import type { NewPunch, Punch } from '../../firmware/index.js';
import type { LocalTime } from '../../firmware/index.js';
import { normalizePage } from './order.js';
import type { UndoLog } from './undo.js';

/** An append-only list whose entry i has seq firstSeq + i, so after(seq) is an index, not a search. */
class SeqList<T extends { seq: number }> {
  entries: T[] = [];
  firstSeq = 1;

  constructor(private readonly undo: UndoLog) {}

  nextSeq(): number {
    return this.firstSeq + this.entries.length;
  }

  append(entry: Omit<T, 'seq'> & { seq?: number }): T {
    const seq = this.nextSeq();
    if (entry.seq !== undefined && entry.seq !== seq)
      throw new Error(`seq ${entry.seq} is not the log's next (${seq})`);
    const record = { ...entry, seq } as T;
    this.entries.push(record);
    this.undo.record(() => this.entries.pop());
    return record;
  }

  after(afterSeq: number, limit: number): T[] {
    const start = Math.max(0, Math.floor(afterSeq) + 1 - this.firstSeq);
    return this.entries.slice(start, start + normalizePage(0, limit).limit);
  }

  clear(): void {
    const saved = { entries: this.entries, firstSeq: this.firstSeq };
    this.firstSeq += this.entries.length;
    this.entries = [];
    this.undo.record(() => Object.assign(this, saved));
  }
}

export class MemoryPunchLog implements PunchLog {
  private readonly list: SeqList<Punch>;
  /** Each user's punches in seq order: the last one and the same-second check without a scan. */
  private byPin = new Map<string, Punch[]>();

  constructor(private readonly undo: UndoLog) {
    this.list = new SeqList(undo);
  }

  append(punch: NewPunch | Punch): Punch {
    const record = this.list.append(punch);
    const own = this.byPin.get(record.pin);
    if (own) own.push(record);
    else this.byPin.set(record.pin, [record]);
    this.undo.record(() => (own ? own.pop() : this.byPin.delete(record.pin)));
    return { ...record };
  }

  nextSeq(): number {
    return this.list.nextSeq();
  }

  lastFor(pin: string): Punch | undefined {
    const punch = this.byPin.get(pin)?.at(-1);
    return punch && { ...punch };
  }

  punchedBetween(pin: string, from: LocalTime, to: LocalTime): boolean {
    return this.byPin.get(pin)?.some((p) => p.time >= from && p.time <= to) ?? false;
  }

  count(): number {
    return this.list.entries.length;
  }

  after(afterSeq: number, limit: number): Punch[] {
    return this.list.after(afterSeq, limit).map((p) => ({ ...p }));
  }

  between(from: LocalTime, to: LocalTime): Punch[] {
    // Times need not rise with seq (the RTC can be set back), so filter then sort; sort is stable.
    return this.list.entries
      .filter((p) => p.time >= from && p.time <= to)
      .sort((a, b) => a.time - b.time)
      .map((p) => ({ ...p }));
  }

  clear(): void {
    const saved = this.byPin;
    this.list.clear();
    this.byPin = new Map();
    this.undo.record(() => (this.byPin = saved));
  }
}

export class MemoryOperationLog implements OperationLog {
  private readonly list: SeqList<OperationRecord>;

  constructor(undo: UndoLog) {
    this.list = new SeqList(undo);
  }

  append(operation: NewOperation | OperationRecord): OperationRecord {
    return copy(this.list.append({ ...operation, values: [...operation.values] }));
  }

  nextSeq(): number {
    return this.list.nextSeq();
  }

  after(afterSeq: number, limit: number): OperationRecord[] {
    return this.list.after(afterSeq, limit).map(copy);
  }

  count(): number {
    return this.list.entries.length;
  }

  clear(): void {
    this.list.clear();
  }
}

function copy(record: OperationRecord): OperationRecord {
  return { ...record, values: [...record.values] };
}
