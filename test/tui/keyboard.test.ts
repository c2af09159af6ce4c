// The keyboard in the running UI: the state keys, and the ways out (q, Ctrl-C, even from a prompt).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, attributes, nextTurn, openHarness, type Harness, openCardNumberLine } from './harness.js';

describe('the keyboard', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('chooses the punch state with F1 to F4', async () => {
    h = await openHarness();

    h.type(KEYS.f1);
    const f1 = h.tui.deviceText();
    h.type('\x1bOS'); // F4

    expect(f1).toContain('Check In');
    expect(h.tui.deviceText()).toContain('Break In');
  });

  it('lights the key pressed on the keyboard for a moment', async () => {
    h = await openHarness();
    const before = attributes(h.tui);

    h.type('5');
    const lit = attributes(h.tui);
    h.clock.advance(200);
    const after = attributes(h.tui);

    const rowOf5 = h.tui
      .text()
      .split('\n')
      .findIndex((row) => /\s4\s+5\s+6\s/.test(row));
    expect(lit[rowOf5]).not.toEqual(before[rowOf5]);
    expect(after[rowOf5]).toEqual(before[rowOf5]);
  });

  it('quits with q', async () => {
    h = await openHarness();

    h.type('q');

    await expect(h.tui.quit).resolves.toBeUndefined();
  });

  it('quits with Ctrl-C even while a card number is being typed', async () => {
    h = await openHarness();
    await openCardNumberLine(h);

    h.type('12', KEYS.ctrlC);

    await expect(h.tui.quit).resolves.toBeUndefined();
  });

  it('leaves q to a list that is open: it closes the list, not the clock', async () => {
    h = await openHarness();
    let quit = false;
    void h.tui.quit.then(() => (quit = true));

    h.type('f', 'q', '1002', KEYS.enter);
    await nextTurn();

    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
    expect(quit).toBe(false);
  });
});
