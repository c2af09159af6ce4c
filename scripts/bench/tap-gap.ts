// Why a card tap on a SQLite file costs more than the store's share alone plus the firmware step: the same
// taps several ways in one process — the clock's identify + punch, the store's port calls alone, the same
// port calls with as many bytes of short-lived garbage between them as a tap's step allocates, and that
// garbage alone — each with the CPU time spent inside better-sqlite3's statements (run/get/all, timed by
// wrapping them) and the statements counted, and the bytes a tap allocates (V8's sampling heap profiler,
// collected objects included); then the step beside a raw commit, beside the same insert in an in-memory
// SQLite (no system call) and beside a bare 4 KiB write() (a system call, no SQLite), each against the
// same work alone: whether what the two halves cost each other is SQLite's working set or the kernel's.
// Run: npx tsx scripts/bench/tap-gap.ts [taps] [normal|full]
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newUser } from '../../firmware/index.js';
import { createClock } from '../../src/runtime/index.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { machineLine, today } from './machine.js';

const TAPS = Number(process.argv[2] ?? 20_000);
const SYNC = process.argv[3] === 'full' ? 'full' : 'normal';
const USERS = 40_000;
const WARM = 2_000;
if (TAPS + WARM > USERS) throw new Error(`at most ${USERS - WARM} taps: each is a user's first punch`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-gap-'));
const users = Array.from({ length: USERS }, (_, i) =>
  newUser(String(10_000 + i), { card: String(50_000 + i), verifyMode: 0 }),
);

/** CPU time inside better-sqlite3's statements (µs) and how many ran, while `counting`. */
const inside = { us: 0, calls: 0, counting: false };
const statement = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as Record<
  string,
  (...args: unknown[]) => unknown
>;
for (const method of ['run', 'get', 'all'] as const) {
  const original = statement[method]!;
  statement[method] = function (this: unknown, ...args: unknown[]) {
    if (!inside.counting) return original.apply(this, args);
    // CPU, not wall: on a busy machine a statement's wall time is mostly the scheduler's.
    const started = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      const used = process.cpuUsage(started);
      inside.us += used.user + used.system;
      inside.calls++;
    }
  };
}

interface Figures {
  cpuUs: number;
  sqliteUs: number;
  statements: number;
}

/** Runs `tap` for each of TAPS users after WARM others: CPU µs a tap, µs inside statements, statements a tap. */
function measured(tap: (i: number) => void): Figures {
  for (let i = 0; i < WARM; i++) tap(i);
  Object.assign(inside, { us: 0, calls: 0, counting: true });
  const cpu = process.cpuUsage();
  for (let i = WARM; i < WARM + TAPS; i++) tap(i);
  const used = process.cpuUsage(cpu);
  inside.counting = false;
  return {
    cpuUs: (used.user + used.system) / TAPS,
    sqliteUs: inside.us / TAPS,
    statements: inside.calls / TAPS,
  };
}

function clockTaps(name: string | 'memory') {
  const store = name === 'memory' ? name : path.join(dir, name);
  const clock = createClock({ store, storeSync: SYNC, time: { virtual: '2026-11-25T08:00:00' } });
  clock.load({ users });
  return { tap: (i: number) => clock.tapCard(String(50_000 + i)), close: () => clock.close() };
}

/** The port calls a card tap makes (as punch-breakdown's "store alone"), with `between` run before each. */
function storeTaps(name: string, between: () => void = () => {}) {
  const ports = openSqlitePorts(path.join(dir, name), { synchronous: SYNC });
  ports.transaction(() => users.forEach((user) => ports.users.put(user)));
  const tap = (i: number) => {
    between();
    const user = ports.users.findByCard(String(50_000 + i))!;
    if (ports.punches.lastFor(user.pin) !== undefined) ports.punches.punchedBetween(user.pin, i, i + 999);
    ports.punches.append({
      seq: ports.punches.nextSeq(),
      pin: user.pin,
      time: 1_000 * i,
      state: 0,
      verify: 4,
      workCode: 0,
    });
  };
  return { tap, close: () => ports.close() };
}

/**
 * One-row commits with better-sqlite3 alone (punch-breakdown's floor), with `also` run after each; on
 * an in-memory database (`name` null) the same SQLite work without a system call.
 */
