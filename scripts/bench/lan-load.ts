// The LAN port under load, against a separate `timeclock run` process: 50 node-zklib clients polling
// GET_FREE_SIZES at once (each poll's latency), beside the floor — a bare server in its own process
// answering the same bytes to the same clients — with the clients in one process or spread over five;
// then the same against the clock while another process holds 1,000 idle TCP connections and floods UDP
// from 200 ports. Rows on stdout, ready to paste; progress on stderr. Run: npm run bench -- lan-load
// (or npx tsx scripts/bench/lan-load.ts [--runs N] [--cpu-prof DIR], the profile being the clock's).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { attack, IDLE, UDP_PORTS } from './lan-attack.js';
import { pollFrom, runClients } from './lan-clients.js';
import { recordAnswers, serveFloor } from './lan-floor.js';

/** 50 clients × 40 polls, as one process of 50 or five of 10. */
const CLIENTS = 50;
const POLLS = 40;
const LAYOUTS = [
  { processes: 1, perProcess: 50, polls: POLLS },
  { processes: 5, perProcess: 10, polls: POLLS },
];
const TARGET_P99_MS = 20;

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'attack') await attack(Number(rest[0]));
else if (mode === 'floor') await serveFloor({ freeSizes: rest[0]! });
else if (mode === 'clients') await runClients(Number(rest[0]), Number(rest[1]), Number(rest[2]));
else await main(option('--runs') === undefined ? 5 : Number(option('--runs')), option('--cpu-prof'));

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

interface Server {
  name: string;
  port: number;
  pid: number;
}

/** One row's runs: each run's latencies, its polling time and the server's CPU meanwhile. */
interface Runs {
  server: string;
  layout: (typeof LAYOUTS)[number];
  load: string;
  runs: { ms: number[]; wallMs: number; cpuMs: number; attackerCpuMs: number }[];
}

async function main(runCount: number, cpuProf: string | undefined): Promise<void> {
  const progress = (text: string) => process.stderr.write(`lan-load: ${text}\n`);
  const script = process.argv[1]!;
  const clock = await startClock(cpuProf);
  const answers = await recordAnswers(clock.port);
  const floor = await startFloor(script, answers.freeSizes);
  const servers: Server[] = [
    { name: 'bare server (floor)', port: floor.port, pid: floor.child.pid! },
    { name: 'timeclock run', port: clock.port, pid: clock.child.pid! },
  ];
  const rows: Runs[] = [];
  const rowOf = (server: string, layout: Runs['layout'], load: string): Runs => {
    let found = rows.find((r) => r.server === server && r.layout === layout && r.load === load);
    if (found === undefined) rows.push((found = { server, layout, load, runs: [] }));
    return found;
  };
  const measure = async (server: Server, layout: Runs['layout'], load: string, attacker?: number): Promise<void> => {
    // The server's CPU (and the attacker's, on the same cores) and the wall time from the first poll to
    // the last answer (connects left out).
    const sample = () => [cpuMs(server.pid), attacker === undefined ? 0 : cpuMs(attacker), performance.now()];
    let start: number[] = [];
    let end: number[] = [];
    const ms = await pollFrom(script, server.port, layout, (phase) => {
      if (phase === 'start') start = sample();
      else end = sample();
    });
    const [cpu0 = 0, attacker0 = 0, wall0 = 0] = start;
    const [cpu1 = 0, attacker1 = 0, wall1 = 0] = end;
    const run = { ms, wallMs: wall1 - wall0, cpuMs: cpu1 - cpu0, attackerCpuMs: attacker1 - attacker0 };
    rowOf(server.name, layout, load).runs.push(run);
    progress(`${server.name}, ${describe(layout)}, ${load}: p99 ${quantile(ms, 0.99).toFixed(1)} ms`);
  };
  // Floor and clock in turn, run after run, so the machine's other work weighs on both alike.
  // One round not counted, so that every counted run finds both servers' code compiled.
  progress('warming up');
  for (const layout of LAYOUTS) for (const server of servers) await pollFrom(script, server.port, layout);
  const timeouts0 = tcpTimeouts();
  for (let run = 1; run <= runCount; run++) {
    progress(`run ${run} of ${runCount}`);
    for (const layout of LAYOUTS) for (const server of servers) await measure(server, layout, 'quiet');
  }
  const attacker = spawn(process.execPath, [...process.execArgv, script, 'attack', String(clock.port)]);
  await new Promise<void>((resolve) => attacker.stdout.once('data', () => resolve()));
  const linesBefore = clock.logLines();
  const timeouts1 = tcpTimeouts();
  const attacked = `${IDLE.toLocaleString('en')} idle TCP connections and a UDP flood from ${UDP_PORTS} ports`;
  for (let run = 1; run <= runCount; run++) {
    progress(`under attack, run ${run} of ${runCount}`);
    for (const layout of LAYOUTS) await measure(servers[1]!, layout, attacked, attacker.pid);
  }
  const linesDuring = clock.logLines() - linesBefore;
  const timeouts2 = tcpTimeouts();
  attacker.stdin.end();
  const counts = JSON.parse(await lastLine(attacker)) as Record<string, number>;
  clock.child.stdin.end('quit\n');
  floor.child.stdin.end();
  await new Promise((resolve) => clock.child.once('exit', resolve));
  if (cpuProf !== undefined) progress(`the clock's CPU profile is in ${cpuProf}`);

  printRows(rows, runCount, {
    attack: `attacker: ${counts.opened} idle connections opened, ${counts.dropped} dropped by the clock, ${counts.datagrams} junk datagrams; the clock wrote ${linesDuring} log lines meanwhile`,
    timeouts: [timeouts1 - timeouts0, timeouts2 - timeouts1],
  });
}

