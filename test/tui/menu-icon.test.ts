// The three lines at the top left of the device's screen, which the support article sends people to:
// a click on them is the Menu key, on every screen that shows them (SGR mouse reports, as a terminal sends).
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cellOf, openHarness, type Harness } from './harness.js';

/** The icon's cell: the first cell inside the device screen's border. */
function clickMenuIcon(h: Harness): void {
  const box = h.tui.screenBox();
  h.click(box.x, box.y);
}

describe('the menu icon', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('opens the menu sign-in from the idle screen, as the Menu key does', async () => {
    h = await openHarness();

    clickMenuIcon(h);

    expect(h.tui.deviceText()).toContain('Administrator verification');
  });

  it('shows on a result screen and opens the menu from it', async () => {
    h = await openHarness();
    h.type('1002', KEYS.enter);
    const result = h.tui.deviceText();

    clickMenuIcon(h);

    expect(result).toMatch(/^≡ 07:58.*\nThank you, Bruno Silva/);
    expect(h.tui.deviceText()).toContain('Administrator verification');
  });

  it('shows on a menu page and goes back to the first page of the menu', async () => {
    h = await openHarness();
    h.type('m', '9001', KEYS.enter, '9999', KEYS.enter, '3', '5');
    const about = h.tui.deviceText();

    clickMenuIcon(h);

    expect(about).toMatch(/^≡ About device/);
    expect(h.tui.deviceText()).toContain('1. User management');
  });

  it('does nothing when clicked a few cells right of the icon, on the time', async () => {
    h = await openHarness();
    const { x, y } = cellOf(h.tui, '≡ 07:58');

    h.click(x + 3, y);

    expect(h.tui.deviceText()).toContain('Enter ID, finger or card');
  });
});
