// Issue 22: the cloud over HTTP beside its floor, in one run. The floor is a bare node:http server in a
// process of its own answering every request with the bytes the cloud answers a poll with nothing queued
// (recorded from the cloud at the start); the cloud is `node bin/timeclock.js cloud` as users start it,
// on a SQLite file. Both serve the same load in turn, twice each (floor, cloud, floor, cloud), so that a
// shared machine's drift falls on both: 1,000 clocks (the clock's own httpTransport, one keep-alive
// connection each) polling getrequest every 2 s, then back to back. The CPU of each server process comes
// from the kernel (/proc/<pid>/stat), the polls are counted by the load as answered `OK`.
// Run: npx tsx scripts/bench/cloud-compare.ts [clocks] [seconds]
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { httpTransport, type PushTransport } from '../../src/protocol/index.js';
import { processCounters, startCloudProcess } from './cloud-process.js';
import { clockSerial, pollEvery } from './cloud-server.js';
import { machineLine, today } from './machine.js';

const POLL_MS = 2_000;
/** The target of issue 22: the cloud's CPU per poll within this factor of the floor's. */
const TARGET = 1.5;

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** What a poll is answered with, as bytes: status line, headers and body. */
interface Recorded {
  status: number;
  headers: [string, string][];
  body: string;
}

/** One getrequest to `url` on a connection of its own; the answer's status, headers (raw names) and body. */
function record(url: string, sn: string): Promise<Recorded> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/iclock/getrequest?SN=${sn}`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body });
      });
    });
    req.on('error', reject);
  });
}

/** The floor: node:http answering every request with the recorded answer (its connection headers are node's own). */
function serveFloor(answer: Recorded): void {
  const own = new Set(['connection', 'keep-alive', 'transfer-encoding']);
  const headers = answer.headers.filter(([name]) => !own.has(name.toLowerCase())).flat();
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    process.send!({ url: `http://127.0.0.1:${port}` });
  });
  process.on('message', () => server.close(() => process.exit(0)));
}

async function startFloor(answer: Recorded): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--floor'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await new Promise<{ url: string }>((resolve) => {
    child.once('message', (m) => resolve(m as { url: string }));
    child.send(answer);
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

async function startCloud(): Promise<Server> {
  const cloud = await startCloudProcess(['--auto-register', '--delay', String(POLL_MS / 1000)]);
  return { url: cloud.url, pid: cloud.pid, stop: () => cloud.stop() };
}

interface Counts {
  answered: number;
  other: number;
  latencies: number[];
}

async function poll(transport: PushTransport, sn: string, counts: Counts): Promise<void> {
  const started = performance.now();
  const answer = await transport
    .request({ method: 'GET', path: '/iclock/getrequest', query: { SN: sn } })
    .catch(() => undefined);
  counts.latencies.push(performance.now() - started);
  if (answer?.status === 200 && answer.body === 'OK') counts.answered++;
  else counts.other++;
}

/** Each clock polls every POLL_MS, spread over the period, for `ms`. */
async function paced(transports: PushTransport[], ms: number): Promise<Counts> {
  const counts: Counts = { answered: 0, other: 0, latencies: [] };
  const stop = pollEvery(transports.length, POLL_MS, (i) => poll(transports[i]!, clockSerial(i), counts));
  await new Promise((resolve) => setTimeout(resolve, ms));
  await stop();
  return counts;
}

async function saturated(transports: PushTransport[], ms: number): Promise<Counts> {
  const counts: Counts = { answered: 0, other: 0, latencies: [] };
  const end = performance.now() + ms;
  await Promise.all(
    transports.map(async (transport, i) => {
      while (performance.now() < end) await poll(transport, clockSerial(i), counts);
    }),
  );
  return counts;
}

interface Result {
  label: string;
  pacedCpuUs: number;
  pacedPolls: number;
  saturatedPerSecond: number;
  saturatedCpuUs: number;
  p50Ms: number;
  other: number;
}

