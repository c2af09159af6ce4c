// Where a punch's time goes, each part measured on its own in one warm process: the firmware's step for
// a card tap with an in-memory store (xstate and the domain rules, no SQLite), the same cycle on a SQLite
// file in each sync mode, and beside them the physical limit: raw better-sqlite3 commits of one row, in
// the same sync mode, on the same disk. Each cycle's punch is checked to be stored.
// Run: npx tsx scripts/bench/punch-breakdown.ts [seconds per row]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newUser } from '../../firmware/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { machineLine, today } from './machine.js';

const SECONDS = Number(process.argv[2] ?? 3);
const USERS = 20_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-punch-'));

function clockOn(store: 'memory' | string, sync: 'full' | 'normal'): Clock {
  const clock = createClock({ store, storeSync: sync, time: { virtual: '2026-11-25T08:00:00' } });
  clock.ports.transaction(() => {
    for (let i = 0; i < USERS; i++)
      clock.ports.users.put(newUser(String(10_000 + i), { card: String(50_000 + i), verifyMode: 0 }));
  });
  return clock;
}

/** Card taps of users in turn (each a first punch of the minute); µs per cycle, every punch checked stored. */
function cycles(clock: Clock): { perCycleUs: number; count: number } {
  const before = clock.punches().length;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const started = performance.now();
  while (performance.now() < end && n < USERS) {
    clock.tapCard(String(50_000 + n));
    n++;
  }
  const elapsed = performance.now() - started;
  const stored = clock.punches().length - before;
  if (stored !== n) throw new Error(`${n} taps stored ${stored} punches`);
  return { perCycleUs: (elapsed * 1000) / n, count: n };
}

/** The limit: one-row INSERT commits with better-sqlite3 alone, in WAL with this sync mode. */
function rawCommits(sync: 'FULL' | 'NORMAL'): { perCommitUs: number; count: number } {
  const db = new Database(path.join(dir, `raw-${sync}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.exec('CREATE TABLE punches (seq INTEGER PRIMARY KEY, pin TEXT, time INTEGER, state INTEGER, verify INTEGER)');
  const insert = db.prepare('INSERT INTO punches (pin, time, state, verify) VALUES (?, ?, 0, 4)');
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const started = performance.now();
  while (performance.now() < end) insert.run(String(n), n++);
  const elapsed = performance.now() - started;
  const count = db.prepare('SELECT count(*) FROM punches').pluck().get() as number;
  db.close();
  if (count !== n) throw new Error(`${n} inserts left ${count} rows`);
  return { perCommitUs: (elapsed * 1000) / n, count: n };
}

const rows: string[] = [];
const memory = clockOn('memory', 'full');
cycles(memory); // warm-up: the JIT has seen the path
const inMemory = cycles(clockOn('memory', 'full'));
rows.push(
  `| firmware step, in-memory store (xstate and the rules, no SQLite) | ${inMemory.perCycleUs.toFixed(1)} µs | ${Math.round(1e6 / inMemory.perCycleUs).toLocaleString('en')} /s | — |`,
);
for (const sync of ['normal', 'full'] as const) {
  const clock = clockOn(path.join(dir, `clock-${sync}.db`), sync);
  const result = cycles(clock);
  clock.close();
  const limit = rawCommits(sync === 'full' ? 'FULL' : 'NORMAL');
  rows.push(
    `| identify + punch, SQLite file, sync ${sync} | ${result.perCycleUs.toFixed(1)} µs | ${Math.round(1e6 / result.perCycleUs).toLocaleString('en')} /s | ` +
      `raw one-row commits: ${limit.perCommitUs.toFixed(1)} µs, ${Math.round(1e6 / limit.perCommitUs).toLocaleString('en')} /s |`,
  );
}
memory.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `punch breakdown, ${today()}, ${machineLine()}; ${SECONDS} s per row, warm, ${USERS.toLocaleString('en')} users, every punch checked stored`,
);
console.log('| what | per punch | punches/s | the limit, same run |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
