// SQLite user and template tables. Statements are prepared once per store, on first use; the search and lookups
// use the indexes of migration 1 and keep the memory adapter's order (see order.ts).
import { lazy, type LazyStatement, type StoreDb } from './lazy-statement.js';
import { fingerKeyOfTemplate } from '../../firmware/index.js';
import type { TemplateTable, UserTable } from '../../firmware/index.js';
import { MAX_UID, type Privilege, type Template, type User } from '../../firmware/index.js';
import { foldName, normalizePage } from './order.js';
import { codedError } from '../errors.js';

interface UserRow {
  pin: string;
  name: string;
  privilege: number;
  password: string;
  card: string;
  grp: number;
  time_zones: string;
  verify_mode: number;
}

interface SearchParams {
  folded: string;
  query: string;
  offset: number;
  limit: number;
}

const USER_COLUMNS = 'pin, name, privilege, password, card, grp, time_zones, verify_mode';
const PIN_ORDER = 'ORDER BY length(pin), pin';

export class SqliteUserTable implements UserTable {
  private readonly byPin: LazyStatement<[string], UserRow>;
  private readonly byCard: LazyStatement<[string], UserRow>;
  private readonly upsert: LazyStatement<[Record<string, unknown>]>;
  private readonly deleteOne: LazyStatement<[string]>;
  private readonly users: LazyStatement<[], number>;
  private readonly cards: LazyStatement<[], number>;
  private readonly privileged: LazyStatement<[], number>;
  private readonly searchPage: LazyStatement<[SearchParams], UserRow>;
  private readonly deleteAll: LazyStatement<[]>;
  private readonly uidOfPin: LazyStatement<[string], number>;
  private readonly byUid: LazyStatement<[number], UserRow>;
  private readonly uidPage: LazyStatement<[number, number], UserRow & { uid: number }>;
  private readonly largestUid: LazyStatement<[], number | null>;
  private readonly freeUid: LazyStatement<[], number | null>;

  constructor(db: StoreDb) {
    this.byPin = lazy(db, `SELECT ${USER_COLUMNS} FROM users WHERE pin = ?`);
    // `card <> ''` lets the planner use the partial index users_card.
    this.byCard = lazy(db, `SELECT ${USER_COLUMNS} FROM users WHERE card = ? AND card <> '' ${PIN_ORDER} LIMIT 1`);
    this.upsert = lazy(
      db,
      `INSERT OR REPLACE INTO users (${USER_COLUMNS}, name_folded, uid)
       VALUES (@pin, @name, @privilege, @password, @card, @grp, @time_zones, @verify_mode, @name_folded, @uid)`,
    );
    this.deleteOne = lazy(db, 'DELETE FROM users WHERE pin = ?');
    // The WHERE clauses repeat the partial indexes' own, so each count reads only its index.
    this.users = lazy<[], number>(db, 'SELECT count(*) FROM users').pluck();
    this.cards = lazy<[], number>(db, "SELECT count(*) FROM users WHERE card <> ''").pluck();
    this.privileged = lazy<[], number>(db, 'SELECT count(*) FROM users WHERE privilege > 0').pluck();
    // instr, not LIKE, so that % and _ in a query are plain characters.
    this.searchPage = lazy(
      db,
      `SELECT ${USER_COLUMNS} FROM users WHERE instr(name_folded, @folded) > 0 OR substr(pin, 1, length(@query)) = @query
       ${PIN_ORDER} LIMIT @limit OFFSET @offset`,
    );
    this.deleteAll = lazy(db, 'DELETE FROM users');
    this.uidOfPin = lazy<[string], number>(db, 'SELECT uid FROM users WHERE pin = ?').pluck();
    this.byUid = lazy(db, `SELECT ${USER_COLUMNS} FROM users WHERE uid = ?`);
    this.uidPage = lazy(db, `SELECT ${USER_COLUMNS}, uid FROM users WHERE uid > ? ORDER BY uid LIMIT ?`);
    this.largestUid = lazy<[], number | null>(db, 'SELECT max(uid) FROM users').pluck();
    // The lowest uid whose successor is free (or 0), plus one: used only once 65534 is taken.
    this.freeUid = lazy<[], number | null>(
      db,
      'SELECT min(u.uid) + 1 FROM (SELECT 0 AS uid UNION ALL SELECT uid FROM users) u WHERE u.uid + 1 NOT IN (SELECT uid FROM users)',
    ).pluck();
  }

  findByPin(pin: string): User | undefined {
    const row = this.byPin.get(pin);
    return row && userOf(row);
  }

  findByCard(card: string): User | undefined {
    const row = this.byCard.get(card);
    return row && userOf(row);
  }

  put(user: User): void {
    this.upsert.run({
      uid: this.uidFor(user.pin, user.uid),
      pin: user.pin,
      name: user.name,
      privilege: user.privilege,
      password: user.password,
      card: user.card,
      grp: user.group,
      time_zones: user.timeZones,
      verify_mode: user.verifyMode,
      name_folded: foldName(user.name),
    });
  }

