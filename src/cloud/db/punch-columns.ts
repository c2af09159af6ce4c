// A read's punches as columns — time, state, id and mark in typed arrays, each employee a range — parsed
// straight from the day table's packed text: a month of a thousand employees is ~110,000 punches, and as
// one object each (with JSON.parse's arrays before them) the garbage collector cost as much as the read.

/** How a punch stands: as the clock sent it, or changed by an administrator (the day table's mark). */
export const MARK_NONE = 0;
export const MARK_CORRECTED = 1;
export const MARK_ADDED = 2;

export class PunchColumns {
  length = 0;
  time = new Float64Array(256);
  /** The ATTLOG status as stored: any whole number, not only the states the rules name. */
  status = new Int32Array(256);
  /** The clock punch's id; minus the addition's id for a punch an administrator added. */
  id = new Float64Array(256);
  mark = new Uint8Array(256);

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
 * write them) with `from <= time < to`, walking the text by index: no array, no object per punch.
 * Returns whether they came in the rules' order. A character that is not part of a number is a damaged
 * row: the message names the employee and where.
 */
export function parsePacked(text: string, into: PunchColumns, from: number, to: number, employeeId: string): boolean {
  const started = into.length;
  let at = 0;
  const next = (): number => {
    let sign = 1;
    if (text.charCodeAt(at) === MINUS) {
      sign = -1;
      at++;
    }
    const digits = at;
    let value = 0;
    for (let c = text.charCodeAt(at); c !== COMMA && at < text.length; c = text.charCodeAt(++at)) {
      const digit = c - ZERO;
      if (digit < 0 || digit > 9) throw damaged(employeeId, at, text);
      value = value * 10 + digit;
    }
    if (at === digits) throw damaged(employeeId, at, text);
    at++;
    return sign * value;
  };
  let ordered = true;
  while (at < text.length) {
    const time = next();
    const status = next();
    const id = next();
    const mark = next();
    if (time < from || time >= to) continue;
    into.push(time, status, id, mark);
    if (into.length - 1 > started && !into.after(into.length - 1, into.length - 2)) ordered = false;
  }
  return ordered;
}

function damaged(employeeId: string, at: number, text: string): Error {
  const near = JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
  return new Error(`punch_days of employee ${employeeId}: character ${at} is not part of a number, near ${near}`);
}
