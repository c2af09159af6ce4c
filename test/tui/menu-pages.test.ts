// The menu as drawn on the device: the sign-in shows what is typed as it is typed, and every row of a
// page fits the model's 32 columns.
import { describe, expect, it } from 'vitest';
import { KEYS, openHarnessForTest } from './harness.js';

describe('the menu sign-in', () => {
  it('shows each digit of the ID as it is typed, before any result', async () => {
    const h = await openHarnessForTest();
    h.type('m');

    const shown = ['9', '0', '0', '1'].map((digit) => {
      h.type(digit);
      return h.tui.deviceText();
    });

    expect(shown.map((text) => /^ {2}(\d*)_$/m.exec(text)?.[1])).toEqual(['9', '90', '900', '9001']);
  });

  it('shows a star for each digit of the password as it is typed', async () => {
    const h = await openHarnessForTest();
    h.type('m', '9001', KEYS.enter);

    const shown = ['9', '9', '9'].map((digit) => {
      h.type(digit);
      return h.tui.deviceText();
    });

    expect(shown.map((text) => /^ {2}(\**)_$/m.exec(text)?.[1])).toEqual(['*', '**', '***']);
    expect(shown.join('\n')).not.toContain('999');
  });
});

describe('the punch rules page', () => {
  it('shows the default state whole, on the row under its label', async () => {
    const h = await openHarnessForTest();

    h.type('m', '9001', KEYS.enter, '9999', KEYS.enter, '3', '4');

    const lines = h.tui.deviceText().split('\n');
    expect(lines).toContain('2. Default state:');
    expect(lines).toContain('   In / Out (auto)');
  });
});
