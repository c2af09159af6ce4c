// Finding the serial number as the support article says: the menu (three lines, top left) to About
// device, or the label on the back of the clock.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, openHarness, type Harness } from './harness.js';

/** Moves the menu's cursor (`>`) to the item with this label and presses OK, as a person would with ↑↓. */
function choose(h: Harness, label: string): void {
  const rows = h.tui.deviceText().split('\n');
  const target = rows.findIndex((row) => row.includes(`. ${label}`));
  const cursor = rows.findIndex((row) => row.startsWith('>'));
  if (target < 0 || cursor < 0) throw new Error(`no menu item "${label}" on:\n${h.tui.deviceText()}`);
  for (let i = cursor; i < target; i++) h.type(KEYS.down);
  for (let i = cursor; i > target; i--) h.type(KEYS.up);
  h.type(KEYS.enter);
}

describe('the serial number', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('is on About device, reached with m, an administrator badge and password, and the arrow keys', async () => {
    h = await openHarness({ serialNumber: 'TC1A004242' });

    h.type('m');
    const asked = h.tui.deviceText();
    // The demo Administrator verifies with a finger or a password (Verify 5): his badge alone opens nothing.
    h.type('9001', KEYS.enter, '9999', KEYS.enter);
    // The article's path is Settings > About device; the main menu may also list it directly.
    if (!h.tui.deviceText().includes('. About device')) choose(h, 'Settings');
    choose(h, 'About device');

    expect(asked).toContain('Administrator verification');
    expect(h.tui.deviceText()).toContain('About device');
    expect(h.tui.deviceText()).toContain('Serial number: TC1A004242');
  });

  it('is on the label when the clock is turned around with b, with model, MAC and firmware', async () => {
    h = await openHarness({ serialNumber: 'TC1A004242' });

    h.type('b');

    const text = h.tui.text();
    expect(text).toContain('back of TC-Bio 700');
    expect(text).toContain('S/N      TC1A004242');
    expect(text).toContain(`MAC      ${h.clock.macAddress}`);
    expect(text).toContain('Model    biometric');
    expect(text).toContain('Firmware Ver 6.60 Nov 10 2026');
    expect(text).not.toContain('Enter ID, finger or card');
  });

  it('turns the clock to its front again with a second b', async () => {
    h = await openHarness();

    h.type('b', 'b');

    expect(h.tui.text()).toContain('Enter ID, finger or card');
    expect(h.tui.text()).not.toContain('S/N ');
  });
});
