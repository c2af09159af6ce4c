// The crash test the other way round: the cloud is the one killed. A real `timeclock cloud` in its own
// process, on real time and a SQLite file; one clock process punches on and uploads as it goes; after
// each `punchesPerTrial` punches thanked, the cloud gets SIGKILL at a random moment (uploads in flight) and
// is started again on the same file and port. At the end the clock uploads everything: every thanked
// punch must be in the cloud exactly once. `npm run chaos -- --cloud --trials N [--punches P]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCloudStore } from '../../src/cloud/db/store.js';
import { seededRandom } from '../../src/scenario/index.js';
import { key, startWorker, tally, type ChaosResult, type StartedWorker } from './chaos.js';
import { CloudProcess } from './cloud-process.js';

export interface CloudChaosOptions {
  trials: number;
  /** Punches thanked between two kills of the cloud (hundreds: the uploads are busy when it dies). */
  punchesPerTrial?: number;
  seed?: number;
  /** The kill lands up to this long after the trial's last punch. */
  maxKillMs?: number;
}

/** Resolves once the worker has thanked for `count` punches in all (or has exited). */
function acksReach(worker: StartedWorker, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (worker.run.acks.length >= count || worker.child.exitCode !== null) {
        worker.child.stdout!.off('data', check);
        worker.child.off('exit', check);
        resolve();
      }
    };
    worker.child.stdout!.on('data', check);
    worker.child.on('exit', check);
    check();
  });
}

export async function runCloudChaos(options: CloudChaosOptions): Promise<ChaosResult> {
  const perTrial = options.punchesPerTrial ?? 200;
  const random = seededRandom(options.seed ?? Date.now());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-cloud-chaos-'));
  const data = path.join(dir, 'cloud.db');
  const cloudArgs = ['--data', data, '--auto-register', '--log-level', 'warn'];
  let cloud = await CloudProcess.start(cloudArgs);
  const port = cloud.port;
  let unopened = 0;
  let worker: StartedWorker | undefined;
  try {
    worker = startWorker(dir, cloud.url, 'run');
    for (let trial = 0; trial < options.trials; trial++) {
      await acksReach(worker, (trial + 1) * perTrial);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * (options.maxKillMs ?? 300))));
      await cloud.kill();
      // Same file, same port: the clock's link finds it where it was.
      cloud = await CloudProcess.start(cloudArgs, port).catch(() => {
        unopened++;
        return CloudProcess.start(cloudArgs, port);
      });
    }
    if (!worker.run.ready) unopened++;
    worker.child.kill('SIGKILL');
    const { acks } = await worker.done;
    const last = await startWorker(dir, cloud.url, 'final').done;
    if (!last.ready || last.final === undefined) unopened++;
    await cloud.stop();
    const store = openCloudStore(data, Date.now());
    const inCloud = store.punches.query({ limit: 10_000_000 }).map((p) => key(p.pin, p.time));
    store.close();
    const stored = (last.final ?? []).map((p) => key(p.pin, p.time));
    return tally(options.trials, acks, stored, inCloud, unopened);
  } finally {
    worker?.child.kill('SIGKILL');
    await cloud.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
