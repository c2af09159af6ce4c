// The EM4100 codec against the docs/wire-formats.md vector and frames its own encoder builds.
import { describe, expect, it } from 'vitest';
import { Em4100Decoder, RepeatFilter, encodeEm4100, type DecodeProblem } from '../../src/serial/index.js';

/** docs/wire-formats.md §2: `02 "62E3086CED" "08" 03`. */
const VECTOR = Buffer.concat([Buffer.of(0x02), Buffer.from('62E3086CED08', 'ascii'), Buffer.of(0x03)]);

describe('EM4100 decoder', () => {
  it('reads the public vector as card 3808980205, the decimal of the lower 32 bits', () => {
    expect(new Em4100Decoder().push(VECTOR)).toEqual([{ version: 0x62, tag: 0xe3086ced, card: '3808980205' }]);
  });

  it('encodes the public vector byte for byte', () => {
    expect(encodeEm4100(0x62, 0xe3086ced)).toEqual(VECTOR);
  });

  it('reads frames its encoder builds, split across any chunk boundary', () => {
    const frames = Buffer.concat([encodeEm4100(1, 3003), encodeEm4100(0xff, 0xffffffff), encodeEm4100(0, 0)]);
    for (let cut = 0; cut <= frames.length; cut++) {
      const decoder = new Em4100Decoder();
      const reads = [...decoder.push(frames.subarray(0, cut)), ...decoder.push(frames.subarray(cut))];
      expect(reads.map((r) => r.card)).toEqual(['3003', '4294967295', '0']);
    }
  });

  it('accepts lower-case hex digits', () => {
    const lower = Buffer.from(VECTOR.toString('latin1').toLowerCase(), 'latin1');
    expect(new Em4100Decoder().push(lower)[0]?.card).toBe('3808980205');
  });

  it('skips a frame with a bad checksum and says so', () => {
    const problems: DecodeProblem[] = [];
    const bad = Buffer.from(VECTOR);
    bad[11] = 0x39; // checksum digit "9" instead of "8"
    expect(new Em4100Decoder((p) => problems.push(p)).push(bad)).toEqual([]);
    expect(problems[0]).toMatchObject({ offset: 0, message: expect.stringContaining('bad checksum') });
  });

  it('finds a frame that starts inside garbage, including a false start byte', () => {
    const input = Buffer.concat([Buffer.from([0x41, 0x02, 0x39, 0x03]), VECTOR, Buffer.from('zz')]);
    expect(new Em4100Decoder().push(input).map((r) => r.card)).toEqual(['3808980205']);
  });

  it('refuses a frame without its end byte', () => {
    const bad = Buffer.from(VECTOR);
    bad[13] = 0x04;
    expect(new Em4100Decoder().push(bad)).toEqual([]);
  });
});

describe('RepeatFilter', () => {
  it('treats the same card within the window as the card still held', () => {
    const filter = new RepeatFilter(220);
    expect([0, 100, 200, 300].map((t) => filter.accept('1', t))).toEqual([true, false, false, false]);
  });

  it('takes the same card again once it has been away for the window', () => {
    const filter = new RepeatFilter(220);
    expect([filter.accept('1', 0), filter.accept('1', 220)]).toEqual([true, true]);
  });

  it('takes another card at once', () => {
    const filter = new RepeatFilter(220);
    expect([filter.accept('1', 0), filter.accept('2', 10)]).toEqual([true, true]);
  });
});
