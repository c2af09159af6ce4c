// The device face follows its model file: every key of the keypad rows, and only the readers it has.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, openHarness, type Harness } from './harness.js';

const LABELS: Record<string, string> = { MENU: '≡ Menu', UP: '▲', DOWN: '▼', BACK: '⌫', ESC: 'Esc' };

describe('the device face', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('draws every key of the model, row by row as its keypad rows say', async () => {
    h = await openHarness();
    const rows = h.tui.text().split('\n');
    const top = rows.findIndex((row) => row.includes('≡ Menu'));

    h.clock.model.keypad.forEach((keys, r) => {
      const drawn = rows[top + r]!.slice(0, 36);
      const positions = keys.map((key) => drawn.indexOf(` ${LABELS[key] ?? key}`));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });
  });

  it('has no finger buttons on a model without a fingerprint reader, and f does nothing there', async () => {
    h = await openHarness({ device: 'proximity' });

    h.type('f');

    expect(h.tui.text()).toContain('TC-Prox 300');
    expect(h.tui.text()).not.toContain('Finger');
    expect(h.tui.text()).not.toContain('Place a finger');
    expect(h.tui.text()).toContain('c Card');
  });

  it('taps cards on that model all the same', async () => {
    h = await openHarness({ device: 'proximity' });

    h.type('c', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Thank you, Ana Lopez');
  });
});
