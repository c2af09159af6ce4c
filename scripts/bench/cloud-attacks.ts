// The cloud under the reliability issues' attacks, in its own process: 60 MB bodies (with a length, and
// chunked without one), megabyte garbage lines, half-open connections, an unauthenticated API flood and
// 100,000 unknown serial numbers, each for a few seconds from a process of its own that connects from the
// address the caller says (another machine: 127.0.0.2 by default), while one well-behaved clock (in this
// process, from 127.0.0.1) pings every 50 ms. Prints for each attack the server's peak RSS during it
// (target ≤ 200 MiB) and after it (target < 150 MiB), the bytes its log grew by, and the clock's p99 and
// worst answer time (target ≤ 100 ms).
// Run: npx tsx scripts/bench/cloud-attacks.ts [seconds per attack] [attacker address]; CLOUD_ROOT=<checkout>
// attacks that checkout's cloud, CLOUD_NODE_FLAGS gives its node flags (see cloud-process.ts); ATTACKS=chunked
// runs only the attacks whose name contains one of its comma-separated words (the baseline always);
// AFTER_SECONDS (5) is how long after each attack its "after" is read.
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { httpTransport } from '../../src/protocol/index.js';
import { startCloudProcess, type CloudMemory, type CloudProcess } from './cloud-process.js';
import { machineLine, today } from './machine.js';

const SECONDS = Number(process.argv[2] ?? 5);
const ATTACKER = process.argv[3] ?? '127.0.0.2';
/** Seconds after an attack ended that its "after" RSS is read: the same for every row. */
const AFTER_SECONDS = Number(process.env.AFTER_SECONDS ?? 5);
/** Node flags for the cloud process, to compare with (CLOUD_NODE_FLAGS="--max-semi-space-size=2"). */
const NODE_FLAGS = (process.env.CLOUD_NODE_FLAGS ?? '').split(' ').filter(Boolean);

interface Target {
  host: string;
  port: number;
  /** The attacker's own address (its machine), or a function of the attempt for a botnet. */
  from: (attempt: number) => string;
}

type Attack = (target: Target, until: number) => Promise<number>;

/** Repeats `one` on `n` connections until the time is up (or `max` attempts); returns how many were made. */
async function onConnections(n: number, until: number, one: (attempt: number) => Promise<void>, max = Infinity) {
  let attempts = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (Date.now() < until && attempts < max) await one(attempts++).catch(() => undefined);
    }),
  );
  return attempts;
}

/** A request on a connection of its own from `from`: `head` then `body`; done when either side closes. */
function rawRequest(t: Target, from: string, head: string, body: (socket: net.Socket) => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ port: t.port, host: t.host, localAddress: from }, () => {
      socket.write(head);
      body(socket);
    });
    socket.on('data', () => socket.destroy());
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

/** Writes `count` chunks of 1 MiB as the socket takes them, each framed by `frame`. */
function pump(count: number, frame: (chunk: Buffer) => Buffer[]) {
  // Lines of 1 KiB: a body of one long line would be stopped at its first 64 KiB (the garbage lines' attack).
  const chunk = Buffer.from(`${'A'.repeat(1023)}\n`.repeat(1024));
  return (socket: net.Socket): void => {
    let sent = 0;
    const more = (): void => {
      // Every part of a frame is written, whatever the socket says of the first: a frame cut short would be
      // a malformed body (refused by the parser for its framing, not by the cloud for its size).
      while (sent < count && socket.writable) {
        sent++;
        if (
          !frame(chunk)
            .map((part) => socket.write(part))
            .every(Boolean)
        )
          break;
      }
      if (sent < count && socket.writable) socket.once('drain', more);
    };
    more();
  };
}

const head = (t: Target, method: string, path: string, headers: string) =>
  `${method} ${path} HTTP/1.1\r\nHost: ${t.host}\r\n${headers}\r\n`;

