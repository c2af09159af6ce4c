// The SDK clients of the LAN load benchmark, in processes of their own: each process connects its
// node-zklib clients one after another, says `ready`, polls GET_FREE_SIZES on `go` (all its clients at
// once) and prints each poll's latency. The benchmark runs them as one process of 50 clients or several
// smaller ones, as integrators run an SDK per service.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ZKLib, type NodeZkLib } from './node-zklib.js';

/** One client process: `clients <port> <count> <polls>`; its latencies (ms) as one JSON line on stdout. */
export async function runClients(port: number, count: number, polls: number): Promise<void> {
  // node-zklib prints "ok tcp" on every connect.
  console.log = () => undefined;
  const clients: NodeZkLib[] = [];
  for (let i = 0; i < count; i++) {
    const c = new ZKLib('127.0.0.1', port, 10_000, 0);
    await c.createSocket().catch((error: unknown) => {
      throw new Error(`client ${i + 1} could not connect to port ${port}: ${JSON.stringify(error)}`);
    });
    if (c.connectionType !== 'tcp') throw new Error(`client ${i + 1} connected over ${c.connectionType}`);
    clients.push(c);
  }
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const latencies: number[] = [];
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < polls; i++) {
        const start = performance.now();
        const info = await c.getInfo();
        latencies.push(performance.now() - start);
        if (info.userCounts === 0) throw new Error('the server answered no users');
      }
    }),
  );
  await Promise.all(clients.map((c) => c.disconnect()));
  process.stdout.write(`${JSON.stringify(latencies)}\n`);
  process.exit(0);
}

/**
 * `processes` client processes of `perProcess` clients each against `port`: all connect first, then all
 * are told to poll at once; every poll's latency in ms. `polling` is told when the polls start and end.
 */
export async function pollFrom(
  script: string,
  port: number,
  layout: { processes: number; perProcess: number; polls: number },
  polling: (phase: 'start' | 'end') => void = () => undefined,
): Promise<number[]> {
  const children = Array.from({ length: layout.processes }, () =>
    spawn(process.execPath, [
      ...process.execArgv,
      script,
      'clients',
      String(port),
      String(layout.perProcess),
      String(layout.polls),
    ]),
  );
  const outputs = children.map(collect);
  await Promise.all(outputs.map((o) => o.line(0)));
  polling('start');
  for (const child of children) child.stdin.write('go\n');
  const lines = await Promise.all(outputs.map((o) => o.line(1)));
  polling('end');
  return lines.flatMap((line) => JSON.parse(line) as number[]);
}

/** A child's stdout lines as they come; a child that exits early fails with what it printed on stderr. */
function collect(child: ChildProcessWithoutNullStreams): { line(index: number): Promise<string> } {
  let out = '';
  let err = '';
  let ended: Error | undefined;
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    wake();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.once('close', () => {
    ended = new Error(`a client process ended early (exit ${child.exitCode}):\n${err.trim()}`);
    wake();
  });
  return {
    line: (index) =>
      new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const lines = out.split('\n');
          if (lines.length > index + 1) resolve(lines[index]!);
          else if (ended !== undefined) reject(ended);
          else return;
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
  };
}
