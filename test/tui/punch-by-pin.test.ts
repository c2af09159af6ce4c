// Typing a badge number on the terminal's keyboard: the non-secure rule of the support article, as drawn.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, openHarness, type Harness } from './harness.js';

describe('a PIN typed on the keyboard', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers "Unknown User" for a secure user (1001, non-secure off)', async () => {
    h = await openHarness();

    h.type('1001', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Unknown User');
    expect(h.clock.punches()).toEqual([]);
  });

  it('thanks a non-secure user (1002) by name and lists the punch in the panel', async () => {
    h = await openHarness();

    h.type('1002', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
    expect(h.tui.text()).toMatch(/07:58 1002 Bruno Silva\s+Check In\s+ID/);
  });

  it('shows the digits as they are typed, and Backspace takes the last one back', async () => {
    h = await openHarness();

    h.type('100', KEYS.backspace);

    expect(h.tui.deviceText()).toContain('Enter ID');
    expect(h.tui.deviceText()).toMatch(/^ {2}10_$/m);
  });

  it('leaves the entry with Esc', async () => {
    h = await openHarness();

    h.type('10', KEYS.escape);

    expect(h.tui.deviceText()).not.toMatch(/^Enter ID$/m);
    expect(h.tui.deviceText()).toContain('Enter ID, finger or card');
  });
});
