// The LAN protocol's uid, kept for life by both adapters of the user table, and store migration 3,
// which gives the users of an older file the uids SDKs saw there (their place in PIN order).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockPorts } from '../../firmware/ports.js';
import { newUser } from '../../firmware/users.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { createMemoryPorts, openSqlitePorts } from '../../src/store/index.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';

const dirs: TempDir[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
  for (const dir of dirs.splice(0)) dir.remove();
});

function sqlitePorts(): ClockPorts {
  const dir = makeTempDir('timeclock-uids-');
  dirs.push(dir);
  const store = openSqlitePorts(dir.file('clock.db'), { synchronous: 'normal' });
  closers.push(() => store.close());
  return store;
}

describe.each([
  ['memory', () => createMemoryPorts()],
  ['SQLite', sqlitePorts],
] as const)('uids in the %s user table', (_name, open) => {
  it('numbers new users from 1 and keeps each uid while others come and go', () => {
    const { users } = open();
    for (const pin of ['1003', '1001', '1002']) users.put(newUser(pin));

    users.put(newUser('1000', { name: 'Zoe' }));
    users.remove('1001');
    users.put({ ...users.findByPin('1003')!, name: 'renamed' });

    expect(['1003', '1002', '1000'].map((pin) => users.uidOf(pin))).toEqual([1, 3, 4]);
    expect(users.uidOf('1001')).toBeUndefined();
  });

  it('keeps a uid the client gave, and numbers the next user after it', () => {
    const { users } = open();
    users.put(newUser('1001'));

    users.put(newUser('1050', { uid: 50 }));
    users.put(newUser('1002'));

    expect(users.uidOf('1050')).toBe(50);
    expect(users.uidOf('1002')).toBe(51);
    expect(users.findByUid(50)?.pin).toBe('1050');
    // Read back, a user carries no uid: the table holds it.
    expect(users.findByPin('1050')).toEqual(newUser('1050'));
  });

  it('lists users in uid order with their uids, a page at a time', () => {
    const { users } = open();
    users.put(newUser('9', { uid: 9 }));
    users.put(newUser('1', { uid: 2 }));
    users.put(newUser('5', { uid: 5 }));

    expect(users.withUids(0, 2).map((u) => [u.uid, u.user.pin])).toEqual([
      [2, '1'],
      [5, '5'],
    ]);
    expect(users.withUids(5, 10).map((u) => u.uid)).toEqual([9]);
  });

  it("refuses to give one user another's uid", () => {
    const { users } = open();
    users.put(newUser('1001'));

    expect(() => users.put(newUser('1002', { uid: 1 }))).toThrow(/uid 1 is 1001's/);
  });

  it('takes the lowest free uid once 65534 is taken', () => {
    const { users } = open();
    users.put(newUser('1', { uid: 1 }));
    users.put(newUser('2', { uid: 3 }));
    users.put(newUser('top', { uid: 65534 }));

    users.put(newUser('new'));

    expect(users.uidOf('new')).toBe(2);
  });

  it('puts a uid back when a transaction that gave it is undone', () => {
    const ports = open();
    ports.users.put(newUser('1001'));

    expect(() =>
      ports.transaction(() => {
        ports.users.put({ ...newUser('1001'), uid: 7 });
        throw new Error('power cut');
      }),
    ).toThrow('power cut');

    expect(ports.users.uidOf('1001')).toBe(1);
    expect(ports.users.findByUid(7)).toBeUndefined();
  });
});

describe('store migration 3', () => {
  it("gives an older file's users the uids SDKs saw (PIN order), and new users the next", () => {
    const dir = makeTempDir('timeclock-uids-');
    dirs.push(dir);
    const file = dir.file('clock.db');
    const db = new Database(file);
    for (const migration of MIGRATIONS.filter((m) => m.version <= 2)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    const insert = db.prepare(
      `INSERT INTO users (pin, name, name_folded, privilege, password, card, grp, time_zones, verify_mode)
       VALUES (?, '', '', 0, '', '', 1, '0000000000000000', -1)`,
    );
    for (const pin of ['20', '3', '100', '1']) insert.run(pin);
    db.close();

    const store = openSqlitePorts(file);
    closers.push(() => store.close());
    store.users.put(newUser('7'));

    expect(['1', '3', '20', '100', '7'].map((pin) => store.users.uidOf(pin))).toEqual([1, 2, 3, 4, 5]);
  });
});
