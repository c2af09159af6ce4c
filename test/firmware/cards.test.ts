// One rule for card numbers, wherever they come from: decimal, the tag's lower 32 bits.
import { describe, expect, it } from 'vitest';
import { parseCardNumber } from '../../firmware/cards.js';
import { parseControlLine } from '../../src/serial/index.js';
import { createClock } from '../../src/runtime/index.js';

describe('card numbers', () => {
  it('takes a decimal number up to 4294967295 and drops leading zeros', () => {
    expect(parseCardNumber('0042')).toBe('42');
    expect(parseCardNumber('3809012973')).toBe('3809012973');
    expect(parseCardNumber(' 42 ')).toBe('42');
    expect(parseCardNumber(4294967295)).toBe('4294967295');
  });

  it('refuses what is wider than 32 bits, signed, or not a number', () => {
    for (const bad of ['4294967296', '9999999999', '-1', '12a', '', 1.5]) expect(parseCardNumber(bad)).toBeUndefined();
  });

  it('is the rule of the control protocol and of tapCard alike', () => {
    const clock = createClock({ time: { virtual: '2026-11-25T08:00:00' } });

    const line = parseControlLine('{"cmd":"card","card":"9999999999"}');

    expect('error' in line && line.error.field).toBe('card');
    expect(() => clock.tapCard('9999999999')).toThrow(/not a card number/);
    clock.close();
  });
});
