// The log's limit on warnings anyone can cause, and the refusal counter: windows on an injected clock.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyGate, RefusalLimiter } from '../../src/cloud/limits.js';
import { LogLimiter } from '../../src/cloud/log-limit.js';
import { createLogger } from '../../src/log.js';

function collected() {
  const lines: { msg: string; more?: number; sn?: string }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination }) };
}

describe('the log limiter', () => {
  it('writes the first lines of a window, then one count of the rest when the window ends', () => {
    const time = { now: 0 };
    const { lines, log } = collected();
    const quiet = new LogLimiter(log, () => time.now, { perWindow: 3, windowMs: 60_000 });

    for (let i = 0; i < 1_000; i++) quiet.warn('unregistered', { sn: `X${i}` }, 'refused');
    time.now += 60_000;
    quiet.warn('unregistered', { sn: 'NEXT' }, 'refused');

    expect(lines.map((l) => l.sn)).toEqual(['X0', 'X1', 'X2', 'X999', 'NEXT']);
    expect(lines[3]).toMatchObject({ more: 997, msg: '997 more like this in the last minute: refused' });
    quiet.flush();
  });

  it('keeps kinds apart and writes what is pending at flush', () => {
    const { lines, log } = collected();
    const quiet = new LogLimiter(log, () => 0, { perWindow: 1, windowMs: 60_000 });

    quiet.warn('a', {}, 'first kind');
    quiet.warn('a', {}, 'first kind');
    quiet.warn('b', {}, 'second kind');
    quiet.flush();

    expect(lines.map((l) => l.msg)).toEqual([
      'first kind',
      'second kind',
      '1 more like this in the last minute: first kind',
    ]);
  });
});

describe('the refusal limiter', () => {
  it('blocks an address past its refusals until the window ends, and no other address', () => {
    const time = { now: 0 };
    const limiter = new RefusalLimiter(
      { refusalsPerWindow: 5, windowMs: 10_000, maxAddresses: 100, bodyBytesInFlight: 0, bodiesPerAddress: 4 },
      () => time.now,
    );

    const crossed = Array.from({ length: 6 }, () => limiter.refused('10.0.0.9'));

    expect(crossed).toEqual([false, false, false, false, false, true]);
    expect(limiter.isBlocked('10.0.0.9')).toBe(true);
    expect(limiter.isBlocked('10.0.0.8')).toBe(false);
    time.now += 10_000;
    expect(limiter.isBlocked('10.0.0.9')).toBe(false);
  });

  it('weighs a costly refusal as many', () => {
    const limiter = new RefusalLimiter(
      { refusalsPerWindow: 20, windowMs: 10_000, maxAddresses: 100, bodyBytesInFlight: 0, bodiesPerAddress: 4 },
      () => 0,
    );

    expect([limiter.refused('a', 10), limiter.refused('a', 10), limiter.refused('a', 10)]).toEqual([
      false,
      false,
      true,
    ]);
  });
});

describe('the body gate', () => {
  it('lets an address read a few bodies at once, and another address its own', () => {
    const gate = new BodyGate(2);

    expect([gate.enter('a'), gate.enter('a'), gate.enter('a'), gate.enter('b')]).toEqual([true, true, false, true]);
    gate.leave('a');
    expect(gate.enter('a')).toBe(true);
    expect(gate.enter('a')).toBe(false);
  });
});
