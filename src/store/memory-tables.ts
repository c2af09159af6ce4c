// In-memory user and template tables: Maps keyed by PIN with card and finger indexes, sized for a
// clock with 100k users. Stored objects are copies, so a caller's later edits do not leak in.
import { fingerKeyOfTemplate } from '../../firmware/index.js';
import type { TemplateTable, UserTable } from '../../firmware/index.js';
import { MAX_UID, type Template, type User } from '../../firmware/index.js';
import { comparePins, foldName, normalizePage, userMatcher } from './order.js';
import type { UndoLog } from './undo.js';
import { codedError } from '../errors.js';

/** A user as stored, with the folded name search reads; replaced in place so `ordered` stays valid. */
interface UserEntry {
  user: User;
  folded: string;
  uid: number;
}

/** A user as put back by undo: the record and the uid it had. */
type Stored = { user: User; uid: number };

export class MemoryUserTable implements UserTable {
  private byPin = new Map<string, UserEntry>();
  /** uid → PIN: the LAN protocol's index, kept for life (see UserTable.put). */
  private byUid = new Map<number, string>();
  /** The largest uid held, or undefined when it must be looked for again (its holder went). */
  private maxUid: number | undefined = 0;
  /** Card → PINs holding it: the protocol does not forbid two users one card, so neither do we. */
  private byCard = new Map<string, Set<string>>();
  private cards = 0;
  private privileged = 0;
  /** Entries in PIN order, rebuilt lazily when a PIN comes or goes; an array, as a Map walk is slower. */
  private ordered: UserEntry[] | undefined = [];

  constructor(private readonly undo: UndoLog) {}

  findByPin(pin: string): User | undefined {
    const entry = this.byPin.get(pin);
    return entry && { ...entry.user };
  }

  findByCard(card: string): User | undefined {
    const pins = card === '' ? undefined : this.byCard.get(card);
    const pin = pins && firstInPinOrder(pins);
    return pin === undefined ? undefined : this.findByPin(pin);
  }

  put(user: User): void {
    const { uid: wanted, ...record } = user;
    const uid = this.uidFor(user.pin, wanted);
    const previous = this.set(user.pin, { user: record, uid });
    this.undo.record(() => this.set(user.pin, previous));
  }

  uidOf(pin: string): number | undefined {
    return this.byPin.get(pin)?.uid;
  }

  findByUid(uid: number): User | undefined {
    const pin = this.byUid.get(uid);
    return pin === undefined ? undefined : this.findByPin(pin);
  }

  withUids(afterUid: number, limit: number): { uid: number; user: User }[] {
    const page = normalizePage(0, limit);
    const uids = [...this.byUid.keys()].filter((uid) => uid > afterUid).sort((a, b) => a - b);
    return uids.slice(0, page.limit).map((uid) => ({ uid, user: { ...this.byPin.get(this.byUid.get(uid)!)!.user } }));
  }

  private uidFor(pin: string, wanted: number | undefined): number {
    const own = this.byPin.get(pin)?.uid;
    if (wanted === undefined) {
      if (own !== undefined) return own;
      this.maxUid ??= Math.max(0, ...this.byUid.keys());
      return this.maxUid < MAX_UID ? this.maxUid + 1 : nextUid(this.byUid.keys());
    }
    const holder = this.byUid.get(wanted);
    if (holder !== undefined && holder !== pin)
      throw codedError('TC_ERR_STORE_UID', `uid ${wanted} is ${holder}'s, not ${pin}'s`);
    return wanted;
  }

  remove(pin: string): boolean {
    const previous = this.set(pin, undefined);
    if (previous === undefined) return false;
    this.undo.record(() => this.set(pin, previous));
    return true;
  }

  count(): number {
    return this.byPin.size;
  }

  countCards(): number {
    return this.cards;
  }

  countPrivileged(): number {
    return this.privileged;
  }

  search(query: string, offset: number, limit: number): User[] {
    const page = normalizePage(offset, limit);
    const matches = userMatcher(query);
    const found: User[] = [];
    let skipped = 0;
    for (const entry of this.entriesInOrder()) {
      if (found.length >= page.limit) break;
      if (!matches(entry.user.pin, entry.folded)) continue;
      if (skipped < page.offset) skipped += 1;
      else found.push({ ...entry.user });
    }
    return found;
  }

  clear(): void {
    const { byPin, byUid, byCard, cards, privileged } = this;
    this.byPin = new Map();
    this.byUid = new Map();
    this.maxUid = 0;
    this.byCard = new Map();
    this.cards = 0;
    this.privileged = 0;
    this.ordered = [];
    this.undo.record(() => {
      Object.assign(this, { byPin, byUid, byCard, cards, privileged, maxUid: undefined });
      this.ordered = undefined;
    });
  }

