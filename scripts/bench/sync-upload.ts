// Issue 4's upload benchmark, the clock's side: a clock whose SQLite store holds 100,000 punches made
// offline uploads them to the embedded cloud in batches of 1,000 — to a cloud in its own process over
// loopback HTTP (as a clock and its server are: two machines), then to one in this process over HTTP
// and in-process (one thread for both ends: a pessimistic figure). Target: >= 20,000 records/s.
// Run: npx tsx scripts/bench/sync-upload.ts [punches]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCloud, inProcessTransport, type Cloud } from '../../src/cloud/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { startSync, type SyncOptions } from '../../src/sync/index.js';
import { BENCH_TOKEN, clockSerial, startBenchServer } from './cloud-server.js';
import { machineLine, today } from './machine.js';

const PUNCHES = Number(process.argv[2] ?? 100_000);
const SN = clockSerial(0);
const TARGET = 20_000;

/** A clock on a fresh store file holding `PUNCHES` punches beyond its cursor. */
function bufferedClock(file: string): Clock {
  const clock = createClock({ store: file, time: { virtual: '2026-11-25T07:58:00' } });
  const start = clock.now();
  const punches = Array.from({ length: PUNCHES }, (_, i) => ({
    pin: String(1000 + (i % 500)),
    time: start + i * 1_000,
    state: 0 as const,
    verify: 1 as const,
    workCode: 0,
  }));
  clock.load({ punches });
  return clock;
}

/**
 * Times the upload of the whole backlog, wall time and this process's CPU time (a figure that a busy
 * machine does not distort); `check` confirms the cloud holds every punch.
 */
async function timeUpload(label: string, clock: Clock, options: SyncOptions, check: () => Promise<void>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const link = startSync(clock, options);
  await link.whenIdle();
  const seconds = (performance.now() - started) / 1_000;
  const used = process.cpuUsage(cpu);
  await link.stop();
  clock.close();
  await check();
  const perSecond = PUNCHES / seconds;
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${label.padEnd(22)} ${PUNCHES} punches in ${seconds.toFixed(2)} s: ${Math.round(perSecond)} records/s; ` +
      `this process ${cpuSeconds.toFixed(2)} CPU s (${Math.round(PUNCHES / cpuSeconds)} records per CPU s)`,
  );
  return perSecond;
}

async function ownProcess(dir: string): Promise<number> {
  const server = await startBenchServer(10);
  try {
    const clock = bufferedClock(path.join(dir, 'own-process.db'));
    const before = await server.mark();
    const rate = await timeUpload('http, cloud process', clock, { url: server.url }, async () => {
      // The cloud keeps the Stamp of the last batch it took: the backlog's last seq when all arrived.
      const auth = { headers: { authorization: `Bearer ${BENCH_TOKEN}` } };
      const answer = (await (await fetch(`${server.url}/api/clocks/${SN}`, auth)).json()) as { attlogStamp?: string };
      if (answer.attlogStamp !== String(PUNCHES)) {
        throw new Error(`the cloud's last stamp is ${answer.attlogStamp}, expected ${PUNCHES}`);
      }
    });
    const after = await server.mark();
    const cloudCpu = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
    console.log(
      `${''.padEnd(22)} the cloud process ${cloudCpu.toFixed(2)} CPU s (${Math.round(PUNCHES / cloudCpu)} records per CPU s)`,
    );
    return rate;
  } finally {
    await server.stop();
  }
}

async function sameProcess(label: string, dir: string, connect: (cloud: Cloud) => SyncOptions): Promise<number> {
  const clock = bufferedClock(path.join(dir, `${label.replace(/\W+/g, '-')}.db`));
  // A SQLite file, as the cloud in its own process has: the rows differ by where the cloud runs, not by its storage.
  const cloud = createCloud({
    now: () => clock.source.now(),
    data: path.join(dir, `${label.replace(/\W+/g, '-')}-cloud.db`),
  });
  cloud.registerClock(SN);
  await cloud.listen();
  try {
    return await timeUpload(label, clock, connect(cloud), async () => {
      const count = cloud.store.punches.count(SN);
      if (count !== PUNCHES) throw new Error(`${label}: the cloud has ${count} punches, expected ${PUNCHES}`);
    });
  } finally {
    await cloud.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-bench-'));
  try {
    console.log(`sync-upload ${today()} — ${machineLine()}`);
    const rates = [
      await ownProcess(dir),
      await sameProcess('http, same process', dir, (cloud) => ({ url: cloud.url! })),
      await sameProcess('in-process transport', dir, (cloud) => ({ transport: inProcessTransport(cloud) })),
    ];
    const verdict = Math.min(...rates) >= TARGET ? 'meets' : 'MISSES';
    console.log(`${verdict} the target of ${TARGET} records/s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
