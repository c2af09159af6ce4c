// The LAN protocol under its SDKs: 100,000 attendance records and 10,000 users read through node-zklib,
// and 50 node-zklib clients connected at once polling the free sizes. Clock, listener and clients run
// in this one process over loopback TCP, so each CPU figure is the SDK's and the simulator's together.
import os from 'node:os';
import { newUser, type Punch } from '../../firmware/index.js';
import { startLanListener } from '../../src/lan/index.js';
import { createLogger } from '../../src/log.js';
import { createClock } from '../../src/runtime/index.js';
import { ZKLib } from './node-zklib.js';

// node-zklib prints "ok tcp" on every connect.
console.log = () => undefined;
const say = (text: string) => process.stdout.write(`${text}\n`);

const clock = createClock({ time: { virtual: '2026-11-25T08:00:00' } });
clock.ports.transaction(() => {
  for (let i = 1; i <= 10_000; i++) clock.ports.users.put(newUser(String(1000 + i), { name: `Employee ${i}` }));
  for (let i = 0; i < 100_000; i++) {
    const punch = { pin: String(1001 + (i % 10_000)), time: Date.UTC(2026, 0, 1) + i * 60_000 };
    clock.ports.punches.append({ ...punch, state: (i % 2) as Punch['state'], verify: 1, workCode: 0 });
  }
});
const listener = await startLanListener({ clock, log: createLogger({ level: 'silent' }), port: 0 });

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const zk = new ZKLib('127.0.0.1', listener.port, 10_000, 0);
await zk.createSocket();
const att = await measure(() => zk.getAttendances());
if (att.value.err || att.value.data.length !== 100_000) throw new Error(`read ${att.value.data.length} records`);
const users = await measure(() => zk.getUsers());
if (users.value.data.length !== 10_000) throw new Error(`read ${users.value.data.length} users`);
await zk.disconnect();

const CLIENTS = 50;
const POLLS = 20;
const clients = await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const c = new ZKLib('127.0.0.1', listener.port, 10_000, 0);
    await c.createSocket();
    return c;
  }),
);
const polls = await measure(() =>
  Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < POLLS; i++) {
        const info = await c.getInfo();
        if (info.logCounts !== 100_000) throw new Error('wrong count');
      }
    }),
  ),
);
await Promise.all(clients.map((c) => c.disconnect()));
await listener.close();
clock.close();

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
say(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
say('| read (node-zklib over loopback TCP) | wall | records/s | CPU (SDK + simulator) |');
say('|---|---:|---:|---:|');
say(
  `| 100,000 attendance records (40 B, 62 chunks) | ${att.ms.toFixed(0)} ms | ${rate(100_000, att.ms)} | ${att.cpuMs.toFixed(0)} ms |`,
);
say(
  `| 10,000 users (72 B, 11 chunks) | ${users.ms.toFixed(0)} ms | ${rate(10_000, users.ms)} | ${users.cpuMs.toFixed(0)} ms |`,
);
say(
  `| ${CLIENTS} clients × ${POLLS} GET_FREE_SIZES each, concurrently | ${polls.ms.toFixed(0)} ms | ${rate(CLIENTS * POLLS, polls.ms)} polls/s | ${(polls.cpuMs / (CLIENTS * POLLS)).toFixed(3)} ms per poll |`,
);
