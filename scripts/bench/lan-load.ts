// The LAN port under load, against a separate `timeclock run` process: 50 node-zklib clients polling at
// once (each poll's latency, p50/p99/max), then the same while another process, from another loopback
// address, holds 1,000 idle TCP connections (reopening each one the clock drops a second later) and
// floods UDP from 200 ports. Also counts what the clock logged meanwhile. Run: npx tsx scripts/bench/lan-load.ts (or npm run bench -- lan-load).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZKLib, type NodeZkLib } from './node-zklib.js';

/** 50 clients × 40 polls; the attacker's 1,000 idle connections and 200 flooding ports. */
const [CLIENTS, POLLS, IDLE, UDP_PORTS] = [50, 40, 1_000, 200];
/**
 * Each flooding port sends a junk datagram every 50 ms (200 ports × 20 /s = 4,000 datagrams/s); an idle
 * connection the clock dropped is opened again a second later, as a client retrying would; the attacker
 * is another host on the LAN (loopback has all of 127/8).
 */
const ATTACK = { udpEveryMs: 50, reopenMs: 1_000, address: '127.0.0.2' };

if (process.argv[2] === 'attack') await attack(Number(process.argv[3]));
else await main();

async function main(): Promise<void> {
  // node-zklib prints "ok tcp" on every connect.
  const say = (text: string) => process.stdout.write(`${text}\n`);
  console.log = () => undefined;
  const { child, port, logLines } = await startClock();

  const cpu0 = cpuMs(child.pid!);
  const quiet = await pollAll(port, 'quiet');
  const quietCpu = cpuMs(child.pid!) - cpu0;
  const attacker = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'attack', String(port)]);
  const ready = new Promise<void>((resolve) => attacker.stdout.once('data', () => resolve()));
  await ready;
  const linesBefore = logLines();
  const cpu1 = cpuMs(child.pid!);
  const loaded = await pollAll(port, 'under attack');
  const loadedCpu = cpuMs(child.pid!) - cpu1;
  const linesDuring = logLines() - linesBefore;
  attacker.stdin.end();
  const counts = JSON.parse(await lastLine(attacker)) as Record<string, number>;
  child.stdin.end('quit\n');

  say(
    `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  say(
    `clock: a separate \`timeclock run --headless --memory --cloud none --lan\` process; clients: node-zklib over TCP`,
  );
  say('| load | polls | p50 | p99 | max | clock CPU (connects, polls, attack) | target |');
  say('|---|---:|---:|---:|---:|---:|---|');
  say(row(`${CLIENTS} clients polling GET_FREE_SIZES at once`, quiet, quietCpu));
  say(row(`the same, with ${IDLE} idle TCP connections and a UDP flood from ${UDP_PORTS} ports`, loaded, loadedCpu));
  say(
    `attacker during the second run: ${counts.opened} idle connections opened, ${counts.dropped} dropped by the clock, ` +
      `${counts.datagrams} junk datagrams; the clock wrote ${linesDuring} log lines meanwhile`,
  );
}

function row(label: string, ms: number[], cpu: number): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  const clockCpu = Number.isNaN(cpu) ? 'n/a' : `${cpu.toFixed(0)} ms`;
  return `| ${label} | ${ms.length} | ${at(0.5)} ms | ${at(0.99)} ms | ${at(1)} ms | ${clockCpu} | p99 ≤ 20 ms |`;
}

/** The clock process's CPU time so far (user + system, from /proc; NaN where there is none). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * The clients connect one after another (an SDK farm does not open 50 sockets in one millisecond), then
 * all poll at once; each poll's latency in ms.
 */
async function pollAll(port: number, phase: string): Promise<number[]> {
  const clients: NodeZkLib[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const c = new ZKLib('127.0.0.1', port, 10_000, 0);
    await c.createSocket().catch((error: unknown) => {
      throw new Error(`${phase}: client ${i + 1} could not connect: ${JSON.stringify(error)}`);
    });
    if (c.connectionType !== 'tcp') throw new Error(`${phase}: client ${i + 1} connected over ${c.connectionType}`);
    clients.push(c);
  }
  const latencies: number[] = [];
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < POLLS; i++) {
        const start = performance.now();
        const info = await c.getInfo();
        latencies.push(performance.now() - start);
        if (info.userCounts === 0) throw new Error('the clock has no users');
      }
    }),
  );
  await Promise.all(clients.map((c) => c.disconnect()));
  return latencies;
}

async function startClock(): Promise<{ child: ChildProcessWithoutNullStreams; port: number; logLines(): number }> {
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'timeclock.js');
  const child = spawn(process.execPath, [
    bin,
    'run',
    '--headless',
    '--memory',
    '--cloud',
    'none',
    '--lan',
    '127.0.0.1:0',
  ]);
  let lines = 0;
  child.stderr.on('data', (chunk: Buffer) => (lines += chunk.toString().split('\n').length - 1));
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /lan: .* on 127\.0\.0\.1:(\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the clock exited (${code}):\n${out}`)));
  });
  return { child, port, logLines: () => lines };
}

function lastLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', () => resolve(out.trim().split('\n').at(-1) ?? '{}')));
}

/** The attacker process: idle connections kept at IDLE (reopened when dropped) and junk UDP, until stdin ends. */
async function attack(port: number): Promise<void> {
  const counts = { opened: 0, dropped: 0, datagrams: 0 };
  let stopping = false;
  const open = (): void => {
    if (stopping) return;
    counts.opened++;
    const socket = connect({ port, host: '127.0.0.1', localAddress: ATTACK.address });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (stopping) return;
      counts.dropped++;
      setTimeout(open, ATTACK.reopenMs);
    });
    sockets.add(socket);
  };
  const sockets = new Set<ReturnType<typeof connect>>();
  for (let i = 0; i < IDLE; i++) open();
  const udp = await Promise.all(
    Array.from({ length: UDP_PORTS }, async () => {
      const s = createSocket('udp4');
      await new Promise<void>((resolve) => s.bind(0, ATTACK.address, () => resolve()));
      return s;
    }),
  );
  const junk = Buffer.from([0x41]);
  const flood = setInterval(() => {
    for (const s of udp) s.send(junk, port, '127.0.0.1');
    counts.datagrams += udp.length;
  }, ATTACK.udpEveryMs);
  process.stdout.write('attacking\n');
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  stopping = true;
  clearInterval(flood);
  for (const s of sockets) s.destroy();
  for (const s of udp) s.close();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
