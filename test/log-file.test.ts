// The log file never stops the clock: a disk that refuses writes (/dev/full answers every write with
// ENOSPC) costs log lines, counted, with one notice per streak and a retry later rather than a loop; once
// the file can be written again, the first line says how many were lost.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogFile } from '../src/log-file.js';
import { makeTempDir, type TempDir } from './fixtures/temp-dir.js';

let dir: TempDir | undefined;
const files: LogFile[] = [];
afterEach(() => {
  for (const file of files.splice(0)) file.close();
  dir?.remove();
});

/**
 * Waits until the background write has had its answer from the disk. The answer comes from libuv's thread
 * pool, which a busy suite shares (scrypt, SQLite, other files' writes): a bound in event-loop turns was
 * a bound in speed, so this waits on the condition, with a hang guard of 30 s.
 */
async function settled(check: () => boolean): Promise<void> {
  const guard = Date.now() + 30_000;
  while (!check() && Date.now() < guard) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(check()).toBe(true);
}

describe('the log file on a disk that refuses writes', () => {
  it('drops and counts lines on ENOSPC, telling the problem once', async () => {
    const problems: string[] = [];
    const log = new LogFile('/dev/full', { now: () => 0, onProblem: (m) => problems.push(m) });
    files.push(log);

    log.write('{"msg":"first"}\n');
    await settled(() => log.droppedTotal === 1);
    for (let i = 0; i < 100; i++) log.write(`{"msg":"line ${i}"}\n`);

    expect(log.droppedTotal).toBe(101);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('/dev/full: ENOSPC');
  });

  it('does not try the disk again before the retry delay: no write loop', async () => {
    let now = 0;
    const log = new LogFile('/dev/full', { now: () => now, retryMs: 5000 });
    files.push(log);
    log.write('{"msg":"first"}\n');
    await settled(() => log.droppedTotal === 1);

    now = 4999;
    log.write('{"msg":"too soon"}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.droppedTotal).toBe(2);
    now = 5000;
    log.write('{"msg":"retried"}\n');
    // The retry is one more write the disk refuses: one more line dropped, and no other attempt.
    await settled(() => log.droppedTotal === 3);
    expect(log.dropped).toBe(3);
  });

  it('writes again once it can, first saying how many lines were lost', async () => {
    dir = makeTempDir('timeclock-log-');
    const file = path.join(dir.path, 'not-yet', 'timeclock.log');
    let now = 0;
    const log = new LogFile(file, { now: () => now, retryMs: 1000 });
    files.push(log);
    for (let i = 0; i < 3; i++) log.write(`{"msg":"lost ${i}"}\n`);

    fs.mkdirSync(path.dirname(file));
    now = 1000;
    log.write('{"msg":"kept"}\n');
    await settled(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('kept'));

    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ dropped: 3, msg: 'log lines dropped: the log file could not be written' }),
      { msg: 'kept' },
    ]);
  });
});
