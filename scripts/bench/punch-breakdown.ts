// Where a punch's time goes, each part measured on its own in one warm process: the firmware's step for
// a card tap with an in-memory store (xstate and the domain rules, no SQLite), the same cycle on a SQLite
// file in each sync mode, the store's own share of a punch (the port calls a card tap makes, without the
// firmware), and beside them the physical limit: raw better-sqlite3 commits of one row, in the same sync
// mode, on the same disk — into a one-row table, into the clock's punch table as it is now (keyed by seq,
// no index: schema 5), and as schema 4 had it (one (pin, time) index), so the ratios show what the clock
// adds and what the schema costs. Each punch is checked to be stored. Wall time per punch and the process's CPU
// time per punch.
// Run: npm run bench -- punch-breakdown   (or npx tsx scripts/bench/punch-breakdown.ts [seconds per row])
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newUser } from '../../firmware/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { openSqlitePorts } from '../../src/store/index.js';
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

type RawTable = 'one-row' | 'schema 4' | 'clock';

/**
 * The limit: one-row INSERT commits with better-sqlite3 alone, in WAL with this sync mode; with SQLite's
 * default locking (the floor), or `exclusive` as the clock's store opens its file, which saves
 * the raw commit its lock calls too.
 */
function rawCommits(sync: 'FULL' | 'NORMAL', table: RawTable, exclusive = false): Rate {
  const db = new Database(path.join(dir, `raw-${sync}-${table.replace(' ', '')}${exclusive ? '-x' : ''}.db`));
  if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  if (table === 'clock') for (const migration of MIGRATIONS) migration.up(db);
  else if (table === 'schema 4') for (const migration of MIGRATIONS.slice(0, 4)) migration.up(db);
  else
    db.exec(
      'CREATE TABLE punches (seq INTEGER PRIMARY KEY, pin TEXT, time INTEGER, state INTEGER, verify INTEGER, work_code INTEGER)',
    );
  // The seq given, as the clock gives it (the firmware decides the record before it is written).
  const insert = db.prepare('INSERT INTO punches (seq, pin, time, state, verify, work_code) VALUES (?, ?, ?, 0, 4, 0)');
  for (let i = 0; i < 200; i++) insert.run(i + 1, String(i), i);
  const rate = timed((i) => insert.run(201 + i, String(10_000 + (i % USERS)), 1_000 + i));
  const count = db.prepare('SELECT count(*) FROM punches').pluck().get() as number;
  db.close();
  if (count !== rate.count + 200) throw new Error(`${rate.count} inserts left ${count - 200} rows`);
  return rate;
}

/**
 * The store's share of a card tap, without the firmware: the user found by card, the user's last
 * punch, the log's count and next seq, the punch appended — the port calls the firmware makes.
 */
function storeAlone(sync: 'full' | 'normal'): Rate {
  const ports = openSqlitePorts(path.join(dir, `store-${sync}.db`), { synchronous: sync });
  ports.transaction(() => {
    for (let i = 0; i < USERS; i++) ports.users.put(newUser(String(10_000 + i), { card: String(50_000 + i) }));
  });
  const tap = (i: number) => {
    const user = ports.users.findByCard(String(50_000 + (i % USERS)))!;
    const last = ports.punches.lastFor(user.pin);
    if (last !== undefined) ports.punches.punchedBetween(user.pin, 1_000 * i, 1_000 * i + 999);
    if (ports.punches.count() < 10_000_000) {
      const seq = ports.punches.nextSeq();
      ports.punches.append({ seq, pin: user.pin, time: 1_000 * i, state: 0, verify: 4, workCode: 0 });
    }
  };
  for (let i = 0; i < 2_000; i++) tap(i);
  const rate = timed((i) => tap(2_000 + i));
  const stored = ports.punches.count();
  ports.close();
  if (stored !== rate.count + 2_000) throw new Error(`${rate.count} punches left ${stored - 2_000} rows`);
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
const ratios: string[] = [];
for (const sync of ['normal', 'full'] as const) {
  const clock = clockOn(path.join(dir, `clock-${sync}.db`), sync);
  const result = cycles(clock);
  clock.close();
  const store = storeAlone(sync);
  const mode = sync === 'full' ? 'FULL' : 'NORMAL';
  const [plain, exclusive, schema, before] = [
    rawCommits(mode, 'one-row'),
    rawCommits(mode, 'one-row', true),
    rawCommits(mode, 'clock'),
    rawCommits(mode, 'schema 4'),
  ];
  const raw = (label: string, r: Rate) => `${label} ${us(r)}, ${perSecond(r.wallUs)} /s`;
  rows.push(
    `| identify + punch, SQLite file, sync ${sync} | ${us(result)} | ${perSecond(result.wallUs)} /s | ` +
      `${raw('raw commits, one-row table:', plain)}; ${raw('the same, exclusive locking:', exclusive)}; ` +
      `${raw("the clock's punch table:", schema)}; ` +
      `${raw('schema 4 (one (pin, time) index):', before)} |`,
    `| the store's share alone (port calls of a card tap, no firmware), sync ${sync} | ${us(store)} | ` +
      `${perSecond(store.wallUs)} /s | — |`,
  );
  // By wall time (what the targets say) and by CPU time, which a busy machine disturbs less.
  const share = (r: Rate, floor = plain) =>
    `${Math.round((100 * floor.wallUs) / r.wallUs)} % (CPU ${Math.round((100 * floor.cpuUs) / r.cpuUs)} %)`;
  ratios.push(
    `${sync}: identify + punch ${share(result)} of the raw one-row rate (${share(result, exclusive)} of the ` +
      `raw rate with exclusive locking), the store alone ${share(store)}, the punch table ${share(schema)} ` +
      `(schema 4: ${share(before)})`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `punch breakdown, ${today()}, ${machineLine()}; ${SECONDS} s per row, warm, ${USERS.toLocaleString('en')} users, every punch checked stored; wall time per punch, the process's CPU time in brackets`,
);
console.log('| what | per punch | punches/s | the limit, same run |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
console.log('');
for (const ratio of ratios) console.log(`- ${ratio}`);
