// A read's punches as columns — time, state, id and mark in typed arrays, each employee a range — parsed
// straight from the day table's packed text: a month of a thousand employees is ~110,000 punches, and as
// one object each (with JSON.parse's arrays before them) the garbage collector cost as much as the read.
import { PunchDaysDamaged } from '../errors.js';

/** How a punch stands: as the clock sent it, or changed by an administrator (the day table's mark). */
export const MARK_NONE = 0;
export const MARK_CORRECTED = 1;
export const MARK_ADDED = 2;

export class PunchColumns {
  length = 0;
  time: Float64Array;
  /** The ATTLOG status as stored: any whole number, not only the states the rules name. */
  status: Int32Array;
  /** The clock punch's id; minus the addition's id for a punch an administrator added. */
  id: Float64Array;
  mark: Uint8Array;

  /** Room for `capacity` punches to begin with; more are made room for as they come. */
  constructor(capacity = 256) {
    const size = Math.max(16, capacity);
    this.time = new Float64Array(size);
    this.status = new Int32Array(size);
    this.id = new Float64Array(size);
    this.mark = new Uint8Array(size);
  }

  push(time: number, status: number, id: number, mark: number): void {
    if (this.length === this.time.length) this.grow();
    const at = this.length++;
    this.time[at] = time;
    this.status[at] = status;
    this.id[at] = id;
    this.mark[at] = mark;
  }

  /** Whether punch `a` comes after punch `b` in the rules' order: time, then state, then id. */
  after(a: number, b: number): boolean {
    const time = this.time[a]! - this.time[b]!;
    if (time !== 0) return time > 0;
    const status = this.status[a]! - this.status[b]!;
    return status !== 0 ? status > 0 : this.id[a]! > this.id[b]!;
  }

  /** Puts the punches from `first` to `end` in the rules' order (the read's fallback; days come ordered). */
  sortRange(first: number, end: number): void {
    const order = Array.from({ length: end - first }, (_, i) => first + i);
    order.sort((a, b) => (this.after(a, b) ? 1 : this.after(b, a) ? -1 : 0));
    const [time, status, id, mark] = [this.time.slice(), this.status.slice(), this.id.slice(), this.mark.slice()];
    order.forEach((from, i) => {
      this.time[first + i] = time[from]!;
      this.status[first + i] = status[from]!;
      this.id[first + i] = id[from]!;
      this.mark[first + i] = mark[from]!;
    });
  }

  /** Room for `size` punches in all, so that a reader may store them without push's check. */
  reserve(size: number): void {
    while (this.time.length < size) this.grow();
  }

  private grow(): void {
    const size = this.time.length * 2;
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(old: T, into: T): T => {
      into.set(old);
      return into;
    };
    this.time = grown(this.time, new Float64Array(size));
    this.status = grown(this.status, new Int32Array(size));
    this.id = grown(this.id, new Float64Array(size));
    this.mark = grown(this.mark, new Uint8Array(size));
  }
}

/** The punches of a page of employees: employee k's are `first[k]` up to `end[k]` in `punches`, in the rules' order. */
export interface PunchBatch {
  punches: PunchColumns;
  first: Int32Array;
  end: Int32Array;
}

const COMMA = 44;
const MINUS = 45;
const ZERO = 48;

/**
 * Appends to `into` the punches of the packed text (`time,state,id,mark` each, as the day table's triggers
 * write them) with `from <= time < to`, walking the text once by index: no array, no object, no call per
 * punch. Returns whether they came in the rules' order. A character that is not part of a number, or a
 * punch cut short, is a damaged row: the message names the employee and where.
 */
export function parsePacked(text: string, into: PunchColumns, from: number, to: number, employeeId: string): boolean {
  const end = text.length;
  let { time: times, status: states, id: ids, mark: marks } = into;
  let length = into.length;
  let ordered = true;
  // Plain locals throughout: a destructuring assignment in this loop would allocate an array a number.
  let field = 0;
  let time = 0;
  let status = 0;
  let id = 0;
  let lastTime = -Infinity;
  let lastStatus = 0;
  let lastId = 0;
  for (let at = 0; at < end; at++) {
    // One number, read by its own inner loop up to the comma (or the end) after it.
    // Never charCodeAt past the end: V8 gives up its fast code for the loop when one reads out of bounds.
    const sign = text.charCodeAt(at) === MINUS ? -1 : 1;
    if (sign === -1) at++;
    const digits = at;
    let value = 0;
    for (; at < end; at++) {
      const c = text.charCodeAt(at);
      if (c === COMMA) break;
      const digit = c - ZERO;
      if (!(digit >= 0 && digit <= 9)) throw damaged(employeeId, at, text);
      value = value * 10 + digit;
    }
    if (at === digits) throw damaged(employeeId, at, text);
    if (field === 0) time = sign * value;
    else if (field === 1) status = sign * value;
    else if (field === 2) id = sign * value;
    else if (time >= from && time < to) {
      if (time < lastTime || (time === lastTime && (status < lastStatus || (status === lastStatus && id < lastId))))
        ordered = false;
      if (length === times.length) {
        into.reserve(length + 1);
        ({ time: times, status: states, id: ids, mark: marks } = into);
      }
      times[length] = lastTime = time;
      states[length] = lastStatus = status;
      ids[length] = lastId = id;
      marks[length++] = sign * value;
    }
    field = (field + 1) & 3;
  }
  if (field !== 0 || (end > 0 && text.charCodeAt(end - 1) === COMMA)) throw damaged(employeeId, end, text);
  into.length = length;
  return ordered;
}

function damaged(employeeId: string, at: number, text: string): InstanceType<typeof PunchDaysDamaged> {
  const near = JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
  return new PunchDaysDamaged(
    `punch_days of employee ${employeeId}: character ${at} is not part of a number, near ${near}`,
  );
}
