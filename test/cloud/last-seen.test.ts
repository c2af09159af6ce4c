// A clock's last-seen time: the portal and the API show the latest call, kept in memory; the database file
// gets it on the clock's first call, its return after a silence, each new minute and close. What the file
// holds between two writes is what an ungraceful kill leaves: under a minute behind, and every punch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCloud, type Cloud } from '../../src/cloud/index.js';
import { inProcessTransport } from '../../src/protocol/index.js';
import { WireClock } from './harness.js';

const SN = 'TC1A000501';
const MINUTE = 60_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A cloud on a database file, a clock of it polling in-process, and a second reader of the same file. */
function cloudOnFile(start: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'last-seen-'));
  dirs.push(dir);
  const data = path.join(dir, 'cloud.db');
  const time = { now: start };
  const cloud = createCloud({ data, now: () => time.now });
  cloud.registerClock(SN, 'Lobby', { auth: 'serial' });
  const clock = new WireClock(SN, inProcessTransport(cloud));
  const reader = new Database(data, { readonly: true });
  const onDisk = () =>
    reader.prepare<[string], { last_seen: number | null }>('SELECT last_seen FROM clocks WHERE sn = ?').get(SN)!
      .last_seen;
  return { cloud, clock, time, onDisk, reader };
}

function shown(cloud: Cloud, now: number): number | undefined {
  return cloud.store.clocks.get(SN, now, 30_000)?.lastSeen;
}

describe('a clock’s last-seen time', () => {
  it('is shown as its latest call while the file gets the first call of each minute', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 1);
    const { cloud, clock, time, onDisk, reader } = cloudOnFile(start);

    await clock.handshake();
    const first = onDisk();
    let polls = 0;
    for (; time.now < start + 58_000; polls++) {
      time.now += 2_000;
      await clock.get('/iclock/getrequest');
    }
    const withinTheMinute = { disk: onDisk(), shown: shown(cloud, time.now) };
    time.now += 2_000; // 08:01:01, a new minute
    await clock.get('/iclock/getrequest');
    const nextMinute = onDisk();

    expect(first).toBe(start);
    expect(polls).toBe(29);
    expect(withinTheMinute).toEqual({ disk: start, shown: start + 58_000 });
    expect(nextMinute).toBe(start + 60_000);
    reader.close();
    await cloud.close();
  });

  it('is written at once when the clock comes back after a silence, and on close', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 10);
    const { cloud, clock, time, onDisk, reader } = cloudOnFile(start);
    await clock.handshake();
    time.now += 5_000;
    await clock.get('/iclock/getrequest');
    const beforeSilence = onDisk();

    time.now += 2 * MINUTE; // 08:02:15: the clock was offline
    await clock.get('/iclock/getrequest');
    const back = onDisk();
    time.now += 3_000;
    await clock.get('/iclock/getrequest');
    const lagging = onDisk();
    await cloud.close();
    const closed = onDisk();

    expect(beforeSilence).toBe(start);
    expect(back).toBe(start + 5_000 + 2 * MINUTE);
    expect(lagging).toBe(back);
    expect(closed).toBe(back! + 3_000);
    reader.close();
  });

  it('left behind by a kill is under a minute old, and the punches are all in the file', async () => {
    const start = Date.UTC(2026, 10, 25, 8, 0, 0);
    const { cloud, clock, time, onDisk, reader } = cloudOnFile(start);
    await clock.handshake();
    const lines = ['1001\t2026-11-25 08:00:30\t0\t1\t0\t0\t0\n', '1002\t2026-11-25 08:05:20\t0\t1\t0\t0\t0\n'];
    let uploaded = 0;
    // Five and a half minutes of polls every 2 s, a punch uploaded at 08:00:30 and at 08:05:20.
    while (time.now < start + 5.5 * MINUTE) {
      time.now += 2_000;
      const line = lines.find((l) => l.includes(new Date(time.now).toISOString().slice(11, 19)));
      if (line !== undefined)
        uploaded += Number((await clock.post('/iclock/cdata', line, { table: 'ATTLOG' })).body.slice(4));
      else await clock.get('/iclock/getrequest');
    }
    // The process dies here: no close(), so the file holds what was written so far.
    const disk = onDisk()!;
    const punches = reader.prepare('SELECT count(*) FROM punches').pluck().get();

    expect(uploaded).toBe(2);
    expect(punches).toBe(2);
    expect(shown(cloud, time.now)).toBe(time.now);
    expect(time.now - disk).toBeLessThan(MINUTE);
    expect(disk).toBe(start + 5 * MINUTE);
    reader.close();
    await cloud.close();
  });
});
