// The control protocol's fan-out, out of process: the clock runs as its own process with a control
// bridge, 200 clients connect and never read, one fast client floods it with key presses (each a few
// screen events to every client), and the clock's memory is read from /proc. Clients cut for falling
// behind are told why: each one that reads again finds a `bye` as its last line. Their grace is an hour,
// not the default 30 s: they read again only after the flood, which on a busy machine takes longer.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_KEYS_PER_REQUEST } from '../../src/serial/index.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { LineClient, type Message } from './line-client.js';

const IDLE_CLIENTS = Number(process.env.FANOUT_IDLE ?? 200);
/** 64,000 key presses, each a screen event to every client: well past what the kernel buffers for each. */
const FLOOD_REQUESTS = Number(process.env.FANOUT_REQUESTS ?? 1000);
const MIB = 1024 * 1024;

/** Resident memory of a process, from the kernel. */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

let clock: ClockProcess;
let port = 0;
const clients: LineClient[] = [];

async function connect(): Promise<LineClient> {
  const client = await LineClient.connect(port);
  clients.push(client);
  await client.next((m) => m.type === 'hello', 'the hello', 30_000);
  return client;
}

describe.skipIf(process.platform !== 'linux')('the control fan-out with 200 clients that do not read', () => {
  beforeAll(async () => {
    clock = ClockProcess.start([
      ...['--memory', '--lan', 'off', '--cloud', 'none', '--time', 'virtual:2026-11-25T07:58:00'],
      ...['--bridge', 'control:tcp:0,behind=100,grace=3600'],
    ]);
    port = Number((await clock.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.socket.destroy();
    await clock?.kill();
  });

  it('stays within 96 MiB of its starting memory, and cuts each idle client with a bye saying why', async () => {
    const idle: LineClient[] = [];
    for (let i = 0; i < IDLE_CLIENTS; i++) {
      const client = await connect();
      client.stopReading();
      idle.push(client);
    }
    const flooder = await connect();
    const rig = await connect();
    const before = rssOf(clock.pid);

    let peak = before;
    const keys = '1*'.repeat(MAX_KEYS_PER_REQUEST / 2);
    for (let i = 0; i < FLOOD_REQUESTS; i++) {
      flooder.send({ id: i, cmd: 'keys', keys });
      if (i % 50 === 49) {
        // The rig's answer comes while the flood runs: each is a turn the flooder had to give up.
        await rig.request({ id: `s${i}`, cmd: 'screen' });
        peak = Math.max(peak, rssOf(clock.pid));
      }
    }
    await flooder.next((m) => m.id === FLOOD_REQUESTS - 1, 'the last flood reply', 300_000);
    peak = Math.max(peak, rssOf(clock.pid));

    // A bound, not a measure: on a busy machine one run grew 72 MiB (before this change's outbox: 43 MiB,
    // and its cut clients got no bye); the V8 heap of 64,000 events' garbage is most of it.
    expect(peak - before).toBeLessThan(96 * MIB);
    const sample = idle.slice(0, 20);
    for (const client of sample) client.readAgain();
    await Promise.all(sample.map((client) => client.closed));
    for (const client of sample) {
      expect(client.received.at(-1)).toMatchObject({
        type: 'bye',
        reason: expect.stringContaining('fell behind: 100 events dropped') as unknown,
      } satisfies Message);
    }
  }, 420_000);
});
