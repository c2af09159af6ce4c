// Where the device, the panel and the help line go for a terminal size: the device keeps its natural
// size (the model's screen plus the keypad), the panel takes the rest, and 80×24 holds them both.
import type { DeviceModel } from '../../firmware/index.js';

export interface Area {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface Layout {
  device: Area;
  /** Undefined when the terminal is too narrow for it: its letters still work. */
  panel: Area | undefined;
  help: Area;
  /** Rows per keypad key: 3 when there is room for big keys, else 1. */
  keyHeight: 1 | 3;
  /** False when the device with one-row keys does not fit: the UI then says the minimum size instead. */
  fits: boolean;
}

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Below this the panel's buttons and lists are too cramped to be of use. */
const MIN_PANEL_WIDTH = 30;
/**
 * Wider than this the panel gains nothing but log line length, and blessed repaints every cell of every
 * box on each render: a 160-column panel doubles the cost of a key press on a 200-column terminal.
 */
const MAX_PANEL_WIDTH = 80;

export function deviceWidth(model: DeviceModel): number {
  // the model's screen, its border, the case's border
  return model.screen.columns + 4;
}

/** Rows from one key row to the next: big keys get a gap, so that their coloured blocks do not touch. */
export function keyPitch(keyHeight: 1 | 3): number {
  return keyHeight === 3 ? 4 : 1;
}

/** Case border, screen with its border, the LED row, the keypad. */
export function deviceHeight(model: DeviceModel, keyHeight: 1 | 3): number {
  const keypad = model.keypad.length * keyPitch(keyHeight) - (keyPitch(keyHeight) - keyHeight);
  return 2 + model.screen.rows + 2 + 1 + keypad;
}

/** The smallest terminal that holds the whole device and the help line, and the one that adds the panel. */
export function minimumSize(model: DeviceModel): { device: TerminalSize; panel: TerminalSize } {
  const device = { columns: deviceWidth(model), rows: deviceHeight(model, 1) + 1 };
  return { device, panel: { columns: device.columns + MIN_PANEL_WIDTH, rows: device.rows } };
}

/** What the UI shows instead of a clipped keypad. */
export function tooSmallText(columns: number, rows: number, model: DeviceModel): string {
  const { device, panel } = minimumSize(model);
  return [
    `This terminal is ${columns}×${rows}.`,
    `The clock needs at least ${device.columns}×${device.rows}`,
    `(${panel.columns}×${panel.rows} with the simulator panel,`,
    `80×24 or more is best).`,
    'Enlarge the window; q quits.',
  ].join('\n');
}

export function layoutFor(columns: number, rows: number, model: DeviceModel): Layout {
  const min = minimumSize(model).device;
  const body = Math.max(1, rows - 1);
  const keyHeight = body >= deviceHeight(model, 3) ? 3 : 1;
  const width = Math.min(columns, deviceWidth(model));
  const device = { top: 0, left: 0, width, height: Math.min(body, deviceHeight(model, keyHeight)) };
  const rest = columns - width;
  const panelWidth = Math.min(rest, MAX_PANEL_WIDTH);
  const panel = rest >= MIN_PANEL_WIDTH ? { top: 0, left: width, width: panelWidth, height: body } : undefined;
  const fits = columns >= min.columns && rows >= min.rows;
  return { device, panel, help: { top: body, left: 0, width: columns, height: 1 }, keyHeight, fits };
}
