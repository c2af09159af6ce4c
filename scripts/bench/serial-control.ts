// Issue 6's benchmark: control-protocol round trips — a request line out, its reply line back — over a
// real pty pair (socat) and, for comparison, over TCP on loopback. Sequential requests, as a rig sends.
// Run: npx tsx scripts/bench/serial-control.ts   (needs socat; prints Markdown rows for BENCHMARKS.md)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { newUser } from '../../firmware/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { startBridge } from '../../src/serial/index.js';
import { machineLine, today } from './machine.js';

const ROUNDS = 2000;

interface Wire {
  write(text: string): void;
  onData(fn: (chunk: Buffer) => void): void;
}

async function waitFor(probe: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sends `make(i)` ROUNDS times, each after the previous reply; returns the round-trip times in ms. */
async function roundTrips(wire: Wire, make: (i: number) => object): Promise<number[]> {
  let buffered = '';
  let waiting: ((line: string) => void) | undefined;
  wire.onData((chunk) => {
    buffered += chunk.toString('utf8');
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.includes('"type":"reply"')) waiting?.(line);
    }
  });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 50; i++) {
    const start = process.hrtime.bigint();
    const reply = new Promise<string>((resolve) => (waiting = resolve));
    wire.write(`${JSON.stringify({ id: i, ...make(i) })}\n`);
    await reply;
    if (i >= 50) times.push(Number(process.hrtime.bigint() - start) / 1e6); // the first 50 warm up
  }
  return times;
}

function row(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3);
  const total = times.reduce((a, b) => a + b, 0) / 1000;
  return `| ${label} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${Math.round(times.length / total)} |`;
}

/** One user per round: every tap is a first punch, never "Already punched" (virtual time stands still). */
const USERS = ROUNDS + 50;

function benchClock(): Clock {
  const clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
  clock.load({
    users: Array.from({ length: USERS }, (_, i) =>
      newUser(String(20_000 + i), { verifyMode: 0, card: String(90_000 + i) }),
    ),
  });
  return clock;
}

/** The work was done: a card row's clock stored one punch per tap. */
function checkPunches(clock: Clock, label: string): void {
  if (!label.includes('card')) return;
  const stored = clock.punches().length;
  if (stored !== ROUNDS + 50) throw new Error(`${label}: ${stored} punches stored for ${ROUNDS + 50} taps`);
}

const screen = () => ({ cmd: 'screen' });
/** A card tap of a user not seen before: each round trip carries a punch and its events. */
const card = (i: number) => ({ cmd: 'card', card: String(90_000 + i) });
/** What each link is measured with: a read, and a write that punches and sends events. */
const REQUESTS = [
  ['`screen`', screen],
  ['`card` (punch + events)', card],
] as const;

async function overPty(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-bench-pty-'));
  const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  try {
    await waitFor(() => fs.existsSync(a) && fs.existsSync(b), 'socat');
    const rows: string[] = [];
    for (const [request, make] of REQUESTS) {
      const label = `pty, ${request}`;
      const clock = benchClock();
      const bridge = startBridge(clock, `control:${b}`);
      await waitFor(() => bridge.state === 'open', 'the bridge');
      const rig = new SerialPort({ path: a, baudRate: 115200 });
      await waitFor(() => rig.isOpen, 'the rig port');
      rows.push(row(label, await roundTrips({ write: (t) => rig.write(t), onData: (fn) => rig.on('data', fn) }, make)));
      checkPunches(clock, label);
      await new Promise((resolve) => rig.close(resolve));
      await bridge.stop();
      clock.close();
    }
    return rows;
  } finally {
    socat.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function overTcp(): Promise<string[]> {
  const rows: string[] = [];
  for (const [request, make] of REQUESTS) {
    const label = `TCP loopback, ${request}`;
    const clock = benchClock();
    const bridge = startBridge(clock, 'control:tcp:0');
    await waitFor(() => bridge.address() !== undefined, 'the listener');
    const port = Number(bridge.address()!.split(':').at(-1));
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    rows.push(
      row(label, await roundTrips({ write: (t) => socket.write(t), onData: (fn) => socket.on('data', fn) }, make)),
    );
    checkPunches(clock, label);
    socket.destroy();
    await bridge.stop();
    clock.close();
  }
  return rows;
}

console.log(
  `Control protocol round trips (${ROUNDS} sequential requests; a card row stores one punch per tap, checked), ${today()}, ${machineLine()}\n`,
);
console.log('| transport, request | median ms | p95 ms | p99 ms | round trips/s |');
console.log('|---|---:|---:|---:|---:|');
if (spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0) for (const r of await overPty()) console.log(r);
else console.log('| pty | socat is not installed: skipped | | | |');
for (const r of await overTcp()) console.log(r);
process.exit(0);
