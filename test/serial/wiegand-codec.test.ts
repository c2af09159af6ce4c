// The Wiegand line decoder against the docs/wire-formats.md vector and bursts its own encoder builds.
import { describe, expect, it } from 'vitest';
import {
  WiegandDecoder,
  decodeWiegandBits,
  encodeKeyBurst,
  encodeWiegand26,
  encodeWiegand34,
  encodeWiegandLine,
  type DecodeProblem,
} from '../../src/serial/index.js';

/** docs/wire-formats.md §2: facility 90, card 324. */
const H10301 = '00101101000000001010001000';

describe('Wiegand bits', () => {
  it('decodes the public 26-bit vector as facility 90, card 324', () => {
    expect(decodeWiegandBits(H10301)).toEqual({ type: 'card', bits: 26, facility: 90, number: 324, data: 5898564 });
  });

  it('encodes the public vector bit for bit', () => {
    expect(encodeWiegand26(90, 324)).toBe(H10301);
  });

  it('refuses a 26-bit burst with a flipped bit (parity)', () => {
    for (let i = 0; i < 26; i++) {
      const flipped = H10301.slice(0, i) + (H10301[i] === '1' ? '0' : '1') + H10301.slice(i + 1);
      expect(decodeWiegandBits(flipped)).toEqual(expect.stringContaining('parity'));
    }
  });

  it('decodes a 34-bit burst around an EM4100 tag', () => {
    expect(decodeWiegandBits(encodeWiegand34(0xe3086ced))).toMatchObject({ bits: 34, data: 3808980205 });
  });

  it('decodes 4-bit keys: digits, 10 as ESC (*) and 11 as OK (#)', () => {
    const keys = [0, 5, 9, 10, 11].map((c) => decodeWiegandBits(encodeKeyBurst(c, 4)));
    expect(keys.map((k) => (typeof k === 'object' ? k.type === 'key' && k.key : k))).toEqual([
      '0',
      '5',
      '9',
      'ESC',
      'OK',
    ]);
  });

  it('decodes 8-bit keys and refuses one whose high nibble is not the complement', () => {
    expect(decodeWiegandBits(encodeKeyBurst(7, 8))).toMatchObject({ type: 'key', key: '7', bits: 8 });
    expect(decodeWiegandBits('00000111')).toEqual(expect.stringContaining('complement'));
  });

  it('refuses key codes 12-15 and other bit counts', () => {
    expect(decodeWiegandBits('1100')).toEqual(expect.stringContaining('not a keypad key'));
    expect(decodeWiegandBits('1'.repeat(37))).toEqual(expect.stringContaining('37-bit'));
  });
});

describe('WiegandDecoder', () => {
  it('reads bits lines, CR LF or LF, split anywhere', () => {
    const text = Buffer.concat([encodeWiegandLine(H10301, 'bits'), Buffer.from(`${encodeKeyBurst(11, 4)}\r\n`)]);
    for (let cut = 0; cut <= text.length; cut++) {
      const d = new WiegandDecoder('bits');
      const events = [...d.push(text.subarray(0, cut)), ...d.push(text.subarray(cut))];
      expect(events.map((e) => e.type)).toEqual(['card', 'key']);
    }
  });

  it('reads hex lines: a bit count and the bits as a hex number', () => {
    const line = encodeWiegandLine(H10301, 'hex');
    expect(line.toString()).toBe('26:0B40288\n');
    expect(new WiegandDecoder('hex').push(line)).toEqual([decodeWiegandBits(H10301)]);
  });

  it('reports a line in the wrong format, with its offset, and reads the next', () => {
    const problems: DecodeProblem[] = [];
    const d = new WiegandDecoder('hex', (p) => problems.push(p));
    expect(d.push(Buffer.from(`garbage\n${encodeWiegandLine(H10301, 'hex').toString()}`))).toHaveLength(1);
    expect(problems).toEqual([{ offset: 0, message: expect.stringContaining('COUNT:HEX') }]);
  });

  it('drops an overlong line and still reads the line after it', () => {
    const d = new WiegandDecoder('bits');
    const events = [...d.push(Buffer.from('1'.repeat(500))), ...d.push(Buffer.from(`\n${H10301}\n`))];
    expect(events).toHaveLength(1);
  });
});
