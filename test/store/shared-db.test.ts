// A file many clocks share: each clock sees only its rows, a clear by one leaves the others', the file
// reopened gives every clock its rows back, and a single clock's store is not taken for one.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/users.js';
import { openSharedStore, openSqlitePorts } from '../../src/store/index.js';
import { makeTempDir } from './temp-dir.js';

const punch = (pin: string, time: number) => ({ pin, time, state: 0 as const, verify: 1 as const, workCode: 0 });

describe('a store file shared by many clocks', () => {
  it('keeps each clock to its rows, and a clear by one leaves the others’', () => {
    const dir = makeTempDir();
    const shared = openSharedStore(dir.file('clocks.db'));
    const [a, b] = [shared.clock('CLOCKA'), shared.clock('CLOCKB')];
    a.users.put(newUser('1', { name: 'A' }));
    a.punches.append(punch('1', 10));
    b.users.put(newUser('1', { name: 'B' }));

    b.users.clear();
    b.punches.clear();

    expect(a.users.findByPin('1')?.name).toBe('A');
    expect(a.punches.count()).toBe(1);
    expect(b.users.count()).toBe(0);
    expect(a.users.remove('1')).toBe(true);
    expect(b.users.remove('1')).toBe(false);
    [a, b].forEach((s) => s.close());
    shared.close();
    dir.remove();
  });

  it('gives every clock’s guarded ports one shape (a class per port, not a prototype per clock)', () => {
    const dir = makeTempDir();
    const shared = openSharedStore(dir.file('clocks.db'));
    const [a, b] = [shared.clock('CLOCKA'), shared.clock('CLOCKB')];
    const ports = ['users', 'templates', 'punches', 'operations', 'settings', 'journal', 'cursors'] as const;

    for (const port of ports) expect(Object.getPrototypeOf(a[port]), port).toBe(Object.getPrototypeOf(b[port]));
    expect(Object.getPrototypeOf(a.users)).not.toBe(Object.getPrototypeOf(a.templates));
    // A field of the port stays reachable through the guard, and is the clock's own.
    const span = (store: typeof a) => (store.punches as unknown as { span: unknown }).span;
    expect(span(a)).toBeDefined();
    expect(span(a)).not.toBe(span(b));
    a.punches.append(punch('1', 10));
    expect([a.punches.count(), b.punches.count()]).toEqual([1, 0]);
    [a, b].forEach((s) => s.close());
    shared.close();
    dir.remove();
  });

  it('keeps the file to itself while open: one lock taken once, the WAL index on the heap (no -shm)', () => {
    const dir = makeTempDir();
    const shared = openSharedStore(dir.file('clocks.db'));
    const a = shared.clock('CLOCKA');
    a.punches.append(punch('1', 10));
    expect(a.punches.count()).toBe(1);

    expect(fs.readdirSync(dir.path).filter((f) => f.startsWith('clocks.db-'))).toEqual(['clocks.db-wal']);
    const other = new Database(dir.file('clocks.db'), { timeout: 0 });
    expect(() => other.prepare('SELECT count(*) FROM all_punches').get()).toThrow(/locked|busy/i);
    other.close();
    a.close();
    shared.close();
    // Closed, the lock is given back: another connection reads what the clocks wrote.
    const after = new Database(dir.file('clocks.db'), { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM all_punches').get()).toEqual({ n: 1 });
    after.close();
    dir.remove();
  });

  it('gives every clock its rows back when the file is opened again', () => {
    const dir = makeTempDir();
    let shared = openSharedStore(dir.file('clocks.db'));
    const first = shared.clock('CLOCKA');
    first.punches.append(punch('7', 70));
    first.cursors.set('ATTLOG', 1);
    first.close();
    shared.close();

    shared = openSharedStore(dir.file('clocks.db'));
    const again = shared.clock('CLOCKA');

    expect(again.punches.after(0, 10).map((p) => [p.pin, p.seq])).toEqual([['7', 1]]);
    expect(again.cursors.get('ATTLOG')).toBe(1);
    expect(again.punches.append(punch('7', 80)).seq).toBe(2);
    expect(shared.serialNumbers()).toEqual(['CLOCKA']);
    again.close();
    shared.close();
    dir.remove();
  });

  it('takes a schema-4 file (a (pin, time) index on the punches) to this schema in place, every row kept', () => {
    const dir = makeTempDir();
    let shared = openSharedStore(dir.file('clocks.db'));
    const [a, b] = [shared.clock('CLOCKA'), shared.clock('CLOCKB')];
    for (let i = 0; i < 30; i++) (i % 2 ? a : b).punches.append(punch(String(i % 3), 1_000 * i));
    [a, b].forEach((s) => s.close());
    shared.close();
    // What schema 4 had that 5 has not: the index, and the version.
    const raw = new Database(dir.file('clocks.db'));
    raw.exec('CREATE INDEX all_punches_punches_pin_time ON all_punches (clock, pin, time)');
    raw.pragma('user_version = 4');
    raw.close();

    shared = openSharedStore(dir.file('clocks.db'));
    const again = shared.clock('CLOCKA');
    const rows = again.punches.after(0, 100).map((p) => [p.pin, p.time]);
    const last = again.punches.lastFor('0')?.time;
    again.close();
    shared.close();
    const check = new Database(dir.file('clocks.db'), { readonly: true });
    const indexes = check.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'all_punches' AND type = 'index'");
    const [names, version] = [indexes.pluck().all(), check.pragma('user_version', { simple: true })];
    check.close();
    dir.remove();

    expect(rows).toHaveLength(15);
    expect(rows[0]).toEqual(['1', 1_000]);
    expect(last).toBe(27_000);
    expect(names.filter((name) => !String(name).startsWith('sqlite_autoindex'))).toEqual([]);
    expect(version).toBe(5);
  });

  it('refuses a single clock’s store file, naming what it is', () => {
    const dir = makeTempDir();
    openSqlitePorts(dir.file('one.db')).close();

    expect(() => openSharedStore(dir.file('one.db'))).toThrow(/one clock's store \(timeclock run --data\)/);
    dir.remove();
  });
});
