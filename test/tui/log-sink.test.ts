// pino under the terminal UI: every line reaches the log file whole and the pane shortened, and none
// reaches stdout or stderr, which belong to the screen.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createLogSink, shortLogLine } from '../../src/tui/log-sink.js';
import { makeTempDir, type TempDir } from '../store/temp-dir.js';
import { KEYS, nextTurn, openHarnessForTest } from './harness.js';

const utc = (time: Date) => time.toISOString().slice(11, 19);

describe('the log sink', () => {
  let dir: TempDir | undefined;
  afterEach(() => {
    dir?.remove();
    vi.restoreAllMocks();
  });

  it('appends each JSON line to the file and passes a short form to the pane', () => {
    dir = makeTempDir();
    const sink = createLogSink({ file: dir.file('timeclock.log'), clockTime: utc });
    const pane: string[] = [];
    sink.onLine((line) => pane.push(line));
    const logger = createLogger({ destination: sink, time: () => '2026-11-25T07:58:00.000Z' });

    logger.child({ module: 'runtime', sn: 'TC1A000001' }).info({ pin: '1002', seq: 1 }, 'punch recorded');
    sink.close();

    const file = fs.readFileSync(dir.file('timeclock.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(file[0]!)).toMatchObject({
      module: 'runtime',
      sn: 'TC1A000001',
      pin: '1002',
      msg: 'punch recorded',
    });
    expect(pane).toEqual(['07:58:00 INFO runtime: punch recorded pin=1002 seq=1']);
  });

  it('writes nothing to stdout or stderr', () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const sink = createLogSink();
    const logger = createLogger({ destination: sink });

    logger.warn({ password: '9999' }, 'something odd');

    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(sink.recent()[0]).toContain('WARN something odd password=***');
  });

  it('keeps the last lines for a pane opened later', () => {
    const sink = createLogSink({ keep: 2 });

    for (const msg of ['one', 'two', 'three']) sink.write(`${JSON.stringify({ level: 30, msg })}\n`);

    expect(sink.recent()).toEqual(['INFO two', 'INFO three']);
  });

  it('keeps a line that is not JSON as it is', () => {
    expect(shortLogLine('plain text')).toBe('plain text');
  });
});

describe('the log pane', () => {
  it('shows the clock’s log lines as they are written', async () => {
    const h = await openHarnessForTest();

    h.type('1002', KEYS.enter);
    await nextTurn();

    expect(h.tui.text()).toContain('INFO runtime: punch recorded');
  });
});
