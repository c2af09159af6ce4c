// What a request waiting for one of the fleet's pooled sockets holds: 20,000 requests (a 20,000-clock
// rush, one request a clock) behind 256 sockets to a server that never answers — in the http.Agent's own
// queue (a whole ClientRequest each) or in the fleet's SocketGate (src/fleet/socket-gate.ts: the clock's
// request only). Retained heap after full collections, external memory and RSS growth. Prints one JSON line.
// Run: node --expose-gc --import tsx scripts/bench/socket-queue.ts [agent | gate] [requests]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketGate } from '../../src/fleet/index.js';
import { httpTransport } from '../../src/protocol/index.js';

const MODE = process.argv[2] ?? 'gate';
const REQUESTS = Number(process.argv[3] ?? 20_000);
const SOCKETS = 256;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const server = http.createServer(() => {}); // holds every request, answers none
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const measure = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external + m.arrayBuffers, rss: m.rss };
};
const pool = httpTransport(url, { keepAlive: true, maxSockets: SOCKETS, timeoutMs: 600_000 });
const transport = MODE === 'gate' ? new SocketGate(pool, SOCKETS) : pool;
const before = measure();
// An upload of four punches, as a clock of five employees sends in a rush.
const body = [0, 1, 2, 3].map((i) => `10${i}\t2026-03-02 08:0${i}:00\t0\t1\t0\t0\t0\t0\t0\t0\t`).join('\n') + '\n';
for (let i = 0; i < REQUESTS; i++) {
  const SN = `TC1A${String(i).padStart(6, '0')}`;
  transport
    .request({ method: 'POST', path: '/iclock/cdata', query: { SN, table: 'ATTLOG', Stamp: '9999' }, body })
    .catch(() => {});
}
// The sockets connect and take their first requests; the rest wait.
await new Promise((resolve) => setTimeout(resolve, 2_000));
const after = measure();
const per = (bytes: number) => Math.round(bytes / REQUESTS);
console.log(
  JSON.stringify({
    ...{ waitingIn: MODE === 'gate' ? 'the fleet gate' : "the agent's queue", requests: REQUESTS, sockets: SOCKETS },
    heapBytesPerRequest: per(after.heap - before.heap),
    externalBytesPerRequest: per(after.external - before.external),
    rssGrowthMiB: Math.round((after.rss - before.rss) / 2 ** 20),
  }),
);
transport.close();
server.closeAllConnections();
server.close();
