// The embedded cloud of `timeclock fleet --cloud embedded`, as a child process of its own: the fleet's
// CPU and memory are then the fleet's, and the cloud's are read apart (over IPC). Its clock stands still
// at the run's start while the fleet seeds it, then runs on the fleet's time scale from the moment the
// fleet says, so that both read the same time at any speed.
import { createCloud } from '../cloud/index.js';
import { createLogger } from '../log.js';
import { scaledTime, type TimeScale } from '../runtime/index.js';
import { seedInProcess, type Seeded } from './embedded-seed.js';
import type { SeedTarget } from './portal-steps.js';

export interface ChildSettings {
  token: string;
  /** The clocks' time at the run's start (UTC ms of their local time; the cloud's TimeZone is 0). */
  start: number;
  delaySeconds: number;
  /** A SQLite file, or `:memory:`. */
  data: string;
}

export type ChildRequest =
  | { type: 'time'; scale: TimeScale }
  | { type: 'usage' }
  | { type: 'stop' }
  | { type: 'seed'; clocks: SeedTarget[]; perClock: number };

export interface ChildUsage {
  /** process.cpuUsage() of the cloud, µs. */
  cpu: { user: number; system: number };
  rssBytes: number;
  peakRssBytes: number;
  /** PUSH requests the cloud answered, and of them, polls. */
  requests: number;
  polls: number;
}

export type ChildReply =
  | { type: 'ready'; url: string }
  | { type: 'time' }
  | ({ type: 'usage' } & ChildUsage)
  | ({ type: 'seeded' } & Seeded)
  | { type: 'failed'; message: string };

async function serve(settings: ChildSettings): Promise<void> {
  let scale: TimeScale | undefined;
  const now = () => (scale === undefined ? settings.start : scaledTime(scale, Date.now()));
  const cloud = createCloud({
    data: settings.data,
    token: settings.token,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / (scale?.speed ?? 1))),
    logger: createLogger({ level: 'silent' }),
    push: { delay: settings.delaySeconds, timeZoneMinutes: 0 },
  });
  let requests = 0;
  let polls = 0;
  cloud.events.on('clock.seen', ({ endpoint }) => {
    requests++;
    if (endpoint === 'getrequest') polls++;
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);
  const listener = await cloud.listen({ host: '127.0.0.1', port: 0 });
  const reply = (message: ChildReply) => process.send!(message);
  process.on('message', (message: ChildRequest) => {
    if (message.type === 'time') {
      scale = message.scale;
      reply({ type: 'time' });
    } else if (message.type === 'usage') {
      const rssBytes = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rssBytes);
      reply({ type: 'usage', cpu: process.cpuUsage(), rssBytes, peakRssBytes: peakRss, requests, polls });
    } else if (message.type === 'seed') {
      try {
        reply({ type: 'seeded', ...seedInProcess(cloud, message.clocks, message.perClock) });
      } catch (error) {
        reply({ type: 'failed', message: `seeding the embedded cloud: ${(error as Error).message}` });
      }
    } else if (message.type === 'stop') {
      clearInterval(sampler);
      void cloud.close().then(() => process.exit(0));
    }
  });
  // The fleet went away without saying stop (killed): the cloud goes with it.
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', url: listener.url });
}

if (process.send !== undefined && process.argv[2] === '--fleet-cloud') {
  void serve(JSON.parse(process.argv[3]!) as ChildSettings);
}