function rawTaps(name: string | null, also: (i: number) => void = () => {}) {
  const db = new Database(name === null ? ':memory:' : path.join(dir, name));
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNC}`);
  db.exec(
    'CREATE TABLE punches (seq INTEGER PRIMARY KEY, pin TEXT, time INTEGER, state INTEGER, verify INTEGER, work_code INTEGER)',
  );
  const insert = db.prepare('INSERT INTO punches (seq, pin, time, state, verify, work_code) VALUES (?, ?, ?, 0, 4, 0)');
  const tap = (i: number) => {
    insert.run(i + 1, String(10_000 + i), 1_000 * i);
    also(i);
  };
  return { tap, close: () => db.close() };
}

/** A 4 KiB write() into a file's page cache (a WAL frame's size, no fsync), `also` run after each. */
function writeTaps(name: string, also: (i: number) => void = () => {}) {
  const fd = fs.openSync(path.join(dir, name), 'w');
  const page = Buffer.alloc(4096, 7);
  const tap = (i: number) => {
    fs.writeSync(fd, page, 0, page.length, (i % 256) * page.length);
    also(i);
  };
  return { tap, close: () => fs.closeSync(fd) };
}

/** The firmware step (a tap on an in-memory store) with `other`'s work after each tap. */
function stepBeside(other: (also: (i: number) => void) => { tap: (i: number) => void; close: () => void }) {
  const clock = clockTaps('memory');
  const beside = other(clock.tap);
  return { tap: beside.tap, close: () => (beside.close(), clock.close()) };
}

/** Bytes allocated per tap of a clock on an in-memory store, collected objects included. */
async function bytesPerTap(): Promise<number> {
  const clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T08:00:00' } });
  clock.load({ users });
  for (let i = 0; i < WARM; i++) clock.tapCard(String(50_000 + i));
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  const options = {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  };
  await post('HeapProfiler.startSampling', options);
  for (let i = WARM; i < WARM + TAPS; i++) clock.tapCard(String(50_000 + i));
  const { profile } = await post<{ profile: { samples: { size: number }[] } }>('HeapProfiler.stopSampling');
  session.disconnect();
  clock.close();
  return profile.samples.reduce((sum, sample) => sum + sample.size, 0) / TAPS;
}

/** Short-lived objects of about `bytes` in all, as a step leaves them; the last few kept one tap longer. */
function garbageOf(bytes: number): () => void {
  const objects = Math.round(bytes / 40);
  let kept: unknown[] = [];
  return () => {
    const made: unknown[] = [];
    for (let i = 0; i < objects; i++) made.push({ at: i, of: kept, tag: 'x' });
    kept = made.slice(-8);
  };
}

const bytes = await bytesPerTap();
const rows: [string, Figures][] = [];
for (let round = 1; round <= 2; round++) {
  for (const [label, open] of [
    ['the firmware step (the clock on an in-memory store)', () => clockTaps('memory')],
    ['identify + punch (the clock on a SQLite file)', () => clockTaps(`clock-${round}.db`)],
    ["the store's port calls alone", () => storeTaps(`store-${round}.db`)],
    ['the port calls with the step’s garbage between', () => storeTaps(`dirty-${round}.db`, garbageOf(bytes))],
    ['the garbage alone', () => ({ tap: garbageOf(bytes), close: () => {} })],
    ['raw one-row commits alone (exclusive locking)', () => rawTaps(`raw-${round}.db`)],
    [
      'the step with a raw one-row commit after each tap',
      () => stepBeside((also) => rawTaps(`raw-step-${round}.db`, also)),
    ],
    ['one-row inserts into an in-memory SQLite alone (no system call)', () => rawTaps(null)],
    ['the step with an in-memory SQLite insert after each tap', () => stepBeside((also) => rawTaps(null, also))],
    ['a 4 KiB write() alone (no SQLite)', () => writeTaps(`write-${round}.bin`)],
    [
      'the step with a 4 KiB write() after each tap',
      () => stepBeside((also) => writeTaps(`write-step-${round}.bin`, also)),
    ],
  ] as const) {
    const subject = open();
    const figures = measured(subject.tap);
    subject.close();
    if (round === 2) rows.push([label, figures]);
  }
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `tap gap, ${today()}, ${machineLine()}; sync ${SYNC}, ${TAPS.toLocaleString('en')} taps a row (second of two rounds), ` +
    `${USERS.toLocaleString('en')} users; a tap's step allocates ${(bytes / 1024).toFixed(1)} KiB`,
);
console.log('| what | CPU a tap | CPU inside SQLite statements | statements a tap |');
console.log('|---|---|---|---|');
for (const [label, f] of rows)
  console.log(`| ${label} | ${f.cpuUs.toFixed(1)} µs | ${f.sqliteUs.toFixed(1)} µs | ${f.statements.toFixed(2)} |`);
