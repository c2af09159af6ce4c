// SQLite user and template tables. Statements are prepared once per store; the search and lookups
// use the indexes of migration 1 and keep the memory adapter's order (see order.ts).
import type Database from 'better-sqlite3';
import { fingerKeyOfTemplate } from '../../firmware/fingers.js';
import type { TemplateTable, UserTable } from '../../firmware/ports.js';
import type { Privilege, Template, User } from '../../firmware/users.js';
import { foldName, normalizePage } from './order.js';

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
  private readonly byPin: Database.Statement<[string], UserRow>;
  private readonly byCard: Database.Statement<[string], UserRow>;
  private readonly upsert: Database.Statement<[Record<string, unknown>]>;
  private readonly deleteOne: Database.Statement<[string]>;
  private readonly users: Database.Statement<[], number>;
  private readonly cards: Database.Statement<[], number>;
  private readonly privileged: Database.Statement<[], number>;
  private readonly searchPage: Database.Statement<[SearchParams], UserRow>;
  private readonly deleteAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.byPin = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE pin = ?`);
    // `card <> ''` lets the planner use the partial index users_card.
    this.byCard = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE card = ? AND card <> '' ${PIN_ORDER} LIMIT 1`);
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO users (${USER_COLUMNS}, name_folded)
       VALUES (@pin, @name, @privilege, @password, @card, @grp, @time_zones, @verify_mode, @name_folded)`,
    );
    this.deleteOne = db.prepare('DELETE FROM users WHERE pin = ?');
    // The WHERE clauses repeat the partial indexes' own, so each count reads only its index.
    this.users = db.prepare<[], number>('SELECT count(*) FROM users').pluck();
    this.cards = db.prepare<[], number>("SELECT count(*) FROM users WHERE card <> ''").pluck();
    this.privileged = db.prepare<[], number>('SELECT count(*) FROM users WHERE privilege > 0').pluck();
    // instr, not LIKE, so that % and _ in a query are plain characters.
    this.searchPage = db.prepare(
      `SELECT ${USER_COLUMNS} FROM users WHERE instr(name_folded, @folded) > 0 OR substr(pin, 1, length(@query)) = @query
       ${PIN_ORDER} LIMIT @limit OFFSET @offset`,
    );
    this.deleteAll = db.prepare('DELETE FROM users');
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
  private readonly ofPin: Database.Statement<[string], TemplateRow>;
  private readonly one: Database.Statement<[string, number], TemplateRow>;
  private readonly upsert: Database.Statement<[string, number, number, string, string | null]>;
  private readonly deleteOne: Database.Statement<[string, number]>;
  private readonly deleteOfPin: Database.Statement<[string]>;
  private readonly byFinger: Database.Statement<[string], TemplateRow>;
  private readonly total: Database.Statement<[], number>;
  private readonly deleteAll: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.ofPin = db.prepare(`SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE pin = ? ORDER BY fid`);
    this.one = db.prepare(`SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE pin = ? AND fid = ?`);
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO templates (${TEMPLATE_COLUMNS}, finger_key) VALUES (?, ?, ?, ?, ?)`,
    );
    this.deleteOne = db.prepare('DELETE FROM templates WHERE pin = ? AND fid = ?');
    this.deleteOfPin = db.prepare('DELETE FROM templates WHERE pin = ?');
    this.byFinger = db.prepare(
      `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE finger_key = ? ${PIN_ORDER}, fid LIMIT 1`,
    );
    this.total = db.prepare<[], number>('SELECT count(*) FROM templates').pluck();
    this.deleteAll = db.prepare('DELETE FROM templates');
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
