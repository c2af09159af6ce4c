// The cloud under the reliability issue's attacks, in its own process: 60 MB bodies, megabyte garbage
// lines, half-open connections and an unauthenticated API flood, each for a few seconds from a process
// of its own, while one well-behaved clock (in this process) pings every 50 ms. Prints the server's peak
// RSS (target < 300 MiB) and the clock's worst and p99 answer time (target < 100 ms) for each attack.
// Run: npx tsx scripts/bench/cloud-attacks.ts [seconds per attack]
import { fork } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { httpTransport } from '../../src/protocol/index.js';
import { startBenchServer, type BenchServer } from './cloud-server.js';
import { machineLine, today } from './machine.js';

const SECONDS = Number(process.argv[2] ?? 5);

type Attack = (host: string, port: number, until: number) => Promise<number>;

/** Repeats `one` on `n` connections until the time is up; returns how many attempts were made. */
async function onConnections(n: number, until: number, one: () => Promise<void>): Promise<number> {
  let attempts = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (Date.now() < until) {
        attempts++;
        await one().catch(() => undefined);
      }
    }),
  );
  return attempts;
}

function rawRequest(host: string, port: number, head: string, body: (socket: net.Socket) => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host, () => {
      socket.write(head);
      body(socket);
    });
    socket.on('data', () => socket.destroy());
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

const attacks: Record<string, Attack> = {
  '20 clients sending 60 MB bodies': (host, port, until) =>
    onConnections(20, until, () =>
      rawRequest(
        host,
        port,
        `POST /iclock/cdata?SN=TC1A000001&table=ATTLOG HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${60 * 2 ** 20}\r\n\r\n`,
        (socket) => {
          const chunk = Buffer.alloc(2 ** 20, 0x41);
          let sent = 0;
          const pump = (): void => {
            while (sent < 60 && socket.writable && socket.write(chunk)) sent++;
            if (sent < 60 && socket.writable) socket.once('drain', pump);
          };
          pump();
        },
      ),
    ),
  '12 clients uploading 3 garbage lines of 1 MB': (host, port, until) =>
    onConnections(12, until, async () => {
      const body = `${'x'.repeat(2 ** 20)}\n`.repeat(3);
      await fetch(`http://${host}:${port}/iclock/cdata?SN=TC1A000001&table=ATTLOG`, { method: 'POST', body });
    }),
  '200 half-open connections (headers never end)': (host, port, until) =>
    onConnections(200, until, () =>
      rawRequest(host, port, `GET /iclock/ping?SN=TC1A000001 HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `, () => undefined),
    ),
  'API flood without a token, 50 clients': (host, port, until) =>
    onConnections(50, until, async () => {
      await fetch(`http://${host}:${port}/api/employees`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    }),
};

async function measure(server: BenchServer, name: string, attack: Attack): Promise<string> {
  const { hostname, port } = new URL(server.url);
  const clock = httpTransport(server.url, { timeoutMs: 5_000, keepAlive: false });
  const latencies: number[] = [];
  let failures = 0;
  let peakRss = 0;
  const until = Date.now() + SECONDS * 1000;
  // The attackers in a process of their own: the pinging clock's event loop is not theirs.
  const attacker = fork(fileURLToPath(import.meta.url), ['--attack', name, hostname, port, String(until)], {
    execArgv: ['--import', 'tsx'],
  });
  const attacking = new Promise<number>((resolve) => attacker.once('message', (n) => resolve(n as number)));
  void attack;
  while (Date.now() < until) {
    const started = performance.now();
    const answer = await clock
      .request({ method: 'GET', path: '/iclock/ping', query: { SN: 'TC1A000001' } })
      .catch(() => undefined);
    if (answer?.body === 'OK') latencies.push(performance.now() - started);
    else failures++;
    peakRss = Math.max(peakRss, (await server.mark()).rssMiB);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const attempts = await attacking;
  peakRss = Math.max(peakRss, (await server.mark()).rssMiB);
  clock.close();
  const sorted = latencies.sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
  const worst = sorted.at(-1) ?? NaN;
  return `| ${name} (${attempts.toLocaleString('en')} attempts) | ${peakRss} MiB | ${sorted.length} answered, ${failures} failed | p99 ${p99.toFixed(1)} ms, worst ${worst.toFixed(1)} ms |`;
}

if (process.argv[2] === '--attack') {
  const [, , , name = '', host = '', port = '0', until = '0'] = process.argv;
  const attempts = await attacks[name]!(host, Number(port), Number(until));
  process.send!(attempts);
  process.exit(0);
}

const server = await startBenchServer(10);
await server.seed(1, 0);
const rows: string[] = [];
for (const [name, attack] of Object.entries(attacks)) rows.push(await measure(server, name, attack));
await server.stop();
console.log(`cloud attacks, ${today()}, ${machineLine()}`);
console.log(`each attack ${SECONDS} s; one clock pings every 50 ms meanwhile (new connection each time)`);
console.log('| attack | server peak RSS (target < 300 MiB) | the clock’s pings | ping answer time (target < 100 ms) |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
