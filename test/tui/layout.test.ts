// Sizes: everything fits in 80×24, the layout follows a resize, and a narrow terminal keeps the device.
import { afterEach, describe, expect, it } from 'vitest';
import { loadDeviceModel } from '../../src/devices/index.js';
import { deviceWidth, layoutFor } from '../../src/tui/layout.js';
import { openHarness, type Harness } from './harness.js';

const model = loadDeviceModel('biometric');

describe('layoutFor', () => {
  it('fits device, panel and help line in 80×24 with one-row keys', () => {
    const layout = layoutFor(80, 24, model);

    expect(layout.device).toEqual({ top: 0, left: 0, width: 36, height: 22 });
    expect(layout.panel).toEqual({ top: 0, left: 36, width: 44, height: 23 });
    expect(layout.help).toEqual({ top: 23, left: 0, width: 80, height: 1 });
    expect(layout.keyHeight).toBe(1);
  });

  it('gives the keys three rows each when the terminal is tall enough', () => {
    expect(layoutFor(120, 40, model).keyHeight).toBe(3);
  });

  it('leaves the panel out when the terminal is too narrow for it', () => {
    expect(layoutFor(60, 24, model).panel).toBeUndefined();
  });
});

describe('the screen on resize', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('puts the help line on the last row of 80×24', async () => {
    h = await openHarness({ columns: 80, rows: 24 });

    const rows = h.tui.text().split('\n');
    expect(rows).toHaveLength(24);
    expect(rows[23]).toContain('Enter=OK');
    expect(rows.every((row) => row.length <= 80)).toBe(true);
  });

  it('redraws for the new size, with big keys and the long help line', async () => {
    h = await openHarness({ columns: 80, rows: 24 });

    h.resize(130, 40);

    const rows = h.tui.text().split('\n');
    expect(rows).toHaveLength(40);
    expect(rows[39]).toContain('p=poor read');
    expect(h.tui.deviceText()).toContain('Enter ID, finger or card');
    const menuRow = rows.findIndex((row) => row.includes('≡ Menu'));
    expect(rows[menuRow + 4]).toContain('1');
  });

  it('keeps the device, and the panel letters working, in a narrow terminal', async () => {
    h = await openHarness({ columns: 80, rows: 24 });

    h.resize(50, 24);
    h.type('n');

    expect(h.tui.text()).not.toContain('Simulator');
    expect(h.tui.deviceText().split('\n')[0]).toMatch(/⇄x ☁x$/);
  });
});

describe('a terminal smaller than the device', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('says the minimum size instead of clipping the keypad', async () => {
    h = await openHarness({ columns: 80, rows: 24 });

    h.resize(60, 20);

    const text = h.tui.text();
    expect(text).toContain('This terminal is 60×20.');
    expect(text).toContain('The clock needs at least 36×23');
    expect(text).not.toContain('≡ Menu');
    expect(text).not.toContain('Simulator');
  });

  it('says it for a terminal too narrow for the device, too', async () => {
    h = await openHarness({ columns: 30, rows: 30 });

    expect(h.tui.text()).toContain('This terminal is 30×30.');
  });

  it('shows the whole device again, every keypad row, once the terminal is large enough', async () => {
    h = await openHarness({ columns: 60, rows: 20 });

    h.resize(36, 23);

    const rows = h.tui.text().split('\n');
    expect(rows.join('\n')).not.toContain('This terminal is');
    const menuRow = rows.findIndex((row) => row.includes('≡ Menu'));
    expect(rows[menuRow + 4]).toMatch(/⌫\s+0\s+OK\s+F4/);
    expect(layoutFor(36, 23, model).fits).toBe(true);
    expect(layoutFor(36, 22, model).fits).toBe(false);
  });
});

describe('the back of the clock', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('draws the label inside the case, its right border intact', async () => {
    h = await openHarness({ columns: 80, rows: 24 });

    h.type('b');

    const rows = h.tui.text().split('\n');
    const caseRight = deviceWidth(model) - 1;
    for (let y = 1; y < 21; y++) expect(rows[y]![caseRight], `row ${y}`).toBe('│');
    expect(rows.join('\n')).toContain(`S/N      ${h.clock.serialNumber}`);
  });
});