  /** The one place the maps change; returns what was there so the caller can undo it. */
  private set(pin: string, stored: Stored | undefined): Stored | undefined {
    const entry = this.byPin.get(pin);
    const previous = entry && { user: entry.user, uid: entry.uid };
    if (entry) {
      this.unindex(entry.user);
      this.byUid.delete(entry.uid);
      if (entry.uid === this.maxUid) this.maxUid = undefined;
    }
    if (stored && entry) {
      Object.assign(entry, { user: stored.user, uid: stored.uid, folded: foldName(stored.user.name) });
    } else if (stored) {
      this.byPin.set(pin, { user: stored.user, uid: stored.uid, folded: foldName(stored.user.name) });
      this.ordered = undefined;
    } else if (entry) {
      this.byPin.delete(pin);
      this.ordered = undefined;
    }
    if (stored) {
      this.index(stored.user);
      this.byUid.set(stored.uid, pin);
      if (this.maxUid !== undefined && stored.uid > this.maxUid) this.maxUid = stored.uid;
    }
    return previous;
  }

  private index(user: User): void {
    if (user.privilege > 0) this.privileged += 1;
    if (user.card === '') return;
    this.cards += 1;
    const pins = this.byCard.get(user.card);
    if (pins) pins.add(user.pin);
    else this.byCard.set(user.card, new Set([user.pin]));
  }

  private unindex(user: User): void {
    if (user.privilege > 0) this.privileged -= 1;
    if (user.card === '') return;
    this.cards -= 1;
    const pins = this.byCard.get(user.card);
    pins?.delete(user.pin);
    if (pins?.size === 0) this.byCard.delete(user.card);
  }

  private entriesInOrder(): UserEntry[] {
    this.ordered ??= [...this.byPin.values()].sort((a, b) => comparePins(a.user.pin, b.user.pin));
    return this.ordered;
  }
}

/** The next uid after the largest, or the lowest free one once the largest is taken (see UserTable.put). */
export function nextUid(taken: Iterable<number>): number {
  let max = 0;
  const used = new Set<number>();
  for (const uid of taken) {
    used.add(uid);
    if (uid > max) max = uid;
  }
  if (max < MAX_UID) return max + 1;
  for (let uid = 1; uid <= MAX_UID; uid++) if (!used.has(uid)) return uid;
  throw codedError('TC_ERR_STORE_UID', 'every uid from 1 to 65534 is taken');
}

export class MemoryTemplateTable implements TemplateTable {
  private byPin = new Map<string, Map<number, Template>>();
  /** Finger key → stored templates naming that finger; foreign templates name none. */
  private byFinger = new Map<string, Set<Template>>();
  private total = 0;

  constructor(private readonly undo: UndoLog) {}

  listFor(pin: string): Template[] {
    const fingers = this.byPin.get(pin);
    if (!fingers) return [];
    return [...fingers.values()].sort((a, b) => a.fid - b.fid).map((t) => ({ ...t }));
  }

  find(pin: string, fid: number): Template | undefined {
    const template = this.byPin.get(pin)?.get(fid);
    return template && { ...template };
  }

  put(template: Template): void {
    const previous = this.set(template.pin, template.fid, { ...template });
    this.undo.record(() => this.set(template.pin, template.fid, previous));
  }

  remove(pin: string, fid?: number): number {
    const fids = fid === undefined ? [...(this.byPin.get(pin)?.keys() ?? [])] : [fid];
    let removed = 0;
    for (const f of fids) {
      const previous = this.set(pin, f, undefined);
      if (previous === undefined) continue;
      removed += 1;
      this.undo.record(() => this.set(pin, f, previous));
    }
    return removed;
  }

  findByFinger(fingerKey: string): Template | undefined {
    const candidates = this.byFinger.get(fingerKey);
    if (!candidates) return undefined;
    let best: Template | undefined;
    for (const t of candidates) {
      if (!best || comparePins(t.pin, best.pin) < 0 || (t.pin === best.pin && t.fid < best.fid)) best = t;
    }
    return best && { ...best };
  }

  count(): number {
    return this.total;
  }

  clear(): void {
    const saved = { byPin: this.byPin, byFinger: this.byFinger, total: this.total };
    this.byPin = new Map();
    this.byFinger = new Map();
    this.total = 0;
    this.undo.record(() => Object.assign(this, saved));
  }

  private set(pin: string, fid: number, template: Template | undefined): Template | undefined {
    let fingers = this.byPin.get(pin);
    const previous = fingers?.get(fid);
    if (previous) {
      fingers!.delete(fid);
      this.total -= 1;
      this.unindex(previous);
    }
    if (template) {
      if (!fingers) this.byPin.set(pin, (fingers = new Map()));
      fingers.set(fid, template);
      this.total += 1;
      this.index(template);
    } else if (fingers?.size === 0) {
      this.byPin.delete(pin);
    }
    return previous;
  }

  private index(template: Template): void {
    const key = fingerKeyOfTemplate(template.template);
    if (key === undefined) return;
    const set = this.byFinger.get(key);
    if (set) set.add(template);
    else this.byFinger.set(key, new Set([template]));
  }

  private unindex(template: Template): void {
    const key = fingerKeyOfTemplate(template.template);
    if (key === undefined) return;
    const set = this.byFinger.get(key);
    set?.delete(template);
    if (set?.size === 0) this.byFinger.delete(key);
  }
}

function firstInPinOrder(pins: Set<string>): string | undefined {
  let first: string | undefined;
  for (const pin of pins) if (first === undefined || comparePins(pin, first) < 0) first = pin;
  return first;
}
