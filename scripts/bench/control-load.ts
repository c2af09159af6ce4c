// How long a well-behaved control client waits for its answer while others misbehave, over TCP on
// loopback: the wall-time side of test/serial/control-load.test.ts, whose tests count the work done
// meanwhile instead (a busy machine makes times, not counts, grow). The target is 100 ms at the worst.
// Run: npx tsx scripts/bench/control-load.ts   (prints Markdown rows for BENCHMARKS.md)
import net from 'node:net';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { MAX_KEYS_PER_REQUEST, startBridge, type Bridge, type ControlApi } from '../../src/serial/index.js';
import { machineLine, today } from './machine.js';

const ROUNDS = 200;

/** One TCP client of the control protocol: writes lines, counts reply lines by id, can stop reading. */
function client(port: number): Promise<{ socket: net.Socket; reply(id: string): Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const waiting = new Map<string, () => void>();
  let partial = '';
  socket.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const id = /^\{"type":"reply","id":"([^"]+)"/.exec(line)?.[1];
      if (id !== undefined) waiting.get(id)?.();
    }
  });
  socket.on('error', () => {});
  return new Promise((resolve) =>
    socket.once('connect', () =>
      resolve({
        socket,
        reply: (id) => new Promise<void>((done) => waiting.set(id, done)),
      }),
    ),
  );
}

interface Load {
  label: string;
  /** Starts the misbehaviour against the clock; returns what keeps it going between rounds, if anything. */
  start(port: number, clock: Clock): Promise<(() => void) | undefined>;
}

const LOADS: Load[] = [
  { label: 'no load', start: async () => undefined },
  {
    label: 'a flood of 64-key requests (2,000 at a time)',
    start: async (port) => {
      const flooder = await client(port);
      const line = `${JSON.stringify({ cmd: 'keys', keys: '1*'.repeat(MAX_KEYS_PER_REQUEST / 2) })}\n`;
      return () => void (flooder.socket.writableLength < 1024 * 1024 && flooder.socket.write(line.repeat(2000)));
    },
  },
  {
    label: 'another client advancing virtual time a day at a time',
    start: async (port) => {
      const traveller = await client(port);
      return () => void traveller.socket.write(`${JSON.stringify({ id: 'day', cmd: 'advance', ms: 86_400_000 })}\n`);
    },
  },
  {
    label: 'a line of 1 MiB without a newline per round',
    start: async (port) => {
      const flooder = await client(port);
      const chunk = Buffer.alloc(1024 * 1024, 0x31);
      return () => void flooder.socket.write(chunk);
    },
  },
  {
    label: 'a client that does not read 60 answers of 150 KB',
    start: async (port, clock) => {
      clock.ports.transaction(() => {
        for (let i = 0; i < 1000; i++)
          clock.ports.punches.append({ pin: '1003', time: clock.now() + i, state: 0, verify: 0, workCode: 0 });
      });
      const stuck = await client(port);
      stuck.socket.pause();
      for (let i = 0; i < 60; i++)
        stuck.socket.write(`${JSON.stringify({ id: `p${i}`, cmd: 'punches', limit: 1000 })}\n`);
      return undefined;
    },
  },
];

async function measure(load: Load): Promise<string> {
  const clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
  const bridge = startBridge(clock, 'control:tcp:0') as Bridge<ControlApi>;
  await bridge.ready();
  const port = Number(bridge.address()!.split(':').at(-1));
  for (let i = 0; i < 20; i++) (await client(port)).socket.pause(); // idle clients that never read
  const keepGoing = await load.start(port, clock);
  const rig = await client(port);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    keepGoing?.();
    const start = process.hrtime.bigint();
    const answered = rig.reply(`r${i}`);
    rig.socket.write(`${JSON.stringify({ id: `r${i}`, cmd: 'screen' })}\n`);
    await answered;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await bridge.stop();
  clock.close();
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `| ${load.label} | ${at(0.5)} | ${at(0.99)} | ${sorted.at(-1)!.toFixed(2)} |`;
}

console.log(
  `A rig's \`screen\` round trip while another client misbehaves (${ROUNDS} rounds, 20 idle clients that never read, TCP loopback), ${today()}, ${machineLine()}\n`,
);
console.log('| the other client | median ms | p99 ms | max ms |');
console.log('|---|---:|---:|---:|');
for (const load of LOADS) console.log(await measure(load));
process.exit(0);
