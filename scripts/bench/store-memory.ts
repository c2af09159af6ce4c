// RSS a clock's store adds in a process of many (a fleet's): N biometric clocks made as the fleet makes
// them, on memory stores or on a SQLite file each (default cache, or the fleet's small one), each having
// answered what a poll asks (the counts of INFO). RSS read as `ps` would (no forced collection), sampled
// each 100 ms for a second once the clocks are made, the median taken. Prints one JSON line.
// `shared`: the fleet's --data since issue 22, one file for all the clocks (src/fleet/fleet-data.ts).
// Run: npx tsx scripts/bench/store-memory.ts [clocks] [memory | sqlite | sqlite-small | shared] [a folder for the files]
import fs from 'node:fs';
import { loadDeviceModel } from '../../src/devices/index.js';
import { createLogger } from '../../src/log.js';
import { createClock, ScaledClockSource, type Clock } from '../../src/runtime/index.js';
import { openSharedStore } from '../../src/store/index.js';

const CLOCKS = Number(process.argv[2] ?? 1_000);
const KIND = process.argv[3] ?? 'sqlite-small';
const DIR = process.argv[4] ?? `/tmp/store-memory-${process.pid}`;
/** What src/fleet/fleet-clock.ts gives each clock. */
const FLEET_CACHE_PAGES = 4;

const model = loadDeviceModel('biometric');
const source = new ScaledClockSource({ start: Date.parse('2026-03-02T07:50:00Z'), origin: Date.now(), speed: 1 });
const logger = createLogger({ level: 'silent' });
if (KIND !== 'memory') fs.mkdirSync(DIR, { recursive: true });

async function medianRss(): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(process.memoryUsage.rss());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return samples.sort((a, b) => a - b)[5]!;
}

const before = await medianRss();
const shared = KIND === 'shared' ? openSharedStore(`${DIR}/clocks.db`, { synchronous: 'normal' }) : undefined;
const clocks: Clock[] = [];
for (let i = 0; i < CLOCKS; i++) {
  const serialNumber = `TC1A${String(i).padStart(6, '0')}`;
  const clock = createClock({
    ...{ device: model, serialNumber, storeSync: 'normal', time: { source }, logger },
    store: shared
      ? { kind: 'shared', shared, serialNumber }
      : KIND === 'memory'
        ? 'memory'
        : `${DIR}/${serialNumber}.db`,
    ...(KIND === 'sqlite-small' ? { storeCachePages: FLEET_CACHE_PAGES } : {}),
  });
  // What each poll reads for INFO.
  clock.records.users.count();
  clock.records.templates.count();
  clock.records.punches.count();
  clocks.push(clock);
}
const after = await medianRss();
console.log(
  JSON.stringify({ clocks: CLOCKS, store: KIND, rssKiBPerClock: Math.round((after - before) / CLOCKS / 1024) }),
);
for (const clock of clocks) clock.close();
shared?.close();
if (KIND !== 'memory' && process.argv[4] === undefined) fs.rmSync(DIR, { recursive: true, force: true });
