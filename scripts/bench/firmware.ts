// Issue 2's benchmarks: identify-and-punch cycles per second through the firmware (memory and SQLite
// file), user lookup, start-up and resident memory with a full user table. A clock holds at most 65,534
// users: each keeps a uid for life and uids are 16-bit on the LAN (firmware MAX_UID), so the table is
// seeded to that maximum, not to 100,000 (which stopped the seed at user 65,535).
// Run: npx tsx scripts/bench/firmware.ts   (prints Markdown rows for BENCHMARKS.md)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { loadDeviceModel } from '../../src/devices/index.js';
import { MAX_UID, newUser, type ClockPorts, type DeviceModel, type User } from '../../firmware/index.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { machineLine, rate, today } from './machine.js';

const USERS = MAX_UID;
const USERS_LABEL = USERS.toLocaleString('en');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-bench-'));

/** A model big enough for the benchmark: every uid a user, and a punch log that will not fill up. */
function benchModel(): DeviceModel {
  const model = loadDeviceModel('biometric');
  return { ...model, capacity: { ...model.capacity, users: USERS, punches: 10_000_000 } };
}

function benchUsers(count: number): User[] {
  return Array.from({ length: count }, (_, i) =>
    newUser(String(100_000 + i), { name: `Employee ${i}`, verifyMode: 0, card: String(5_000_000 + i) }),
  );
}

/** A store file prepared before any clock opens it. */
function seedUsers(ports: ClockPorts, count: number): void {
  ports.transaction(() => {
    for (const user of benchUsers(count)) ports.users.put(user);
  });
}

/** One identify-and-punch cycle: a card is tapped (on the idle or the last result screen) and punched. */
function punchCycles(clock: Clock, ms: number): number {
  let i = 0;
  const { perSecond } = rate(() => {
    clock.tapCard(5_000_000 + (i++ % USERS));
  }, ms);
  return perSecond;
}

function bench(label: string, store: 'memory' | string, sync?: 'full' | 'normal'): string {
  const model = benchModel();
  if (store !== 'memory') {
    const ports = openSqlitePorts(store, { synchronous: sync ?? 'full' });
    seedUsers(ports, USERS);
    ports.close();
  }
  const clock = createClock({
    device: model,
    store: store === 'memory' ? 'memory' : { kind: 'file', file: store },
    storeSync: sync ?? 'full',
    time: { virtual: '2026-11-25T08:00:00' },
  });
  if (store === 'memory') clock.load({ users: benchUsers(USERS) });
  // No duplicate window: every tap by the same card is a new punch.
  clock.send({ type: 'settings.changed', settings: { ...clock.settings(), duplicateWindowSeconds: 0 } });
  const perSecond = punchCycles(clock, 3_000);
  clock.close();
  return `| identify-and-punch cycles, ${label} | ${Math.round(perSecond).toLocaleString('en')} /s |`;
}

function lookup(): string[] {
  const ports = openSqlitePorts(path.join(dir, 'lookup.db'), { synchronous: 'normal' });
  seedUsers(ports, USERS);
  let i = 0;
  const byPin = rate(() => ports.users.findByPin(String(100_000 + ((i += 7919) % USERS))), 1_000);
  const byCard = rate(() => ports.users.findByCard(String(5_000_000 + ((i += 7919) % USERS))), 1_000);
  ports.close();
  return [
    `| user lookup by PIN among ${USERS_LABEL} (SQLite) | ${(1e6 / byPin.perSecond).toFixed(2)} µs |`,
    `| user lookup by card among ${USERS_LABEL} (SQLite) | ${(1e6 / byCard.perSecond).toFixed(2)} µs |`,
  ];
}

function startup(): string[] {
  const file = path.join(dir, 'startup.db');
  const seed = openSqlitePorts(file, { synchronous: 'normal' });
  seedUsers(seed, USERS);
  seed.close();
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  const clock = createClock({ device: benchModel(), store: file, time: { virtual: '2026-11-25T08:00:00' } });
  clock.frame();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = process.memoryUsage().rss;
  clock.close();
  return [
    `| start-up with ${USERS_LABEL} users (SQLite file, to first frame) | ${ms.toFixed(0)} ms |`,
    `| resident memory: process after start with ${USERS_LABEL} users | ${(rss / 2 ** 20).toFixed(0)} MiB (+${((rss - rssBefore) / 2 ** 20).toFixed(0)} MiB for the clock) |`,
  ];
}

const rows = [
  ...startup(),
  bench('in-memory store', 'memory'),
  bench('SQLite file, synchronous=FULL (fsync per punch)', path.join(dir, 'full.db'), 'full'),
  bench('SQLite file, synchronous=NORMAL (WAL; survives a killed process)', path.join(dir, 'normal.db'), 'normal'),
  ...lookup(),
];
console.log(
  `### Firmware core — ${today()}\n\nMachine: ${machineLine()}\n\n| what | result |\n|---|---|\n${rows.join('\n')}`,
);
fs.rmSync(dir, { recursive: true, force: true });