async function measure(label: string, server: Server, clocks: number, seconds: number): Promise<Result> {
  const transports = Array.from({ length: clocks }, () => httpTransport(server.url, { timeoutMs: 30_000 }));
  // The handshake (which registers each clock with the cloud), a hundred clocks at a time, then a second of
  // polls: neither counted.
  for (let at = 0; at < clocks; at += 100) {
    await Promise.all(
      transports
        .slice(at, at + 100)
        .map((t, i) =>
          t.request({ method: 'GET', path: '/iclock/cdata', query: { SN: clockSerial(at + i), options: 'all' } }),
        ),
    );
  }
  await saturated(transports, 1_000);
  const c0 = processCounters(server.pid);
  const pacedCounts = await paced(transports, seconds * 1000);
  const c1 = processCounters(server.pid);
  const t1 = performance.now();
  const sat = await saturated(transports, (seconds / 2) * 1000);
  const satMs = performance.now() - t1;
  const c2 = processCounters(server.pid);
  transports.forEach((t) => t.close());
  await server.stop();
  const sorted = sat.latencies.sort((a, b) => a - b);
  return {
    label,
    pacedCpuUs: ((c1.cpuMs - c0.cpuMs) * 1000) / Math.max(1, pacedCounts.answered),
    pacedPolls: pacedCounts.answered,
    saturatedPerSecond: (sat.answered * 1000) / satMs,
    saturatedCpuUs: ((c2.cpuMs - c1.cpuMs) * 1000) / Math.max(1, sat.answered),
    p50Ms: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    other: pacedCounts.other + sat.other,
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
};

async function main(clocks: number, seconds: number): Promise<void> {
  const recorder = await startCloud();
  await record(recorder.url, clockSerial(0)); // registers it (auto-register): the next answer is a poll's
  const answer = await record(recorder.url, clockSerial(0));
  await recorder.stop();
  if (answer.status !== 200 || answer.body !== 'OK') throw new Error(`the cloud answered a poll ${answer.status}`);
  const results: Result[] = [];
  for (const round of [1, 2]) {
    results.push(
      await measure(`floor: node:http, the same bytes, round ${round}`, await startFloor(answer), clocks, seconds),
    );
    results.push(await measure(`the cloud (timeclock cloud), round ${round}`, await startCloud(), clocks, seconds));
  }
  console.log(`cloud compare, ${today()}, ${machineLine()}, load average ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(
    `${clocks} clocks, one keep-alive connection each, polling getrequest every ${POLL_MS / 1000} s for ${seconds} s, ` +
      `then back to back for ${seconds / 2} s; each server in its own process, its CPU from /proc/<pid>/stat ` +
      `(10 ms ticks); the answer: ${answer.headers.map(([n]) => n).join(', ')} and "${answer.body}"`,
  );
  console.log(
    '| server | paced: CPU per poll | polls answered | back to back: polls/s | CPU per poll | p50 | not OK |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.pacedCpuUs.toFixed(1)} µs | ${r.pacedPolls.toLocaleString('en')} | ` +
        `${Math.round(r.saturatedPerSecond).toLocaleString('en')} | ${r.saturatedCpuUs.toFixed(1)} µs | ` +
        `${r.p50Ms.toFixed(1)} ms | ${r.other} |`,
    );
  }
  const of = (side: string, pick: (r: Result) => number) =>
    median(results.filter((r) => r.label.startsWith(side)).map(pick));
  const paced = of('the cloud', (r) => r.pacedCpuUs) / of('floor', (r) => r.pacedCpuUs);
  const sat = of('the cloud', (r) => r.saturatedCpuUs) / of('floor', (r) => r.saturatedCpuUs);
  const rate = of('the cloud', (r) => r.saturatedPerSecond) / of('floor', (r) => r.saturatedPerSecond);
  console.log(
    `cloud / floor (medians of the rounds): CPU per poll ×${paced.toFixed(2)} paced, ×${sat.toFixed(2)} back to back ` +
      `(target ≤ ×${TARGET}: ${paced <= TARGET ? 'met' : 'NOT met'}); polls/s back to back ×${rate.toFixed(2)}`,
  );
}

if (process.argv[2] === '--floor') {
  process.once('message', (answer) => serveFloor(answer as Recorded));
} else {
  await main(Number(process.argv[2] ?? 1_000), Number(process.argv[3] ?? 10));
}