  remove(pin: string): boolean {
    return this.deleteOne.run(pin).changes > 0;
  }

  uidOf(pin: string): number | undefined {
    return this.uidOfPin.get(pin) ?? undefined;
  }

  findByUid(uid: number): User | undefined {
    const row = this.byUid.get(uid);
    return row && userOf(row);
  }

  withUids(afterUid: number, limit: number): { uid: number; user: User }[] {
    const page = normalizePage(0, limit);
    if (page.limit === 0) return [];
    return this.uidPage.all(afterUid, page.limit).map((row) => ({ uid: row.uid, user: userOf(row) }));
  }

  private uidFor(pin: string, wanted: number | undefined): number {
    if (wanted === undefined) {
      const own = this.uidOf(pin);
      if (own !== undefined) return own;
      const largest = this.largestUid.get() ?? 0;
      if (largest < MAX_UID) return largest + 1;
      const free = this.freeUid.get() ?? MAX_UID + 1;
      if (free > MAX_UID) throw codedError('TC_ERR_STORE_UID', 'every uid from 1 to 65534 is taken');
      return free;
    }
    const holder = this.byUid.get(wanted);
    if (holder !== undefined && holder.pin !== pin)
      throw codedError('TC_ERR_STORE_UID', `uid ${wanted} is ${holder.pin}'s, not ${pin}'s`);
    return wanted;
  }

  count(): number {
    return this.users.get()!;
  }

  countCards(): number {
    return this.cards.get()!;
  }

  countPrivileged(): number {
    return this.privileged.get()!;
  }

  search(query: string, offset: number, limit: number): User[] {
    const page = normalizePage(offset, limit);
    if (page.limit === 0) return [];
    return this.searchPage.all({ folded: foldName(query), query, ...page }).map(userOf);
  }

  clear(): void {
    this.deleteAll.run();
  }
}

function userOf(row: UserRow): User {
  return {
    pin: row.pin,
    name: row.name,
    privilege: row.privilege as Privilege,
    password: row.password,
    card: row.card,
    group: row.grp,
    timeZones: row.time_zones,
    verifyMode: row.verify_mode,
  };
}

interface TemplateRow {
  pin: string;
  fid: number;
  valid: number;
  template: string;
}

const TEMPLATE_COLUMNS = 'pin, fid, valid, template';

export class SqliteTemplateTable implements TemplateTable {
  private readonly ofPin: LazyStatement<[string], TemplateRow>;
  private readonly one: LazyStatement<[string, number], TemplateRow>;
  private readonly upsert: LazyStatement<[string, number, number, string, string | null]>;
  private readonly deleteOne: LazyStatement<[string, number]>;
  private readonly deleteOfPin: LazyStatement<[string]>;
  private readonly byFinger: LazyStatement<[string], TemplateRow>;
  private readonly total: LazyStatement<[], number>;
  private readonly deleteAll: LazyStatement<[]>;

  constructor(db: StoreDb) {
    this.ofPin = lazy(db, `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE pin = ? ORDER BY fid`);
    this.one = lazy(db, `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE pin = ? AND fid = ?`);
    this.upsert = lazy(db, `INSERT OR REPLACE INTO templates (${TEMPLATE_COLUMNS}, finger_key) VALUES (?, ?, ?, ?, ?)`);
    this.deleteOne = lazy(db, 'DELETE FROM templates WHERE pin = ? AND fid = ?');
    this.deleteOfPin = lazy(db, 'DELETE FROM templates WHERE pin = ?');
    this.byFinger = lazy(
      db,
      `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE finger_key = ? ${PIN_ORDER}, fid LIMIT 1`,
    );
    this.total = lazy<[], number>(db, 'SELECT count(*) FROM templates').pluck();
    this.deleteAll = lazy(db, 'DELETE FROM templates');
  }

  listFor(pin: string): Template[] {
    return this.ofPin.all(pin).map(templateOf);
  }

  find(pin: string, fid: number): Template | undefined {
    const row = this.one.get(pin, fid);
    return row && templateOf(row);
  }

  put(template: Template): void {
    const key = fingerKeyOfTemplate(template.template) ?? null;
    this.upsert.run(template.pin, template.fid, template.valid ? 1 : 0, template.template, key);
  }

  remove(pin: string, fid?: number): number {
    return (fid === undefined ? this.deleteOfPin.run(pin) : this.deleteOne.run(pin, fid)).changes;
  }

  findByFinger(fingerKey: string): Template | undefined {
    const row = this.byFinger.get(fingerKey);
    return row && templateOf(row);
  }

  count(): number {
    return this.total.get()!;
  }

  clear(): void {
    this.deleteAll.run();
  }
}

function templateOf(row: TemplateRow): Template {
  return { pin: row.pin, fid: row.fid, valid: row.valid !== 0, template: row.template };
}
