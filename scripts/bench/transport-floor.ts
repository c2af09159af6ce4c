// The clock's HTTP transport against a bare keep-alive http.request poller (the fleet bench's floor), in one
// process, rounds alternated so that a busy machine's bursts fall on both: CPU per request of each, their
// medians. The request is the link's quiet poll (frozen, with its device key); the server, in a child
// process, answers OK. Run: npx tsx scripts/bench/transport-floor.ts [--requests 4000] [--rounds 7]
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { httpTransport, type PushRequest } from '../../src/protocol/index.js';
import { machineLine, today } from './machine.js';

const SERVER_ARG = '--ok-server';
const CONCURRENT = 64;
const POLL: PushRequest = Object.freeze({
  method: 'GET',
  path: '/iclock/getrequest',
  query: Object.freeze({ SN: 'TC1A000001' }),
  headers: Object.freeze({ authorization: 'Bearer device-key' }),
});

function serve(): void {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume();
    req.on('end', () => res.end('OK'));
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
}

/** CPU (µs) per request of `requests` made `CONCURRENT` at a time. */
async function round(requests: number, one: () => Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next++ < requests) await one();
  };
  await Promise.all(Array.from({ length: CONCURRENT }, worker));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '4000' }, rounds: { type: 'string', default: '7' } },
  });
  const [requests, rounds] = [Number(values.requests), Number(values.rounds)];
  const child = fork(process.argv[1]!, [SERVER_ARG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const path = '/iclock/getrequest?SN=TC1A000001';
  const bare = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ hostname: '127.0.0.1', port, method: 'GET', path, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  const transport = httpTransport(`http://127.0.0.1:${port}`, { maxSockets: 256 });
  const viaTransport = () => transport.request(POLL);
  await round(requests, bare);
  await round(requests, viaTransport);
  const floor: number[] = [];
  const clock: number[] = [];
  for (let i = 0; i < rounds; i++) {
    floor.push(await round(requests, bare));
    clock.push(await round(requests, viaTransport));
  }
  transport.close();
  agent.destroy();
  child.kill();
  const list = (v: number[]) => v.map((x) => x.toFixed(0)).join(' ');
  console.log(`transport-floor, ${today()}, ${machineLine()}`);
  console.log(`| bare http.request poller | ${median(floor).toFixed(1)} µs a request (rounds: ${list(floor)}) |`);
  console.log(`| httpTransport, the quiet poll | ${median(clock).toFixed(1)} µs a request (rounds: ${list(clock)}) |`);
  console.log(`| ratio of the medians | **${(median(clock) / median(floor)).toFixed(2)}×** |`);
}

if (process.argv[2] === SERVER_ARG) serve();
else await main();