/** The rows ready to paste into BENCHMARKS.md, with the machine and what the attack did. */
function printRows(rows: Runs[], runCount: number, attack: { attack: string; timeouts: [number, number] }): void {
  const say = (text: string) => process.stdout.write(`${text}\n`);
  say(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, Node ${process.version}, ${today()}`);
  say(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  say(
    `clock: a separate \`timeclock run --headless --memory --cloud none --lan\` process; floor: a bare node:net ` +
      `server in its own process answering the clock's recorded bytes; clients: ${CLIENTS} node-zklib over TCP, ` +
      `connected first, then ${POLLS} polls each, all at once; ${runCount} runs per row after a round not counted, floor and clock in turn`,
  );
  say(
    '| server | clients | load | polls | p50 | p99 (median of runs) | p99 range | max | polling took | server CPU meanwhile | target |',
  );
  say('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) say(format(row));
  const attackerCpu = rows.flatMap((r) =>
    r.runs.filter((run) => run.attackerCpuMs > 0).map((run) => run.attackerCpuMs),
  );
  say(
    `${attack.attack}; the attacker's own CPU while the clients polled, on the same cores: ` +
      `${ms(quantile(attackerCpu, 0.5), 0)} (median)`,
  );
  say(
    `TCP retransmission timeouts (TCPTimeouts, the whole network namespace, other work included): ` +
      `${attack.timeouts[0]} during the quiet rows, ${attack.timeouts[1]} during the attacked rows`,
  );
}

function describe(layout: Runs['layout']): string {
  return layout.processes === 1
    ? `${layout.perProcess} in one process`
    : `${layout.processes} processes × ${layout.perProcess}`;
}

function format(row: Runs): string {
  const median = (values: number[]) => quantile(values, 0.5);
  const p99s = row.runs.map((r) => quantile(r.ms, 0.99));
  const polls = row.runs.reduce((n, r) => n + r.ms.length, 0);
  const max = Math.max(...row.runs.map((r) => Math.max(...r.ms)));
  const p99 = median(p99s);
  const cpu = median(row.runs.map((r) => r.cpuMs));
  const verdict = row.server.startsWith('timeclock')
    ? `p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : '**not met**'}`
    : '—';
  return (
    `| ${row.server} | ${describe(row.layout)} | ${row.load} | ${polls.toLocaleString('en')} | ` +
    `${ms(median(row.runs.map((r) => quantile(r.ms, 0.5))))} | ${ms(p99)} | ` +
    `${ms(Math.min(...p99s))}–${ms(Math.max(...p99s))} | ${ms(max)} | ${ms(median(row.runs.map((r) => r.wallMs)), 0)} | ` +
    `${Number.isNaN(cpu) ? 'n/a' : ms(cpu, 0)} | ${verdict} |`
  );
}

function ms(value: number, digits = 1): string {
  return `${value.toFixed(digits)} ms`;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The kernel's count of TCP retransmission timeouts so far (NaN where there is no /proc/net/netstat). */
function tcpTimeouts(): number {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('TcpExt:'))
      .map((line) => line.split(' '));
    return Number(values![names!.indexOf('TCPTimeouts')]);
  } catch {
    return Number.NaN;
  }
}

/** A process's CPU time so far (user + system, from /proc; NaN where there is none). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function startFloor(
  script: string,
  freeSizes: string,
): Promise<{ child: ChildProcessWithoutNullStreams; port: number }> {
  const child = spawn(process.execPath, [...process.execArgv, script, 'floor', freeSizes]);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(/floor (\d+)/.exec(chunk.toString())?.[1])));
    child.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return { child, port };
}

async function startClock(
  cpuProf: string | undefined,
): Promise<{ child: ChildProcessWithoutNullStreams; port: number; logLines(): number }> {
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'timeclock.js');
  const profile = cpuProf === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProf];
  const args = [...profile, bin, 'run', '--headless', '--memory', '--cloud', 'none', '--lan', '127.0.0.1:0'];
  const child = spawn(process.execPath, args);
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
