// The cloud as its users start it — `node bin/timeclock.js cloud` in a process of its own, a SQLite file in
// a temporary directory — for the benchmarks that measure its memory: RSS and peak RSS read from
// /proc/<pid>/status (the peak reset between phases through clear_refs), heap and external memory through a
// preloaded probe (memory-probe.mjs) over IPC, the log as the bytes the process printed.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** CLOUD_ROOT: another checkout whose cloud to start (an older commit, to compare with); default this one. */
const ROOT = process.env.CLOUD_ROOT ?? fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/timeclock.js');
const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));
export const CLOUD_TOKEN = 'bench-token-0123456789';

/** MiB, rounded: the process's RSS and its peak since the last resetPeak, and V8's and Node's parts of it. */
export interface CloudMemory {
  rss: number;
  peakRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface CloudProcess {
  url: string;
  pid: number;
  memory(): Promise<CloudMemory>;
  /** The process's CPU time (user + system, ms) and the bytes it has read (sockets and files), from the kernel. */
  counters(): { cpuMs: number; readBytes: number };
  /** Starts a new peak: the kernel's high-water mark is set back to the RSS of now. */
  resetPeak(): void;
  /** Bytes the cloud has printed (its log: warnings and worse) since it was ready. */
  logBytes(): number;
  /** Registers a clock by the portal's API (serial number only, as a plain PUSH clock). */
  registerClock(sn: string): Promise<void>;
  stop(): Promise<void>;
}

const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);

function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return Math.round(kB / 1024);
}

/** CPU ms from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms) and rchar from /proc/<pid>/io. */
export function processCounters(pid: number): { cpuMs: number; readBytes: number } {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  return {
    cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
    readBytes: Number(/^rchar: (\d+)$/m.exec(io)?.[1] ?? NaN),
  };
}

/** Starts the cloud; `nodeFlags` go to node before the script (e.g. a V8 flag to compare with). */
export async function startCloudProcess(cliFlags: string[] = [], nodeFlags: string[] = []): Promise<CloudProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-cloud-mem-'));
  const args = ['cloud', '--port', '0', '--data', path.join(dir, 'cloud.db'), '--token', CLOUD_TOKEN];
  const child = fork(BIN, [...args, '--log-level', 'warn', ...cliFlags], {
    execArgv: [...nodeFlags, '--import', PROBE],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let printed = '';
  let logged = 0;
  child.stdout!.on('data', (chunk: Buffer) => (printed.length < 4096 ? (printed += chunk) : (logged += chunk.length)));
  child.stderr!.on('data', (chunk: Buffer) => (logged += chunk.length));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const found = /timeclock cloud at (\S+)/.exec(printed)?.[1];
      if (found) resolve(found);
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`the cloud exited (${code}) before it listened: ${printed}`)));
  });
  // What it printed at start (its address, the first account) is not log.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const startLog = logged + printed.length;
  const ask = (): Promise<NodeJS.MemoryUsage> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m as NodeJS.MemoryUsage));
      child.send('memory');
    });
  const pid = child.pid!;
  return {
    url,
    pid,
    async memory() {
      const usage = await ask();
      return {
        rss: statusMiB(pid, 'VmRSS'),
        peakRss: statusMiB(pid, 'VmHWM'),
        heapUsed: MiB(usage.heapUsed),
        heapTotal: MiB(usage.heapTotal),
        external: MiB(usage.external),
        arrayBuffers: MiB(usage.arrayBuffers),
      };
    },
    counters: () => processCounters(pid),
    resetPeak: () => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    logBytes: () => logged + printed.length - startLog,
    async registerClock(sn) {
      const answer = await fetch(`${url}/api/clocks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLOUD_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sn, auth: 'serial' }),
      });
      if (!answer.ok) throw new Error(`registering ${sn}: ${answer.status} ${await answer.text()}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
