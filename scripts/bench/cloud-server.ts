// The cloud of the cloud benchmarks, in a child process of its own so that its CPU time is measured
// apart from the load generator's: started by cloud-load.ts and cloud-upload.ts, driven over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createCloud } from '../../src/cloud/index.js';
import { createLogger } from '../../src/log.js';

export interface ServerMark {
  /** process.cpuUsage() of the server, µs. */
  cpu: { user: number; system: number };
  requests: number;
  /** Wall time in the server, ms (performance.now()). */
  at: number;
  rssMiB: number;
  /** Commands the clocks acknowledged (done in the cloud's store); undefined from an older server. */
  doneCommands?: number;
  /** Bytes the cloud's log (warnings and worse, to a file) holds; undefined from an older server. */
  logBytes?: number;
}

export interface BenchServer {
  url: string;
  mark(): Promise<ServerMark>;
  /** Runs a portal operation in the server: seeds employees assigned to clocks. */
  seed(clocks: number, employeesPerClock: number): Promise<number>;
  /** A SysAdmin of the portal with this password, and an employee `EWIDE` assigned to the first `clocks` clocks. */
  portalSetup(password: string, clocks: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Forks this file as the server; `data` is a fresh SQLite file in a temporary directory. `root`: another
 * checkout whose own copy of this file serves (cloud-compare.ts runs a build of an earlier commit so).
 */
export async function startBenchServer(
  delaySeconds: number,
  root?: string,
  options: { autoRegister?: boolean } = {},
): Promise<BenchServer> {
  const file = root === undefined ? fileURLToPath(import.meta.url) : path.join(root, 'scripts/bench/cloud-server.ts');
  const closed = options.autoRegister === false ? ['--closed'] : [];
  const child = fork(file, ['--serve', String(delaySeconds), ...closed], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(message: object): Promise<T> =>
    new Promise((resolve) => {
      child.once('message', (answer) => resolve(answer as T));
      child.send(message);
    });
  const ready = await new Promise<{ url: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string })),
  );
  return {
    url: ready.url,
    mark: () => ask<ServerMark>({ type: 'mark' }),
    seed: (clocks, perClock) => ask<number>({ type: 'seed', clocks, perClock }),
    portalSetup: (password, clocks) => ask<void>({ type: 'portal', password, clocks }),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send({ type: 'stop' });
  });
}

/** The API token of the bench server (the cloud's `token` option): scripts read the cloud's state with it. */
export const BENCH_TOKEN = 'bench-token-0123456789';

export function clockSerial(i: number): string {
  return `TC1A${String(i + 1).padStart(6, '0')}`;
}

/**
 * Clock i calls `poll(i)` every `periodMs`, the clocks spread over the period as real clocks started at
 * different times are. Returns the stop: no new polls, and the ones under way waited for.
 */
export function pollEvery(clocks: number, periodMs: number, poll: (i: number) => Promise<void>): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < clocks; i++) {
    const tick = (): void => {
      const p = poll(i);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    const start = setTimeout(
      () => {
        tick();
        timers.push(setInterval(tick, periodMs));
      },
      (i * periodMs) / clocks,
    );
    timers.push(start);
  }
  return async () => {
    // clearTimeout and clearInterval clear either kind (one id space in Node).
    timers.forEach(clearTimeout);
    await Promise.all(inFlight);
  };
}

async function serve(delaySeconds: number, autoRegister: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-cloud-bench-'));
  const logFile = path.join(dir, 'cloud.log');
  const cloud = createCloud({
    data: path.join(dir, 'cloud.db'),
    autoRegister,
    logger: createLogger({ level: 'warn', destination: pino.destination({ dest: logFile, sync: true }) }),
    push: { delay: delaySeconds },
    token: BENCH_TOKEN,
  });
  // Every request of the load is a PUSH request of a registered clock, and each is one fact 'clock.seen'.
  let requests = 0;
  cloud.events.on('clock.seen', () => requests++);
  const listener = await cloud.listen({ port: 0 });
  process.on('message', (message: { type: string; clocks?: number; perClock?: number; password?: string }) => {
    if (message.type === 'portal') {
      cloud.accounts.add('bench', 'sysadmin', message.password!);
      const clocks = Array.from({ length: message.clocks! }, (_, i) => clockSerial(i));
      cloud.portal.createEmployee({
        employeeId: 'EWIDE',
        firstName: 'Wide',
        lastName: 'Assignment',
        badge: '99999',
        clocks,
      });
      process.send!(null);
    }
    if (message.type === 'mark') {
      const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
      const doneCommands = cloud.store.commands.countState('done');
      process.send!({
        cpu: process.cpuUsage(),
        requests,
        at: performance.now(),
        rssMiB,
        doneCommands,
        logBytes: fs.statSync(logFile, { throwIfNoEntry: false })?.size ?? 0,
      } satisfies ServerMark);
    } else if (message.type === 'seed') {
      let queued = 0;
      for (let c = 0; c < message.clocks!; c++) {
        cloud.registerClock(clockSerial(c));
        for (let e = 0; e < message.perClock!; e++) {
          const badge = String(100_000 + c * message.perClock! + e);
          const created = cloud.portal.createEmployee({
            employeeId: `E${badge}`,
            firstName: 'Load',
            lastName: `Test ${badge}`,
            badge,
            nonSecure: true,
            clocks: [clockSerial(c)],
            templates: [
              {
                pin: badge,
                fid: 6,
                valid: true,
                template: Buffer.from(`TCSIM1 ${badge}/6`.padEnd(48)).toString('base64'),
              },
            ],
          });
          if (created.ok) queued += created.value.queued.length;
        }
      }
      process.send!(queued);
    } else if (message.type === 'stop') {
      void cloud.close().then(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send!({ url: listener.url });
}

if (process.argv[2] === '--serve') void serve(Number(process.argv[3] ?? 10), process.argv[4] !== '--closed');