const attacks: Record<string, Attack> = {
  // What the machine itself gives the pings (a busy machine's noise is in every row below too).
  'no attack (baseline)': async (_t, until) => {
    await new Promise((resolve) => setTimeout(resolve, until - Date.now()));
    return 0;
  },
  '20 clients sending 60 MB bodies': (t, until) =>
    onConnections(20, until, () =>
      rawRequest(
        t,
        t.from(0),
        head(t, 'POST', '/iclock/cdata?SN=TC1A000001&table=ATTLOG', `Content-Length: ${60 * 2 ** 20}\r\n`),
        pump(60, (chunk) => [chunk]),
      ),
    ),
  '20 clients sending 60 MB chunked bodies (no length)': (t, until) =>
    onConnections(20, until, () =>
      rawRequest(
        t,
        t.from(0),
        head(t, 'POST', '/iclock/cdata?SN=TC1A000001&table=ATTLOG', 'Transfer-Encoding: chunked\r\n'),
        pump(60, (chunk) => [Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      ),
    ),
  '12 clients uploading 3 garbage lines of 1 MB': (t, until) =>
    onConnections(12, until, () => {
      const body = `${'x'.repeat(2 ** 20)}\n`.repeat(3);
      const headers = `Content-Length: ${Buffer.byteLength(body)}\r\n`;
      return rawRequest(t, t.from(0), head(t, 'POST', '/iclock/cdata?SN=TC1A000001&table=ATTLOG', headers), (s) =>
        s.write(body),
      );
    }),
  '200 half-open connections (headers never end)': (t, until) =>
    onConnections(200, until, () =>
      rawRequest(t, t.from(0), `GET /iclock/ping?SN=TC1A000001 HTTP/1.1\r\nHost: ${t.host}\r\nX-Slow: `, () => {}),
    ),
  'API flood without a token, 50 clients': (t, until) =>
    onConnections(50, until, () => {
      const headers = 'Content-Type: application/json\r\nContent-Length: 2\r\n';
      return rawRequest(t, t.from(0), head(t, 'POST', '/api/employees', headers), (s) => s.write('{}'));
    }),
  '100,000 unknown serial numbers from 250 addresses, 50 clients': (t, until) =>
    onConnections(
      50,
      until,
      (n) =>
        rawRequest(
          t,
          `127.0.2.${(n % 250) + 1}`,
          head(t, 'GET', `/iclock/cdata?SN=FLOOD${n}&options=all`, ''),
          () => {},
        ),
      100_000,
    ),
};

/** The attacks ATTACKS names (all by default), the baseline first. */
function chosenAttacks(): string[] {
  const words = (process.env.ATTACKS ?? '').split(',').filter(Boolean);
  const names = Object.keys(attacks);
  return names.filter((name, i) => i === 0 || words.length === 0 || words.some((w) => name.includes(w)));
}

interface Measured {
  name: string;
  attempts: number;
  before: CloudMemory;
  /** The kernel's peak RSS over the attack; the other fields the largest sampled during it. */
  peak: CloudMemory;
  after: CloudMemory;
  logBytes: number;
  /** The cloud's CPU time and the bytes it read during the attack (its window, not the 5 s after). */
  cpuMs: number;
  readMiB: number;
  answered: number;
  failed: number;
  p99: number;
  worst: number;
}

const maxOf = (a: CloudMemory, b: CloudMemory): CloudMemory => ({
  rss: Math.max(a.rss, b.rss),
  peakRss: Math.max(a.peakRss, b.peakRss),
  heapUsed: Math.max(a.heapUsed, b.heapUsed),
  heapTotal: Math.max(a.heapTotal, b.heapTotal),
  external: Math.max(a.external, b.external),
  arrayBuffers: Math.max(a.arrayBuffers, b.arrayBuffers),
});

async function measure(cloud: CloudProcess, name: string): Promise<Measured> {
  const { hostname, port } = new URL(cloud.url);
  const clock = httpTransport(cloud.url, { timeoutMs: 5_000, keepAlive: false });
  const latencies: number[] = [];
  let failed = 0;
  // The attackers in a process of their own: the pinging clock's event loop is not theirs. The window
  // starts once that process is loaded and ready.
  const attacker = fork(fileURLToPath(import.meta.url), ['--attack', name, hostname, port, ATTACKER], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise((resolve) => attacker.once('message', resolve));
  const before = await cloud.memory();
  const logBefore = cloud.logBytes();
  cloud.resetPeak();
  const counted = cloud.counters();
  let peak = before;
  const until = Date.now() + SECONDS * 1000;
  const attacking = new Promise<number>((resolve) => attacker.once('message', (n) => resolve(n as number)));
  attacker.send(until);
  while (Date.now() < until) {
    const started = performance.now();
    const answer = await clock
      .request({ method: 'GET', path: '/iclock/ping', query: { SN: 'TC1A000001' } })
      .catch(() => undefined);
    if (answer?.body === 'OK') latencies.push(performance.now() - started);
    else failed++;
    peak = maxOf(peak, await cloud.memory());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const attempts = await attacking;
  const spent = cloud.counters();
  peak = maxOf(peak, await cloud.memory());
  clock.close();
  // "After" is AFTER_SECONDS after the attackers stopped, the same for every row.
  await new Promise((resolve) => setTimeout(resolve, AFTER_SECONDS * 1000));
  const after = await cloud.memory();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    name,
    attempts,
    before,
    peak,
    after,
    logBytes: cloud.logBytes() - logBefore,
    cpuMs: spent.cpuMs - counted.cpuMs,
    readMiB: (spent.readBytes - counted.readBytes) / 2 ** 20,
    answered: sorted.length,
    failed,
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN,
    worst: sorted.at(-1) ?? NaN,
  };
}

/** heap used / heap total / external (of which array buffers), MiB. */
const parts = (m: CloudMemory) => `${m.heapUsed}/${m.heapTotal}/${m.external} (${m.arrayBuffers})`;

function row(m: Measured): string {
  const verdict = m.peak.peakRss <= 200 && m.after.rss < 150 && m.p99 <= 100 && m.failed === 0 ? 'yes' : 'NO';
  return (
    `| ${m.name} (${m.attempts.toLocaleString('en')} attempts) | ${m.before.rss} MiB | ${m.peak.peakRss} MiB | ` +
    `${m.after.rss} MiB | ${parts(m.peak)} | ${parts(m.after)} | ${m.logBytes.toLocaleString('en')} B | ` +
    `${m.cpuMs.toLocaleString('en')} ms, ${m.readMiB.toFixed(1)} MiB | ` +
    `${m.answered} answered, ${m.failed} failed | p99 ${m.p99.toFixed(1)} ms, worst ${m.worst.toFixed(1)} ms | ${verdict} |`
  );
}

async function main(): Promise<void> {
  // Unknown serial numbers are refused (no --auto-register), as a cloud on a network should be run.
  const cloud = await startCloudProcess([], NODE_FLAGS);
  await cloud.registerClock('TC1A000001');
  await new Promise((resolve) => setTimeout(resolve, AFTER_SECONDS * 1000));
  const idle = await cloud.memory();
  const rows: string[] = [];
  for (const name of chosenAttacks()) rows.push(row(await measure(cloud, name)));
  await cloud.stop();
  console.log(`cloud attacks, ${today()}, ${machineLine()}, load average ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(
    `the cloud: node ${[...NODE_FLAGS, `${process.env.CLOUD_ROOT ?? '.'}/bin/timeclock.js cloud`].join(' ')}, idle ${idle.rss} MiB ` +
      `(heap ${idle.heapUsed}/${idle.heapTotal} MiB, external ${idle.external} MiB); each attack ${SECONDS} s ` +
      `from ${ATTACKER} (another machine); one clock pings every 50 ms from 127.0.0.1 meanwhile (new ` +
      `connection each time); "after" is ${AFTER_SECONDS} s after the attack ended`,
  );
  console.log(
    '| attack | RSS before | peak RSS (≤ 200 MiB) | RSS after (< 150 MiB) | heap used/total/external (array buffers) at most, MiB | the same after | log growth | the cloud’s CPU and bytes read during it | the clock’s pings | ping answer time (p99 ≤ 100 ms) | within targets |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

if (process.argv[2] === '--attack') {
  const [, , , name = '', host = '', port = '0', from = '127.0.0.2'] = process.argv;
  const until = await new Promise<number>((resolve) => {
    process.once('message', (at) => resolve(at as number));
    process.send!('ready');
  });
  const attempts = await attacks[name]!({ host, port: Number(port), from: () => from }, until);
  process.send!(attempts);
  process.exit(0);
} else {
  await main();
}
