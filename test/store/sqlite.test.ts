// What only a file store does: keep everything across a restart, migrate its schema, stay durable.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { newUser } from '../../firmware/users.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openSqlitePorts, openStore } from '../../src/store/index.js';
import { SAVED_SETTINGS } from './port-contract.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

describe('SQLite store file', () => {
  let dir: TempDir;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir();
    file = dir.file('clock.db');
  });
  afterEach(() => dir.remove());

  it('gives back users, templates, punches, operations, settings, journal and cursors after a restart', () => {
    const first = openSqlitePorts(file);
    first.users.put(newUser('1001', { name: 'Ana', card: '7788', privilege: 14 }));
    first.templates.put({ pin: '1001', fid: 6, valid: true, template: simulatedTemplate({ person: '1001', fid: 6 }) });
    first.punches.append({ pin: '1001', time: 5000, state: 0, verify: 4, workCode: 0 });
    first.operations.append({ op: 6, admin: '1001', time: 5000, values: [1001, 6, 'x'] });
    first.settings.save(SAVED_SETTINGS);
    first.journal.record({ id: 'c1', command: 'CHECK', returnCode: 0, reply: [], appliedAt: 5000 });
    first.cursors.set('ATTLOG', 1);
    first.close();

    const second = openSqlitePorts(file);

    expect(second.users.findByCard('7788')?.name).toBe('Ana');
    expect(second.users.countPrivileged()).toBe(1);
    expect(second.templates.findByFinger('1001/6')?.pin).toBe('1001');
    expect(second.punches.lastFor('1001')).toEqual({
      seq: 1,
      pin: '1001',
      time: 5000,
      state: 0,
      verify: 4,
      workCode: 0,
    });
    expect(second.operations.after(0, 10)[0]?.values).toEqual([1001, 6, 'x']);
    expect(second.settings.load()).toEqual(SAVED_SETTINGS);
    expect(second.journal.find('c1')?.command).toBe('CHECK');
    expect(second.cursors.get('ATTLOG')).toBe(1);
    second.close();
  });

  it('goes on numbering punches after a restart, even when they were cleared', () => {
    const first = openSqlitePorts(file);
    first.punches.append({ pin: '1', time: 1, state: 0, verify: 0, workCode: 0 });
    first.punches.clear();
    first.close();

    const second = openSqlitePorts(file);
    const next = second.punches.append({ pin: '1', time: 2, state: 0, verify: 0, workCode: 0 });

    expect(next.seq).toBe(2);
    second.close();
  });

  it('creates the directory of a new store file', () => {
    const nested = dir.file('a/b/clock.db');

    const store = openSqlitePorts(nested);

    expect(store.file).toBe(nested);
    store.close();
  });

  it('records the schema version of the last migration in user_version', () => {
    openSqlitePorts(file).close();

    const raw = new Database(file, { readonly: true });
    const version = raw.pragma('user_version', { simple: true });
    raw.close();

    expect(version).toBe(SCHEMA_VERSION);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('migrates a first-schema file: its cards are still found, in PIN order, and nothing is lost', () => {
    const raw = new Database(file);
    raw.transaction(() => {
      MIGRATIONS[0]!.up(raw);
      raw.pragma('user_version = 1');
    })();
    raw.close();
    const v1 = openSqlitePorts(file);
    v1.close();

    const store = openSqlitePorts(file);
    store.users.put(newUser('20', { card: '7788' }));
    store.users.put(newUser('3', { card: '7788' }));

    expect(store.users.findByCard('7788')?.pin).toBe('3');
    store.close();
  });

  it('forgets the punches of a rolled-back transaction: the next seq and the count are as before', () => {
    const store = openSqlitePorts(file);
    store.punches.append({ pin: '1', time: 1000, state: 0, verify: 4, workCode: 0 });

    expect(() =>
      store.transaction(() => {
        store.punches.append({ pin: '1', time: 2000, state: 0, verify: 4, workCode: 0 });
        store.punches.clear();
        throw new Error('flash write failed');
      }),
    ).toThrow('flash write failed');

    expect(store.punches.count()).toBe(1);
    expect(store.punches.nextSeq()).toBe(2);
    expect(store.punches.append({ pin: '1', time: 3000, state: 0, verify: 4, workCode: 0, seq: 2 }).seq).toBe(2);
    store.close();
  });

  it('leaves the file in WAL mode', () => {
    openSqlitePorts(file).close();

    const raw = new Database(file);
    const mode = raw.pragma('journal_mode', { simple: true });
    raw.close();

    expect(mode).toBe('wal');
  });

  it.runIf(fs.existsSync('/proc/self/fd'))(
    'holds two files open, the database and its -wal (no -shm), and keeps others out until it closes',
    () => {
      const store = openSqlitePorts(file);
      store.users.put(newUser('1'));
      store.punches.append({ pin: '1', time: 5000, state: 0, verify: 4, workCode: 0 });

      const open = fs
        .readdirSync('/proc/self/fd')
        // The directory's own descriptor is gone by the time it is read.
        .map((fd) => (fs.existsSync(`/proc/self/fd/${fd}`) ? fs.readlinkSync(`/proc/self/fd/${fd}`) : ''))
        .filter((target) => target.startsWith(file))
        .sort();
      const other = new Database(file, { timeout: 10 });
      expect(() => other.prepare('SELECT count(*) FROM punches').get()).toThrow(/locked/);
      store.close();
      const after = other.prepare('SELECT count(*) AS n FROM punches').get();
      other.close();

      expect(open).toEqual([file, `${file}-wal`]);
      expect(fs.existsSync(`${file}-shm`)).toBe(false);
      expect(after).toEqual({ n: 1 });
    },
  );

  it('closes twice without complaint and frees the file for the next clock', () => {
    const store = openSqlitePorts(file);

    store.close();
    store.close();

    expect(() => openSqlitePorts(file).close()).not.toThrow();
  });

  it('opens a memory or a file store from a spec', () => {
    const memory = openStore({ kind: 'memory' });
    const onDisk = openStore({ kind: 'file', file });

    memory.users.put(newUser('1'));
    onDisk.users.put(newUser('1'));

    expect(memory.users.count()).toBe(1);
    expect(onDisk.users.count()).toBe(1);
    memory.close();
    onDisk.close();
  });
});
