// The cloud database file: kept across a restart, refused when in use or foreign.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCloud } from '../../src/cloud/index.js';
import { StoreOpenError } from '../../src/store/index.js';
import { inProcessTransport } from '../../src/protocol/index.js';
import { WireClock } from './harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-'));
  dirs.push(dir);
  return path.join(dir, 'cloud.db');
}

describe('a cloud restarted on the same database file', () => {
  it('keeps employees, clocks, punches, the command queue and the last-seen times', async () => {
    const data = tempFile();
    let now = Date.UTC(2026, 10, 25, 8);
    const first = createCloud({ data, now: () => now });
    first.registerClock('TC1A000001', 'Lobby');
    first.portal.createEmployee({
      employeeId: 'E1',
      firstName: 'Ana',
      lastName: 'Lopez',
      badge: '1001',
      clocks: ['TC1A000001'],
    });
    const clock = new WireClock('TC1A000001', inProcessTransport(first));
    await clock.post('/iclock/cdata', '1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0\n', { table: 'ATTLOG', Stamp: '5' });
    now += 5_000;
    await clock.get('/iclock/getrequest');
    await first.close();

    const second = createCloud({ data, now: () => now });
    expect(second.portal.getEmployee('E1')).toMatchObject({
      ok: true,
      value: { lastName: 'Lopez', clocks: ['TC1A000001'] },
    });
    expect(second.store.clocks.get('TC1A000001', now, 30_000)).toMatchObject({
      name: 'Lobby',
      lastSeen: now,
      attlogStamp: '5',
    });
    expect(second.store.punches.count()).toBe(1);
    expect(second.store.commands.list({ limit: 10 }).map((c) => c.state)).toEqual(['sent']);
    const next = second.portal.queueCommand('TC1A000001', { kind: 'check' });
    expect(next.ok && Number(next.value.id)).toBeGreaterThan(Number(second.store.commands.list({ limit: 1 })[0]!.id));
    await second.close();
  });

  it('refuses a file another cloud has open, and a file that is not a cloud database', async () => {
    const data = tempFile();
    const first = createCloud({ data });
    expect(() => createCloud({ data })).toThrow(StoreOpenError);
    await first.close();
    const other = tempFile();
    fs.writeFileSync(other, 'not a database at all, just text'.repeat(200));
    expect(() => createCloud({ data: other })).toThrow(/Cannot open the cloud database/);
  });

  it('refuses another program’s SQLite file and leaves it byte for byte as it was', async () => {
    const data = tempFile();
    const foreign = new Database(data);
    foreign.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me')");
    foreign.close();
    const before = fs.readFileSync(data);
    expect(() => createCloud({ data })).toThrow(/another program's SQLite database \(1 tables/);
    expect(fs.readFileSync(data).equals(before)).toBe(true);
  });

  it('refuses a damaged file at open, before it takes a single upload', async () => {
    const data = tempFile();
    const first = createCloud({ data });
    first.registerClock('TC1A000001');
    for (let i = 0; i < 300; i++) {
      first.portal.createEmployee({
        employeeId: `E${i}`,
        firstName: 'Test',
        lastName: `Name ${i}`,
        badge: String(1000 + i),
      });
    }
    await first.close();
    const bytes = fs.readFileSync(data);
    const pageSize = bytes.readUInt16BE(16);
    // Every page after the first gets garbage in its cell area: the tables' B-trees are damaged.
    for (let page = 1; page * pageSize < bytes.length; page++)
      bytes.fill(0xa5, page * pageSize + 8, page * pageSize + 200);
    fs.writeFileSync(data, bytes);
    expect(() => createCloud({ data })).toThrow(/it is damaged \(.+\); restore it from a backup/);
  });
});
