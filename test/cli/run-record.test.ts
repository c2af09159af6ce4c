// `timeclock run --record` with the default embedded cloud, then `timeclock replay`: the journal holds
// what the cloud link told the clock, so the replay, which has no cloud, shows the same screens.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replayCommand } from '../../src/cli/replay.js';
import { runCommand } from '../../src/cli/run.js';
import { readJournal } from '../../src/scenario/index.js';
import { makeTempDir, type TempDir } from '../store/temp-dir.js';

let dir: TempDir | undefined;
afterEach(() => dir?.remove());

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

/** The status bar of the last screen printed: `☁•` while the cloud does not answer. */
function lastStatusBar(out: string): string {
  const bars = out.split('\n').filter((line) => line.includes('☁'));
  return bars.at(-1) ?? '';
}

describe('timeclock run --record with the embedded cloud', () => {
  it('records a session that timeclock replay reproduces, online cloud icon included', async () => {
    dir = makeTempDir();
    const journal = path.join(dir.path, 'session.jsonl');
    const stdin = new PassThrough();
    const out = collector();
    const err = collector();
    const running = runCommand(['--memory', '--headless', '--record', journal], {
      stdin,
      stdout: out.stream,
      stderr: err.stream,
      env: { XDG_DATA_HOME: dir.path, TIMECLOCK_LOG_LEVEL: 'silent' },
    });
    // The link's handshake with the embedded cloud runs over loopback HTTP in real time.
    await vi.waitFor(() => expect(lastStatusBar(out.text())).toMatch(/☁\s*$/), { timeout: 10_000, interval: 20 });
    stdin.write('1002\nok\n');
    await vi.waitFor(() => expect(out.text()).toContain('Thank you, Bruno Silva'), { timeout: 5_000, interval: 20 });
    stdin.end('quit\n');
    expect(await running).toBe(0);

    const replayed = collector();
    const status = await replayCommand([journal], { stdout: replayed.stream, stderr: replayed.stream });

    expect(readJournal(journal).entries.some((e) => JSON.stringify(e.act).includes('cloud.up'))).toBe(true);
    expect(replayed.text()).toContain('every screen matched');
    expect(status).toBe(0);
  });

  it('starts a replay with the cloud online when the recording began with it online', async () => {
    dir = makeTempDir();
    const journal = path.join(dir.path, 'online.jsonl');
    const { createClock } = await import('../../src/runtime/index.js');
    const { recordClock } = await import('../../src/scenario/index.js');
    const clock = createClock({ time: { virtual: '2026-11-25T07:58:00' } });
    clock.setCloud(true);
    const recording = recordClock(clock, journal);
    recording.clock.press('MENU');
    recording.close();
    clock.close();
    const replayed = collector();

    const status = await replayCommand([journal], { stdout: replayed.stream, stderr: replayed.stream });

    expect(readJournal(journal).header).toMatchObject({ clock: { link: 'up', cloud: 'up' } });
    expect(fs.readFileSync(journal, 'utf8')).not.toContain('☁•');
    expect(status).toBe(0);
  });
});
