// A clock process killed (SIGKILL) in the middle of an upload, after the cloud stored a batch but before
// the clock heard OK, then started again on the same SQLite file: nothing lost, nothing twice at the cloud.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCloud, type Cloud } from '../../src/cloud/index.js';
import { createClock } from '../../src/runtime/index.js';
import { startSync } from '../../src/sync/index.js';
import { START, loadBacklog, until } from './helpers.js';

const SN = 'TC1A000001';
const PUNCHES = 5_000;
const CHILD = path.join(import.meta.dirname, 'fixtures', 'killable-clock.ts');

let dir: string | undefined;
let cloud: Cloud | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await cloud?.close();
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

/** A store file holding punches made while the clock had no network. */
function prepareStore(file: string): void {
  const clock = createClock({ store: file, time: { virtual: START } });
  loadBacklog(
    clock,
    PUNCHES,
    Array.from({ length: 50 }, (_, i) => String(1000 + i)),
    1_000,
  );
  clock.close();
}

it('loses nothing and duplicates nothing when the clock is killed mid-upload and restarted on its file', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-kill-'));
  const file = path.join(dir, 'clock.db');
  prepareStore(file);
  // The cloud stores the first batch, then holds its answer: the clock dies waiting for the OK.
  let hold = true;
  cloud = createCloud({
    sleep: () => (hold && cloud!.store.punches.count(SN) > 0 ? new Promise<void>(() => {}) : Promise.resolve()),
  });
  cloud.registerClock(SN);
  cloud.faults.set({ delayMs: 1, endpoints: ['cdata'] });
  await cloud.listen();

  child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, cloud.url!], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await until(() => cloud!.store.punches.count(SN) > 0 || child!.exitCode !== null, 'the first batch', 20_000);
  expect(stderr).toBe('');
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  expect(cloud.store.punches.count(SN)).toBe(1_000);

  hold = false;
  cloud.faults.clear();
  const clock = createClock({ store: file, time: { virtual: START } });
  expect(clock.records.cursors.get('ATTLOG')).toBe(0);
  const link = startSync(clock, { url: cloud.url! });
  await link.whenIdle();

  const atCloud = cloud.store.punches.query({ sn: SN, limit: 2 * PUNCHES }).map((p) => `${p.pin}@${p.time}`);
  expect(atCloud).toHaveLength(PUNCHES);
  expect(new Set(atCloud)).toEqual(new Set(clock.punches().map((p) => `${p.pin}@${p.time}`)));
  expect(clock.records.cursors.get('ATTLOG')).toBe(PUNCHES);
  await link.stop();
  clock.close();
}, 60_000);
