// The small pieces: durations, text patterns, the in-memory log and the file discovery.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/scenario/duration.js';
import { discoverScenarioFiles } from '../../src/scenario/index.js';
import { LogRing } from '../../src/scenario/log-ring.js';
import { matches, parsePattern } from '../../src/scenario/pattern.js';
import { tempDir } from './helpers.js';

describe('durations', () => {
  it('reads the units QA writes, and bare milliseconds', () => {
    expect(parseDuration('8h')).toBe(28_800_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration(1200)).toBe(1200);
    expect(parseDuration('8 hours')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });

  it('prints them for people', () => {
    expect(formatDuration(90_000)).toBe('1m 30s');
    expect(formatDuration(3_723_500)).toBe('1h 2m 3.5s');
    expect(formatDuration(12)).toBe('12ms');
  });
});

describe('text patterns', () => {
  it('match a substring, or a /regex/ with flags', () => {
    expect(matches(parsePattern('Unknown') as never, 'Unknown User')).toBe(true);
    expect(matches(parsePattern('/thank you, a/i') as never, 'Thank you, Ana')).toBe(true);
    expect(matches(parsePattern('/^User/') as never, 'Unknown User')).toBe(false);
    expect(parsePattern('/a(/')).toMatchObject({ error: expect.stringContaining('Unterminated group') });
  });
});

describe('the log ring', () => {
  it('keeps the last lines for failures and formats them', () => {
    const ring = new LogRing(4);
    for (let i = 1; i <= 10; i++)
      ring.write(`{"level":30,"time":"2026-11-25T07:58:0${i % 10}.000Z","module":"runtime","msg":"line ${i}"}\n`);

    expect(ring.total).toBe(10);
    expect(ring.tail(2)).toEqual(['07:58:09.000 INFO  runtime line 9', '07:58:00.000 INFO  runtime line 10']);
    expect(ring.since(8).map((l) => l.msg)).toEqual(['line 9', 'line 10']);
  });
});

describe('discovering scenario files', () => {
  it('takes files as named and .yaml/.yml under directories, sorted, without snapshots', () => {
    const dir = tempDir();
    dir.write('b.yaml', '');
    dir.write('a/z.yml', '');
    dir.write('a/notes.txt', '');
    dir.write('__snapshots__/b.yaml.snap.json', '');

    expect(discoverScenarioFiles([dir.path]).map((f) => path.relative(dir.path, f))).toEqual(['a/z.yml', 'b.yaml']);
    dir.remove();
  });
});
