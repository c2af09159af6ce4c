// Where a punch's time goes, each part measured on its own in one warm process: the firmware's step for
// a card tap with an in-memory store (xstate and the domain rules, no SQLite), the same cycle on a SQLite
// file in each sync mode, and beside them the physical limit: raw better-sqlite3 commits of one row, in
// the same sync mode, on the same disk — into a one-column-indexed table, and into the clock's own punch
// table (its indexes and AUTOINCREMENT), so the ratio shows what the clock adds and what the schema costs.
// Each cycle's punch is checked to be stored. Wall time per punch and the process's CPU time per punch.
// Run: npm run bench -- punch-breakdown   (or npx tsx scripts/bench/punch-breakdown.ts [seconds per row])
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newUser } from '../../firmware/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { machineLine, today } from './machine.js';

const SECONDS = Number(process.argv[2] ?? 3);
const USERS = 40_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-punch-'));

interface Rate {
  wallUs: number;
  cpuUs: number;
  count: number;
}

/** Runs `one` until the time is up (or `max` times); wall and CPU µs per call. */
function timed(one: (i: number) => void, max = Number.MAX_SAFE_INTEGER): Rate {
  const end = performance.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  while (performance.now() < end && n < max) one(n++);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallUs: (wall * 1000) / n, cpuUs: (used.user + used.system) / n, count: n };
}

function clockOn(store: 'memory' | string, sync: 'full' | 'normal'): Clock {
  const clock = createClock({ store, storeSync: sync, time: { virtual: '2026-11-25T08:00:00' } });
  clock.load({
    users: Array.from({ length: USERS }, (_, i) =>
      newUser(String(10_000 + i), { card: String(50_000 + i), verifyMode: 0 }),
    ),
  });
  return clock;
}

/** Card taps of users in turn (each the user's first punch), after a warm-up; every punch checked stored. */
function cycles(clock: Clock): Rate {
  const WARM = 2_000;
  for (let i = 0; i < WARM; i++) clock.tapCard(String(50_000 + i));
  const before = clock.punches().length;
  const rate = timed((i) => clock.tapCard(String(50_000 + WARM + i)), USERS - WARM);
  const stored = clock.punches().length - before;
  if (stored !== rate.count) throw new Error(`${rate.count} taps stored ${stored} punches`);
  return rate;
}

/** The limit: one-row INSERT commits with better-sqlite3 alone, in WAL with this sync mode. */
function rawCommits(sync: 'FULL' | 'NORMAL', table: 'one-row' | 'clock'): Rate {
  const db = new Database(path.join(dir, `raw-${sync}-${table}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  if (table === 'clock') for (const migration of MIGRATIONS) migration.up(db);
  else
    db.exec(
      'CREATE TABLE punches (seq INTEGER PRIMARY KEY, pin TEXT, time INTEGER, state INTEGER, verify INTEGER, work_code INTEGER)',
    );
  const insert = db.prepare('INSERT INTO punches (pin, time, state, verify, work_code) VALUES (?, ?, 0, 4, 0)');
  for (let i = 0; i < 200; i++) insert.run(String(i), i);
  const rate = timed((i) => insert.run(String(10_000 + (i % USERS)), 1_000 + i));
  const count = db.prepare('SELECT count(*) FROM punches').pluck().get() as number;
  db.close();
  if (count !== rate.count + 200) throw new Error(`${rate.count} inserts left ${count - 200} rows`);
  return rate;
}

const perSecond = (us: number) => Math.round(1e6 / us).toLocaleString('en');
const us = (r: Rate) => `${r.wallUs.toFixed(1)} µs (CPU ${r.cpuUs.toFixed(1)})`;
const rows: string[] = [];
cycles(clockOn('memory', 'full')); // warm-up: the JIT has seen the path
const inMemory = cycles(clockOn('memory', 'full'));
rows.push(
  `| firmware step, in-memory store (xstate and the rules, no SQLite) | ${us(inMemory)} | ${perSecond(inMemory.wallUs)} /s | — |`,
);
for (const sync of ['normal', 'full'] as const) {
  const clock = clockOn(path.join(dir, `clock-${sync}.db`), sync);
  const result = cycles(clock);
  clock.close();
  const mode = sync === 'full' ? 'FULL' : 'NORMAL';
  const [plain, schema] = [rawCommits(mode, 'one-row'), rawCommits(mode, 'clock')];
  rows.push(
    `| identify + punch, SQLite file, sync ${sync} | ${us(result)} | ${perSecond(result.wallUs)} /s | ` +
      `raw commits, one-row table: ${plain.wallUs.toFixed(1)} µs, ${perSecond(plain.wallUs)} /s; ` +
      `the clock's punch table: ${schema.wallUs.toFixed(1)} µs, ${perSecond(schema.wallUs)} /s |`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `punch breakdown, ${today()}, ${machineLine()}; ${SECONDS} s per row, warm, ${USERS.toLocaleString('en')} users, every punch checked stored; wall time per punch, the process's CPU time in brackets`,
);
console.log('| what | per punch | punches/s | the limit, same run |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
