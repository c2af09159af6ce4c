// Typing a badge number on the terminal's keyboard: the non-secure rule of the support article, as drawn.
import { describe, expect, it } from 'vitest';
import { KEYS, expectRefused, openHarnessForTest } from './harness.js';

describe('a PIN typed on the keyboard', () => {
  it('answers "Unknown User" for a secure user (1001, non-secure off)', async () => {
    const h = await openHarnessForTest();

    h.type('1001', KEYS.enter);

    expectRefused(h, 'Unknown User');
  });

  it('thanks a non-secure user (1002) by name and lists the punch in the panel', async () => {
    const h = await openHarnessForTest();

    h.type('1002', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
    expect(h.tui.text()).toMatch(/07:58 1002 Bruno Silva\s+Check In\s+ID/);
  });

  it('shows the digits as they are typed, and Backspace takes the last one back', async () => {
    const h = await openHarnessForTest();

    h.type('100', KEYS.backspace);

    expect(h.tui.deviceText()).toContain('Enter ID');
    expect(h.tui.deviceText()).toMatch(/^ {2}10_$/m);
  });

  it('leaves the entry with Esc', async () => {
    const h = await openHarnessForTest();

    h.type('10', KEYS.escape);

    expect(h.tui.deviceText()).not.toMatch(/^Enter ID$/m);
    expect(h.tui.deviceText()).toContain('Enter ID, finger or card');
  });
});
