// The virtual clock source: time moves only when told, and every timer fires at its own due time.
import { describe, expect, it } from 'vitest';
import { VirtualClockSource } from '../../src/runtime/clock-source.js';

const START = Date.parse('2026-11-25T07:58:00Z');

/** A source and a log of which timer fired at which virtual time (ms after START). */
function recordingSource() {
  const source = new VirtualClockSource(START);
  const fired: string[] = [];
  const timer = (name: string, ms: number) =>
    source.setTimeout(() => fired.push(`${name}@${source.now() - START}`), ms);
  return { source, fired, timer };
}

describe('VirtualClockSource', () => {
  it('stands still until it is advanced', () => {
    const { source } = recordingSource();

    expect(source.now()).toBe(START);
  });

  it('fires due timers in due order, each with the clock at its own due time', () => {
    const { source, fired, timer } = recordingSource();
    timer('c', 300);
    timer('a', 100);
    timer('b', 200);

    source.advance(1_000);

    expect(fired).toEqual(['a@100', 'b@200', 'c@300']);
    expect(source.now()).toBe(START + 1_000);
  });

  it('fires timers due at the same time in the order they were set', () => {
    const { source, fired, timer } = recordingSource();
    timer('first', 50);
    timer('second', 50);

    source.advance(50);

    expect(fired).toEqual(['first@50', 'second@50']);
  });

  it('leaves timers due after the advance for later', () => {
    const { source, fired, timer } = recordingSource();
    timer('soon', 100);
    timer('later', 500);

    source.advance(200);

    expect(fired).toEqual(['soon@100']);
    expect(source.nextDueIn()).toBe(300);
  });

  it('fires, within one advance, the timers that timers set when they come due', () => {
    const { source, fired, timer } = recordingSource();
    source.setTimeout(() => {
      fired.push(`outer@${source.now() - START}`);
      timer('inner', 100);
    }, 100);
    timer('between', 150);

    source.advance(250);

    expect(fired).toEqual(['outer@100', 'between@150', 'inner@200']);
  });

  it('does not fire a timer set by a timer beyond the end of the advance', () => {
    const { source, fired } = recordingSource();
    source.setTimeout(() => source.setTimeout(() => fired.push('late'), 500), 100);

    source.advance(300);

    expect(fired).toEqual([]);
    expect(source.pendingTimers()).toBe(1);
  });

  it('fires a zero-delay timer at the next advance, even of zero', () => {
    const { source, fired, timer } = recordingSource();
    timer('now', 0);

    source.advance(0);

    expect(fired).toEqual(['now@0']);
  });

  it('never fires a cleared timer', () => {
    const { source, fired, timer } = recordingSource();
    const cleared = timer('cleared', 100);
    timer('kept', 100);

    source.clearTimeout(cleared);
    source.advance(1_000);

    expect(fired).toEqual(['kept@100']);
  });

  it('lets a timer clear another that is due later in the same advance', () => {
    const { source, fired, timer } = recordingSource();
    const victim = timer('victim', 200);
    source.setTimeout(() => source.clearTimeout(victim), 100);

    source.advance(300);

    expect(fired).toEqual([]);
  });

  it('ignores clearing a timer that already fired or never existed', () => {
    const { source, timer } = recordingSource();
    const done = timer('done', 10);
    source.advance(10);

    expect(() => {
      source.clearTimeout(done);
      source.clearTimeout(999);
    }).not.toThrow();
  });

  it('rejects a negative advance, naming the argument, and keeps its time', () => {
    const { source } = recordingSource();

    expect(() => source.advance(-1)).toThrow(/"ms" must be a non-negative number, got -1/);
    expect(source.now()).toBe(START);
  });

  it('rejects an advance that is not a number', () => {
    const { source } = recordingSource();

    expect(() => source.advance(Number.NaN)).toThrow(RangeError);
  });
});
