// The cloud a fleet runs against: the embedded one, started in a child process (cloud-child.ts) and
// seeded inside its process, or one at a URL, seeded through its API only when a token allows it.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { childModule } from '../child-module.js';
import type { TimeScale } from '../runtime/index.js';
import type { ChildReply, ChildRequest, ChildSettings, ChildUsage } from './cloud-child.js';
import { codedError } from '../errors.js';
import type { Seeded } from './embedded-seed.js';
import type { SeedTarget } from './portal-steps.js';

export interface FleetCloud {
  kind: 'embedded' | 'url';
  url: string;
  /** An API token: the fleet may seed the cloud and make portal changes. */
  token?: string;
  /** Embedded only: the cloud's clock runs on the fleet's scale from now on. */
  startTime?(scale: TimeScale): Promise<void>;
  /** Embedded only: registers the clocks and creates their employees inside the cloud's process. */
  seed?(clocks: SeedTarget[], perClock: number): Promise<Seeded>;
  /** Embedded only: the cloud process's CPU, memory and requests. */
  usage?(): Promise<ChildUsage>;
  stop(): Promise<void>;
}

export function urlCloud(url: string, token: string | undefined): FleetCloud {
  return { kind: 'url', url: url.replace(/\/+$/, ''), ...(token === undefined ? {} : { token }), stop: async () => {} };
}

/** Forks cloud-child.ts (through tsx when running from the sources) and waits for its address. */
export async function startEmbeddedCloud(settings: Omit<ChildSettings, 'token'>): Promise<FleetCloud> {
  const token = randomBytes(18).toString('base64url');
  const cloudChild = childModule(import.meta.url, 'cloud-child');
  const child = fork(cloudChild.path, ['--fleet-cloud', JSON.stringify({ ...settings, token })], {
    execArgv: cloudChild.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = exchange(child);
  const ready = await ask<{ url: string }>(undefined, 'ready');
  return {
    kind: 'embedded',
    url: ready.url,
    token,
    startTime: async (scale) => void (await ask({ type: 'time', scale }, 'time')),
    seed: (clocks, perClock) => ask<Seeded>({ type: 'seed', clocks, perClock }, 'seeded'),
    usage: () => ask<ChildUsage>({ type: 'usage' }, 'usage'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ChildRequest);
      }),
  };
}

/** Sends a request (or none) and resolves with the next reply of the given type; rejects if the child exits. */
function exchange(child: ChildProcess) {
  return <T>(request: ChildRequest | undefined, type: ChildReply['type']): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: ChildReply) => {
        if (message.type === 'failed') {
          done();
          return reject(codedError('TC_ERR_FLEET_CLOUD', message.message));
        }
        if (message.type !== type) return;
        done();
        resolve(message as T);
      };
      const onExit = (code: number | null) => {
        done();
        reject(codedError('TC_ERR_FLEET_CLOUD', `the embedded cloud exited (${code ?? 'killed'}) before answering`));
      };
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      if (request !== undefined) child.send(request);
    });
}
