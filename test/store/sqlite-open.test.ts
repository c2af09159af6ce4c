// Start-up failures of a file store: each is a StoreOpenError naming the file, the problem and the
// remedy, and none of them changes or replaces the person's file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/users.js';
import { openSqlitePorts, StoreOpenError, type SqliteStore } from '../../src/store/index.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

function openError(file: string, options?: Parameters<typeof openSqlitePorts>[1]): StoreOpenError {
  try {
    openSqlitePorts(file, options).close();
  } catch (error) {
    if (error instanceof StoreOpenError) return error;
    throw error;
  }
  throw new Error(`expected ${file} not to open`);
}

/** A pid that surely belongs to no process: a child's, after it exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('opening a SQLite store file', () => {
  let dir: TempDir;
  let file: string;
  const opened: SqliteStore[] = [];

  beforeEach(() => {
    dir = makeTempDir();
    file = dir.file('clock.db');
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    dir.remove();
  });

  it('takes a zero-byte file as a new store (what a crash between creating and first writing leaves)', () => {
    fs.writeFileSync(file, '');

    const store = openSqlitePorts(file);
    store.punches.append({ pin: '1001', time: 0, state: 0, verify: 0, workCode: 0 });
    store.close();

    const again = openSqlitePorts(file);
    opened.push(again);
    expect(again.punches.after(0, 10)).toMatchObject([{ seq: 1, pin: '1001' }]);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });

  it('still refuses a one-byte file: only an empty file has nothing in it to keep', () => {
    fs.writeFileSync(file, 'x');

    expect(openError(file).reason).toBe('corrupt');
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('reports a file of garbage as corrupt, names it and leaves it as it was', () => {
    const garbage = Buffer.from('this is not a database at all; '.repeat(200));
    fs.writeFileSync(file, garbage);

    const error = openError(file);

    expect(error.reason).toBe('corrupt');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/restore it from a backup/i);
    expect(fs.readFileSync(file)).toEqual(garbage);
  });

  it('reports a store with damaged pages as corrupt', () => {
    const store = openSqlitePorts(file);
    store.transaction(() => {
      for (let i = 0; i < 2000; i++) store.users.put(newUser(String(i), { name: `Employee number ${i}` }));
    });
    store.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 4096 * 2, 4096 * 6);
    fs.writeFileSync(file, bytes);

    const error = openError(file);

    expect(error.reason).toBe('corrupt');
    expect(error.message).toContain(file);
  });

  it('reports a file written by a newer schema, without touching it', () => {
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = fs.readFileSync(file);

    const error = openError(file);

    expect(error.reason).toBe('newer-schema');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/999.*upgrade timeclock-sim/is);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('refuses a SQLite database of another program', () => {
    const raw = new Database(file);
    raw.exec('CREATE TABLE invoices (id INTEGER)');
    raw.close();

    const error = openError(file);

    expect(error.reason).toBe('unreadable');
    expect(error.message).toMatch(/another program \(tables invoices\)/);
  });

  it('reports a path it cannot open as a file as unreadable', () => {
    fs.mkdirSync(file);

    const error = openError(file);

    expect(error.reason).toBe('unreadable');
    expect(error.message).toContain(file);
  });

  it('refuses a second clock on a file that is open, and says to stop the other one', () => {
    opened.push(openSqlitePorts(file));

    const error = openError(file);

    expect(error.reason).toBe('locked');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/stop the other timeclock/i);
  });

  it('refuses a file whose lock names a live process', () => {
    fs.writeFileSync(`${file}.lock`, `${process.ppid}\n`);

    const error = openError(file);

    expect(error.reason).toBe('locked');
    expect(error.message).toContain(`pid ${process.ppid}`);
  });

  it('reports a file another program holds an exclusive lock on as locked', () => {
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)');

    const error = openError(file, { busyTimeoutMs: 10 });
    raw.exec('ROLLBACK');
    raw.close();

    expect(error.reason).toBe('locked');
    expect(error.message).toContain(file);
  });

  it('takes over a lock left by a process that is gone', () => {
    fs.writeFileSync(`${file}.lock`, `${deadPid()}\n`);

    const store = openSqlitePorts(file);
    opened.push(store);

    expect(fs.readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a lock naming this process that it does not hold, as after a restart with the same pid', () => {
    fs.writeFileSync(`${file}.lock`, `${process.pid}\n`);

    expect(() => opened.push(openSqlitePorts(file))).not.toThrow();
  });

  it('takes over a lock file that holds no pid', () => {
    fs.writeFileSync(`${file}.lock`, '');

    expect(() => opened.push(openSqlitePorts(file))).not.toThrow();
  });

  it('removes its lock when closed', () => {
    const store = openSqlitePorts(file);

    store.close();

    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('gives up its lock when opening fails', () => {
    fs.writeFileSync(file, 'garbage'.repeat(100));

    openError(file);

    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('the store’s sync mode', () => {
  it('is read back from SQLite as the clock was told: full by default, normal when asked', async () => {
    const { createClock } = await import('../../src/runtime/index.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-sync-mode-'));
    const full = createClock({ store: path.join(dir, 'full.db'), time: { virtual: '2026-11-25T08:00:00' } });
    const normal = createClock({
      store: path.join(dir, 'normal.db'),
      storeSync: 'normal',
      time: { virtual: '2026-11-25T08:00:00' },
    });
    const memory = createClock({ store: 'memory', time: { virtual: '2026-11-25T08:00:00' } });
    expect([full.storeSync(), normal.storeSync(), memory.storeSync()]).toEqual(['full', 'normal', 'memory']);
    for (const clock of [full, normal, memory]) clock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
