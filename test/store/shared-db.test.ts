// A file many clocks share: each clock sees only its rows, a clear by one leaves the others', the file
// reopened gives every clock its rows back, and a single clock's store is not taken for one.
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

  it('refuses a single clock’s store file, naming what it is', () => {
    const dir = makeTempDir();
    openSqlitePorts(dir.file('one.db')).close();

    expect(() => openSharedStore(dir.file('one.db'))).toThrow(/one clock's store \(timeclock run --data\)/);
    dir.remove();
  });
});
