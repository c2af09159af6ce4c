// The LAN protocol as integrators meet it: a separately started `timeclock run --headless --lan` on a
// store of 100,000 punches (written beforehand through the store API), read by node-zklib and zkteco-js
// over TCP and UDP from this process, three times each (best and median), then 50 node-zklib clients
// polling the free sizes at once. Wall time includes the SDK decoding the records in this process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newUser, type Punch } from '../../firmware/index.js';
import { openSqlitePorts } from '../../src/store/index.js';

const PUNCHES = 100_000;
const ROUNDS = 3;
const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'timeclock.js');

interface Sdk {
  createSocket(): Promise<unknown>;
  getInfo(): Promise<{ logCounts: number }>;
  getAttendances(): Promise<{ data: unknown[]; err?: unknown }>;
  disconnect(): Promise<void>;
  zklibUdp?: { createSocket(): Promise<unknown>; connect(): Promise<unknown> };
  connectionType?: string;
}
type SdkClass = new (ip: string, port: number, timeout: number, inport: number) => Sdk;
const load = createRequire(import.meta.url);
const sdks: Record<string, SdkClass> = { 'node-zklib': load('node-zklib'), 'zkteco-js': load('zkteco-js') };

// The SDKs print on every connect.
console.log = () => undefined;
const say = (text: string) => process.stdout.write(`${text}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-bench-lan-'));
const store = openSqlitePorts(path.join(dir, 'clock.db'), { synchronous: 'normal' });
store.transaction(() => {
  for (let i = 1; i <= 1_000; i++) store.users.put(newUser(String(1000 + i), { name: `Employee ${i}` }));
  for (let i = 0; i < PUNCHES; i++) {
    const punch = { pin: String(1001 + (i % 1_000)), time: Date.UTC(2026, 0, 1) + i * 60_000 };
    store.punches.append({ ...punch, state: (i % 2) as Punch['state'], verify: 1, workCode: 0 });
  }
});
store.close();

const args = ['run', '--headless', '--data', dir, '--cloud', 'none', '--no-demo', '--log-level', 'warn'];
const clock = spawn(process.execPath, [BIN, ...args, '--time', 'virtual:2026-11-25T08:00:00', '--lan', '127.0.0.1:0']);
const port = await new Promise<number>((resolve, reject) => {
  let text = '';
  clock.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const found = /lan: SDKs .* on 127\.0\.0\.1:(\d+)/.exec(text);
    if (found) resolve(Number(found[1]));
  });
  clock.once('exit', (code) => reject(new Error(`timeclock run exited (${code}) before listening:\n${text}`)));
});

async function connect(name: string, transport: 'tcp' | 'udp'): Promise<Sdk> {
  const zk = new sdks[name]!('127.0.0.1', port, 20_000, 0);
  if (transport === 'tcp') await zk.createSocket();
  else {
    await zk.zklibUdp!.createSocket();
    await zk.zklibUdp!.connect();
    zk.connectionType = 'udp';
  }
  return zk;
}

/** Wall times of the reads, each checked complete: a short read ends the benchmark with an error. */
async function reads(name: string, transport: 'tcp' | 'udp'): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const zk = await connect(name, transport);
    const start = performance.now();
    const { data, err } = await zk.getAttendances();
    times.push(performance.now() - start);
    await zk.disconnect().catch(() => undefined);
    if (err || data.length !== PUNCHES)
      throw new Error(`${name} over ${transport} read ${data.length} records (${err})`);
  }
  return times.sort((a, b) => a - b);
}

const rate = (ms: number) => Math.round((PUNCHES / ms) * 1000).toLocaleString('en-US');
const rows: string[] = [];
try {
  for (const [name, transport] of [
    ['node-zklib', 'tcp'],
    ['zkteco-js', 'tcp'],
    ['node-zklib', 'udp'],
  ] as const) {
    const times = await reads(name, transport);
    const [best, median] = [times[0]!, times[Math.floor(times.length / 2)]!];
    rows.push(
      `| ${name} over ${transport.toUpperCase()} | ${best.toFixed(0)} ms | ${median.toFixed(0)} ms | ${rate(best)} | ${rate(median)} |`,
    );
  }
  rows.push(
    '| zkteco-js over UDP | n/a | n/a | n/a | n/a (its handleChunkedData returns before the data: no SDK read) |',
  );

  const clients = await Promise.all(Array.from({ length: 50 }, () => connect('node-zklib', 'tcp')));
  const latencies: number[] = [];
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < 20; i++) {
        const start = performance.now();
        if ((await c.getInfo()).logCounts !== PUNCHES) throw new Error('wrong count');
        latencies.push(performance.now() - start);
      }
    }),
  );
  await Promise.all(clients.map((c) => c.disconnect()));
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);

  say(
    `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  say(
    `separate process: timeclock run --lan on a SQLite store of ${PUNCHES.toLocaleString('en-US')} punches; best and median of ${ROUNDS}`,
  );
  say('| 100,000 attendance records read by | best | median | records/s (best) | records/s (median) |');
  say('|---|---:|---:|---:|---:|');
  for (const row of rows) say(row);
  say(`| 50 node-zklib clients × 20 GET_FREE_SIZES at once | p50 ${p(0.5)} ms | p99 ${p(0.99)} ms | | |`);
} finally {
  clock.stdin.end('quit\n');
  await new Promise((resolve) => clock.once('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
}
