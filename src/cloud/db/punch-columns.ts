// A read's punches as columns — time, state, id and mark in typed arrays, each employee a range — parsed
// straight from the day table's narrow packed text: a month of a thousand employees is ~110,000 punches,
// and as one object each (with JSON.parse's arrays before them) the garbage collector cost as much as the read.
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

const DAY = 86_400_000;
const HASH = 35;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const LETTER_A = 97;
const BAR = 124;

/**
 * Appends to `into` the punches of the packed text (a `#day` before each day's punches, as the day table's
 * triggers write them: punch-days-store.ts) with `from <= time < to`, walking the text once by index: no
 * array, no object per punch; a day wholly outside the period is skipped to the next `#`. Returns
 * whether they came in the rules' order. A character out of place, or a punch cut short, is a damaged
 * row: the message names the employee and where. (One call a number: V8 inlines it.)
 */
export function parsePacked(text: string, into: PunchColumns, from: number, to: number, employeeId: string): boolean {
  const end = text.length;
  let { time: times, status: states, id: ids, mark: marks } = into;
  let length = into.length;
  let ordered = true;
  let base = NaN;
  let lastTime = -Infinity;
  let lastStatus = 0;
  let at = 0;
  while (at < end) {
    const tag = text.charCodeAt(at++);
    if (tag === HASH) {
      at = readNumber(text, at, employeeId);
      base = NUMBER.value * DAY;
      if (base + DAY <= from || base >= to) {
        const next = text.indexOf('#', at);
        at = next === -1 ? end : next;
      }
      continue;
    }
    let time: number;
    let status: number;
    let id = 0;
    let mark = 0;
    const state = tag - LETTER_A;
    if (state >= 0 && state <= 9 && base === base) {
      // A clock's own punch: its second of the day.
      at = readNumber(text, at, employeeId);
      const second = NUMBER.value;
      if (second < 0 || second >= 86_400) throw damaged(employeeId, at, text);
      time = base + second * 1000;
      status = state;
    } else if (tag === BAR && base === base) {
      const full = readFull(text, at, employeeId);
      at = full.at;
      time = base + full.numbers[0]!;
      status = full.numbers[1]!;
      id = full.numbers[2]!;
      mark = full.numbers[3]!;
    } else throw damaged(employeeId, at - 1, text);
    if (time >= from && time < to) {
      if (time < lastTime || (time === lastTime && status < lastStatus)) ordered = false;
      if (length === times.length) {
        into.reserve(length + 1);
        ({ time: times, status: states, id: ids, mark: marks } = into);
      }
      times[length] = lastTime = time;
      states[length] = lastStatus = status;
      ids[length] = id;
      marks[length++] = mark;
    }
  }
  into.length = length;
  return ordered;
}

/** The number readNumber read last: one shared result, not an object a number. */
const NUMBER = { value: 0 };

/**
 * The whole number from `at` (a minus, then digits) into NUMBER.value; where its digits end. No digit is a
 * damaged row. Never charCodeAt past the end: V8 gives up its fast code when one reads out of bounds.
 */
function readNumber(text: string, at: number, employeeId: string): number {
  const end = text.length;
  const sign = at < end && text.charCodeAt(at) === MINUS ? -1 : 1;
  if (sign === -1) at++;
  const digits = at;
  let value = 0;
  for (; at < end; at++) {
    const digit = text.charCodeAt(at) - ZERO;
    if (!(digit >= 0 && digit <= 9)) break;
    value = value * 10 + digit;
  }
  if (at === digits) throw damaged(employeeId, at, text);
  NUMBER.value = sign * value;
  return at;
}

const FULL = { at: 0, numbers: [0, 0, 0, 0] };

/**
 * A punch written in full after its bar, `ms of the day,state,id,mark`, from `at`: its four numbers and
 * where it ends (the next punch's letter or bar, a day's `#`, or the end). Rare (an administrator's
 * punch, an odd state), so a call and a shared result are no cost.
 */
function readFull(text: string, at: number, employeeId: string): typeof FULL {
  const end = text.length;
  for (let field = 0; field < 4; field++) {
    if (field > 0) {
      if (at >= end || text.charCodeAt(at) !== COMMA) throw damaged(employeeId, at, text);
      at++;
    }
    at = readNumber(text, at, employeeId);
    FULL.numbers[field] = NUMBER.value;
  }
  const [ms, , , mark] = FULL.numbers;
  if (ms! < 0 || ms! >= DAY || !(mark === MARK_NONE || mark === MARK_CORRECTED || mark === MARK_ADDED)) {
    throw damaged(employeeId, at, text);
  }
  FULL.at = at;
  return FULL;
}

function damaged(employeeId: string, at: number, text: string): InstanceType<typeof PunchDaysDamaged> {
  const near = JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
  return new PunchDaysDamaged(`punch_days of employee ${employeeId}: character ${at} is out of place, near ${near}`);
}
