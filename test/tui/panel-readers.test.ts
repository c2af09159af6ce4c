// The panel's readers: a finger chosen from the enrolled list (or an unknown one, or a poor read) and
// a card chosen from the known ones or typed; what the clock answers is read off the device screen.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, nextTurn, openHarness, type Harness } from './harness.js';

describe('the finger reader', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('lists every enrolled finger with name, badge and finger, then an unknown finger', () => {
    h = openHarness();

    h.type('f');

    const text = h.tui.text();
    expect(text).toContain('Place a finger');
    expect(text).toContain('Ana Lopez  1001  right-index');
    expect(text).toContain('Bruno Silva  1002  right-thumb');
    expect(text).toContain('Admin Park  9001  left-ring');
    expect(text).toContain('Unknown finger');
  });

  it('identifies a secure user by the finger chosen from the list', () => {
    h = openHarness();

    h.type('f', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Thank you, Ana Lopez');
    expect(h.clock.punches()).toMatchObject([{ pin: '1001', verify: 1 }]);
  });

  it('answers a poor read of an enrolled finger with "Poor image"', () => {
    h = openHarness();

    h.type('p', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Poor image');
    expect(h.clock.punches()).toEqual([]);
  });

  it('does not identify anybody by an unknown finger', () => {
    h = openHarness();

    h.type('f', KEYS.up, KEYS.up);
    for (let i = 0; i < 10; i++) h.type(KEYS.down);
    h.type(KEYS.enter);

    expect(h.tui.deviceText()).toContain('Verification failed');
    expect(h.clock.punches()).toEqual([]);
  });

  it('closes the list with Esc and leaves the keypad keys to the clock again', () => {
    h = openHarness();

    h.type('f', KEYS.escape, '1002', KEYS.enter);

    expect(h.tui.text()).not.toContain('Place a finger');
    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
  });
});

describe('the card reader', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('identifies the owner of a known card chosen from the list', () => {
    h = openHarness();

    h.type('c');
    const list = h.tui.text();
    h.type(KEYS.down, KEYS.enter);

    expect(list).toContain('Ana Lopez  1001  card 3809012973');
    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
  });

  it('taps a card whose number is typed, and the clock answers "Unknown card" for a stranger', async () => {
    h = openHarness();

    h.type('c');
    for (let i = 0; i < 5; i++) h.type(KEYS.down);
    h.type(KEYS.enter);
    await nextTurn();
    h.type('12345', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Unknown card');
  });

  it('says in the log pane why a typed number is refused, and the clock is untouched', async () => {
    h = openHarness();

    h.type('c');
    for (let i = 0; i < 5; i++) h.type(KEYS.down);
    h.type(KEYS.enter);
    await nextTurn();
    h.type('12ab', KEYS.enter);

    expect(h.tui.text()).toContain('panel: tapCard: "12ab" is not a');
    expect(h.tui.deviceText()).toContain('Enter ID, finger or card');
  });
});
