// Issue 19 item 5's benchmark: the control protocol's fan-out. A clock runs as its users run it
// (bin/timeclock.js run --headless, its own process) with a TCP control bridge; 200 clients connect and
// never read, one fast client floods it with key presses (each a few screen events to every client) and
// reads its answers, and a rig asks for the screen every 50 flood requests. Prints the clock's peak RSS
// (the kernel's high-water mark from /proc, reset once the clients are connected), the rig's worst and
// p99 wait, and how many of 20 cut clients that read again found a `bye` as their last line.
// Run: npx tsx scripts/bench/control-fanout.ts [checkout root, default this one] [label]
// (an older commit: `git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineClient } from '../../test/serial/line-client.js';
import { machineLine, today } from './machine.js';

const ROOT = process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url));
const LABEL = process.argv[3] ?? path.basename(ROOT);
const IDLE_CLIENTS = 200;
const FLOOD_REQUESTS = 1000;
const KEYS_PER_REQUEST = 64;
const SAMPLE = 20;

const statusKiB = (pid: number, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

/** The clock's CLI in its own process; resolves with its pid and the control port once it listens. */
async function startClock(): Promise<{ pid: number; port: number; stop: () => void }> {
  const args = ['run', '--headless', '--memory', '--lan', 'off', '--cloud', 'none'];
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/timeclock.js'), ...args, '--time', 'virtual:2026-11-25T07:58:00'].concat(
      '--bridge',
      'control:tcp:0,behind=100',
    ),
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  let printed = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      // The headless screen goes on printing: only the start is looked at.
      if (printed.length > 65_536) return;
      printed += chunk.toString();
      const found = /listening on 127\.0\.0\.1:(\d+)/.exec(printed);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the clock exited (${code}): ${printed.slice(-500)}`)));
  });
  return { pid: child.pid!, port, stop: () => child.kill('SIGKILL') };
}

async function connect(port: number): Promise<LineClient> {
  const client = await LineClient.connect(port);
  await client.next((m) => m.type === 'hello', 'the hello', 60_000);
  return client;
}

async function main(): Promise<void> {
  const clock = await startClock();
  const idle: LineClient[] = [];
  for (let i = 0; i < IDLE_CLIENTS; i++) {
    const client = await connect(clock.port);
    client.stopReading();
    idle.push(client);
  }
  const flooder = await connect(clock.port);
  const rig = await connect(clock.port);
  const startRss = Math.round(statusKiB(clock.pid, 'VmRSS') / 1024);
  fs.writeFileSync(`/proc/${clock.pid}/clear_refs`, '5');
  const waits: number[] = [];
  const keys = '1*'.repeat(KEYS_PER_REQUEST / 2);
  for (let i = 0; i < FLOOD_REQUESTS; i++) {
    flooder.send({ id: i, cmd: 'keys', keys });
    if (i % 50 === 49) {
      // The rig's client keeps no time (the tests count, they do not time): the benchmark does.
      const asked = performance.now();
      await rig.request({ id: `s${i}`, cmd: 'screen' });
      waits.push(performance.now() - asked);
    }
  }
  await flooder.next((m) => m.id === FLOOD_REQUESTS - 1, 'the last flood reply', 600_000);
  const peakRss = Math.round(statusKiB(clock.pid, 'VmHWM') / 1024);
  const sample = idle.slice(0, SAMPLE);
  for (const client of sample) client.readAgain();
  // A clock that never cuts them leaves them open: a bound on the wait, not a measure.
  await Promise.race([Promise.all(sample.map((c) => c.closed)), new Promise((r) => setTimeout(r, 60_000))]);
  const byes = sample.filter((c) => c.received.at(-1)?.type === 'bye').length;
  for (const client of [...idle, flooder, rig]) client.socket.destroy();
  clock.stop();
  const sorted = waits.sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  console.log(
    `control fan-out, ${today()}, ${machineLine()}, load average ${os.loadavg()[0]!.toFixed(1)}; ` +
      `${IDLE_CLIENTS} idle clients, ${FLOOD_REQUESTS} × ${KEYS_PER_REQUEST} keys from a reading flooder`,
  );
  console.log(
    '| clock | RSS with the clients connected | peak RSS during the flood | rig waits (p99, worst) | cut clients with a bye |',
  );
  console.log('|---|---|---|---|---|');
  console.log(
    `| ${LABEL} | ${startRss} MiB | ${peakRss} MiB (+${peakRss - startRss}) | ${p99.toFixed(0)} ms, ${sorted.at(-1)!.toFixed(0)} ms ` +
      `(${sorted.length} asks) | ${byes} of ${SAMPLE} |`,
  );
  process.exit(0);
}

await main();
