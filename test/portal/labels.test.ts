// The words the pages give the protocol's numbers: every Return code of the protocol has its meaning.
import { describe, expect, it } from 'vitest';
import { RETURN_CODES } from '../../firmware/commands.js';
import { punchStatusText, returnCodeText, verifyMethodText } from '../../src/cloud/web/labels.js';

describe('what the protocol’s numbers mean on the pages', () => {
  it('gives every Return code of the protocol the meaning docs/wire-formats.md §1 gives it', () => {
    const expected: [number, string][] = [
      [0, '0 success'],
      [-1, '−1 parameter error'],
      [-3, '−3 read/write error'],
      [-9, '−9 template size mismatch'],
      [-10, '−10 PIN not on the device'],
      [-11, '−11 bad template'],
      [-12, '−12 bad template'],
      [-30, '−30 template of another algorithm version'],
      [-1001, '−1001 capacity exceeded'],
      [-1002, '−1002 not supported'],
      [-1003, '−1003 timeout'],
      [-1004, '−1004 inconsistent with device configuration'],
      [-1005, '−1005 busy'],
      [-1006, '−1006 data too long'],
    ];

    expect(expected.map(([code]) => returnCodeText(code))).toEqual(expected.map(([, text]) => text));
    expect(Object.values(RETURN_CODES).sort((a, b) => b - a)).toEqual(expected.map(([code]) => code));
  });

  it('says so for a Return code the protocol does not define, rather than guessing', () => {
    expect(returnCodeText(-7)).toBe('−7 a code the protocol does not define');
  });

  it('names punch statuses and verify methods, older firmware’s card code included', () => {
    expect([0, 1, 2, 3, 4, 5, 255, 9].map(punchStatusText)).toEqual([
      'in',
      'out',
      'break out',
      'break in',
      'overtime in',
      'overtime out',
      'no state chosen',
      'status 9',
    ]);
    expect([0, 1, 2, 4, 15, 7].map(verifyMethodText)).toEqual([
      'PIN / password',
      'fingerprint',
      'card',
      'card',
      'face',
      'verify 7',
    ]);
  });
});
