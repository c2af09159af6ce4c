// Clicks, as a terminal reports them (SGR mouse sequences): on the keypad's keys and the panel's buttons.
import { afterEach, describe, expect, it } from 'vitest';
import { cellOf, openHarness, statusBar, type Harness } from './harness.js';

/** Keypad cells: the keys' labels are unique on the screen except for digits, found in the keypad rows. */
function keyCell(h: Harness, label: string): { x: number; y: number } {
  const rows = h.tui.text().split('\n');
  const keypadTop = rows.findIndex((row) => row.includes('≡ Menu'));
  for (let y = keypadTop; y < keypadTop + h.clock.model.keypad.length; y++) {
    const x = rows[y]!.slice(0, 36).search(new RegExp(`(?<=\\s)${label}(?=\\s)`));
    if (x >= 0) return { x, y };
  }
  throw new Error(`key ${label} not found`);
}

describe('the mouse', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('presses keypad keys: clicking 1, 0, 0, 2 and OK punches Bruno Silva', async () => {
    h = await openHarness();

    for (const label of ['1', '0', '0', '2', 'OK']) {
      const { x, y } = keyCell(h, label);
      h.click(x, y);
    }

    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
  });

  it('opens the menu by clicking the Menu key', async () => {
    h = await openHarness();

    const { x, y } = cellOf(h.tui, '≡ Menu');
    h.click(x, y);

    expect(h.tui.deviceText()).toContain('Administrator verification');
  });

  it('takes a click whose press and release arrive in one read, as a quick click does', async () => {
    h = await openHarness();
    const { x, y } = cellOf(h.tui, '≡ Menu');

    h.type(`\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`);

    expect(h.tui.deviceText()).toContain('Administrator verification');
  });

  it('unplugs the network by clicking the panel button', async () => {
    h = await openHarness();

    const { x, y } = cellOf(h.tui, 'Unplug network');
    h.click(x, y);

    expect(statusBar(h.tui)).toMatch(/⇄x ☁x$/);
  });

  it('turns the clock around by clicking Back of clock', async () => {
    h = await openHarness();

    const { x, y } = cellOf(h.tui, 'Back of clock');
    h.click(x, y);

    expect(h.tui.text()).toContain(`S/N      ${h.clock.serialNumber}`);
  });
});
