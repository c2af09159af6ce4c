// The floor of the fleet benchmark: a bare poller, in a process of its own, beside the fleet in the same
// run — one keep-alive http.Agent of as many sockets, as many serial numbers of its own polling the same
// cloud every Delay, and, during the rush, one ATTLOG line posted per punch at the fleet's planned rate.
// No firmware, no store, no link: what any client must spend per poll, so the fleet's CPU per poll is read
// against it in the same seconds of the same (busy) machine.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';

export interface FloorSettings {
  url: string;
  /** Its serial numbers are floorSerial(0 … clocks - 1): a count, as a list of 10,000 exceeds argv's size. */
  clocks: number;
  delayMs: number;
  maxSockets: number;
}

/** What the floor measured up to a mark: its own CPU (µs) and the polls and uploads answered. */
export interface FloorMark {
  cpuUs: number;
  polls: number;
  uploads: number;
}

type ToFloor = { type: 'mark' } | { type: 'rush'; uploads: number; spreadMs: number } | { type: 'stop' };
type FromFloor = ({ type: 'mark' } & FloorMark) | { type: 'ready' };

export const FLOOR_ARG = '--fleet-floor';

export function floorSerial(index: number): string {
  return `FLOOR${String(index).padStart(7, '0')}`;
}

/** Starts the floor as a child of this very script (its bundle or its source), which runs runFloor(). */
export async function startFloor(settings: FloorSettings) {
  const child = fork(process.argv[1]!, [FLOOR_ARG, JSON.stringify(settings)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await next(child, 'ready');
  return {
    mark: () => next(child, 'mark', { type: 'mark' }) as Promise<FloorMark>,
    rush: (uploads: number, spreadMs: number) => child.send({ type: 'rush', uploads, spreadMs } satisfies ToFloor),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ToFloor);
      }),
  };
}

function next(child: ChildProcess, type: FromFloor['type'], request?: ToFloor): Promise<FromFloor> {
  return new Promise((resolve, reject) => {
    // Both listeners go once answered: the benchmark asks for a mark every Delay.
    const onExit = (code: number | null) => reject(new Error(`the floor poller exited (${code}) before answering`));
    const onMessage = (message: FromFloor) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (request !== undefined) child.send(request);
  });
}

/** The child's side: polls every serial number every Delay (spread over the first one) until told to stop. */
export function runFloor(settings: FloorSettings): void {
  const base = new URL(settings.url);
  const serials = Array.from({ length: settings.clocks }, (_, i) => floorSerial(i));
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.maxSockets });
  let polls = 0;
  let uploads = 0;
  let stopped = false;
  const send = (method: string, path: string, body: string | undefined, done: () => void) => {
    const req = http.request({ hostname: base.hostname, port: base.port, method, path, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', done);
    });
    req.on('error', (error) => console.error(`floor: ${method} ${path}: ${error.message}`));
    req.end(body);
  };
  const poll = (sn: string) => {
    if (stopped) return;
    send('GET', `/iclock/getrequest?SN=${sn}`, undefined, () => {
      polls++;
      setTimeout(() => poll(sn), settings.delayMs);
    });
  };
  serials.forEach((sn, i) => setTimeout(() => poll(sn), (i / serials.length) * settings.delayMs));
  let line = 0;
  const upload = () => {
    const sn = serials[line % serials.length]!;
    const time = new Date(Date.UTC(2026, 2, 2, 8, 0, line % 60)).toISOString().slice(0, 19).replace('T', ' ');
    const body = `${100000 + (line++ % 90000)}\t${time}\t0\t1\t0\t0\t0\n`;
    send('POST', `/iclock/cdata?SN=${sn}&table=ATTLOG&Stamp=${line}`, body, () => uploads++);
  };
  process.on('message', (message: ToFloor) => {
    if (message.type === 'mark') {
      const cpu = process.cpuUsage();
      process.send!({ type: 'mark', cpuUs: cpu.user + cpu.system, polls, uploads } satisfies FromFloor);
    } else if (message.type === 'rush') {
      for (let i = 0; i < message.uploads; i++) setTimeout(upload, (i / message.uploads) * message.spreadMs);
    } else {
      stopped = true;
      agent.destroy();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ type: 'ready' } satisfies FromFloor);
}
