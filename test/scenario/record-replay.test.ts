// Recording a clock driven by hand (what `timeclock run --record` does) and replaying the journal in
// virtual time: the same inputs at the same times give the same screens.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createClock } from '../../src/runtime/index.js';
import { readJournal, recordClock, replayJournal } from '../../src/scenario/index.js';
import { newUser } from '../../firmware/index.js';
import { tempDir } from './helpers.js';

describe('recording a clock and replaying it', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  function recordedSession(file: string): void {
    const clock = createClock({ time: { virtual: '2026-11-25T07:58:00' } });
    clock.load({ users: [newUser('1002', { name: 'Bruno Silva', verifyMode: 0 })] });
    clock.send({ type: 'settings.changed', settings: { ...clock.settings(), timeZoneMinutes: 60 } });
    const recording = recordClock(clock, file);
    recording.clock.type('1002');
    recording.clock.press('OK');
    clock.advance(5_000);
    recording.clock.setLink(false);
    clock.advance(61_000);
    recording.clock.type('1002');
    recording.clock.press('OK');
    recording.close();
    clock.close();
  }

  it('writes every input with its time since the start and the screen after it', () => {
    const file = dir.path + '/run.jsonl';
    recordedSession(file);

    const journal = readJournal(file);

    expect(journal.header).toMatchObject({ kind: 'clock', clock: { serial: 'TC1A000001', users: [{ pin: '1002' }] } });
    expect(journal.entries.map((e) => [e.at, e.act])).toEqual([
      [0, { input: { type: 'keypad.key', key: '1' } }],
      [0, { input: { type: 'keypad.key', key: '0' } }],
      [0, { input: { type: 'keypad.key', key: '0' } }],
      [0, { input: { type: 'keypad.key', key: '2' } }],
      [0, { input: { type: 'keypad.key', key: 'OK' } }],
      [5_000, { input: { type: 'link.down' } }],
      [66_000, { input: { type: 'keypad.key', key: '1' } }],
      [66_000, { input: { type: 'keypad.key', key: '0' } }],
      [66_000, { input: { type: 'keypad.key', key: '0' } }],
      [66_000, { input: { type: 'keypad.key', key: '2' } }],
      [66_000, { input: { type: 'keypad.key', key: 'OK' } }],
    ]);
    expect(journal.entries[4]!.frames.TC1A000001).toContain('Thank you, Bruno Silva');
  });

  it('replays the session with the same screens, times and punches', async () => {
    const file = dir.path + '/again.jsonl';
    recordedSession(file);

    const result = await replayJournal(file);

    expect(result).toEqual({ ok: true, inputs: 11, virtualMs: 66_000 });
  });

  it('stops at the first screen that differs', async () => {
    const file = dir.path + '/changed.jsonl';
    recordedSession(file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"key":"OK"', '"key":"ESC"'));

    const result = await replayJournal(file);

    expect(result.ok).toBe(false);
    expect(result.mismatch).toMatchObject({ line: 6, serial: 'TC1A000001' });
    expect(result.mismatch!.expected).toContain('Thank you, Bruno Silva');
  });
});
