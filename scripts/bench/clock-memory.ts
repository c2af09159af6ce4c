// Memory a clock holds in a process of many (a fleet's): N biometric clocks on memory stores, made as the
// fleet makes them (one time source, one logger), with and without their PUSH link, heap measured after
// full collections, and the RSS they add (SQLite's own memory is outside the heap). Prints one JSON line.
// Run: node --expose-gc --import tsx scripts/bench/clock-memory.ts [clocks] [a folder for SQLite files]
import { loadDeviceModel } from '../../src/devices/index.js';
import { createLogger } from '../../src/log.js';
import { createClock, ScaledClockSource, type Clock } from '../../src/runtime/index.js';
import { startSync } from '../../src/sync/index.js';

const CLOCKS = Number(process.argv[2] ?? 2_000);
const DATA = process.argv[3];
if (global.gc === undefined) throw new Error('run with node --expose-gc');
const heap = () => {
  global.gc!();
  global.gc!();
  return process.memoryUsage().heapUsed;
};
const model = loadDeviceModel('biometric');
const source = new ScaledClockSource({ start: Date.parse('2026-03-02T07:50:00Z'), origin: Date.now(), speed: 1 });
const logger = createLogger({ level: 'silent' });
// A server that never answers: the links stay in their first round, holding what a waiting link holds.
const transport = { request: () => new Promise<never>(() => {}), close() {} };

const before = heap();
const rssBefore = process.memoryUsage.rss();
const clocks: Clock[] = [];
for (let i = 0; i < CLOCKS; i++) {
  const serialNumber = `TC1A${String(i).padStart(6, '0')}`;
  const store = DATA === undefined ? 'memory' : `${DATA}/${serialNumber}.db`;
  clocks.push(createClock({ device: model, serialNumber, store, storeSync: 'normal', time: { source }, logger }));
}
const withClocks = heap();
const links = clocks.map((clock) => startSync(clock, { transport, server: 'http://127.0.0.1:9', logger }));
const withLinks = heap();
const rss = process.memoryUsage.rss() - rssBefore;
const kib = (bytes: number) => Math.round((bytes / CLOCKS / 1024) * 10) / 10;
const heapKiB = { clockKiB: kib(withClocks - before), linkKiB: kib(withLinks - withClocks) };
console.log(
  JSON.stringify({ clocks: CLOCKS, store: DATA === undefined ? 'memory' : 'sqlite', ...heapKiB, rssKiB: kib(rss) }),
);
process.exit(links.length > 0 ? 0 : 1);
