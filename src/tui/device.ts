// The device in blessed: the screen box, the LEDs and the beeper, the keypad laid out from the model's
// rows (each key clickable), and the label on the back. It draws what it is given and owns no clock state.
import blessed from 'blessed';
import type { Key, ScreenFrame } from '../../firmware/index.js';
import { beepIsFresh } from '../face/index.js';
import { backLabelLines, beeperText, ledsText, screenLines, type ClockIdentity } from './face-text.js';
import { keyPitch, type Area } from './layout.js';
import type { Theme } from './theme.js';

type Box = blessed.Widgets.BoxElement;

/** Timers for the flashes: the clock's own time source, so that virtual-time tests see them end. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export interface DeviceOptions {
  screen: blessed.Widgets.Screen;
  identity: ClockIdentity;
  theme: Theme;
  timers: Timers;
  /** A keypad key was clicked, or the menu icon on the screen (the Menu key). */
  onKey: (key: Key) => void;
  /** The picture changed outside a frame (a flash ended): draw again. */
  render: () => void;
}

export interface DeviceFace {
  readonly screenBox: Box;
  readonly showingBack: boolean;
  show(frame: ScreenFrame): void;
  /** The key lights up for a moment, whether pressed with the mouse or the keyboard. */
  flashKey(key: Key): void;
  turnAround(): void;
  place(area: Area, keyHeight: 1 | 3): void;
  /** Hidden while the terminal is too small for it. */
  setVisible(visible: boolean): void;
}

const BEEP_MS = 300;
/** The icon and the space after it: a click a cell off the glyph still means it. */
const MENU_ICON_WIDTH = 2;
const KEY_FLASH_MS = 120;

export function createDeviceFace(options: DeviceOptions): DeviceFace {
  const { identity, theme } = options;
  const { columns, rows } = identity.model.screen;
  const parts = deviceBoxes(options);
  const { caseBox, screenBox, leds, beeper, keys, back } = parts;
  let lastFrame: ScreenFrame | undefined;
  let showingBack = false;
  // The three lines at the top left are the clock's way into the menu, as the support article says: a
  // click on them is the Menu key, on every screen that shows them.
  screenBox.on('click', (mouse: blessed.Widgets.Events.IMouseEventArg) => {
    const x = mouse.x - Number(screenBox.aleft) - 1;
    const y = mouse.y - Number(screenBox.atop) - 1;
    if (lastFrame?.menuIcon && y === 0 && x >= 0 && x < MENU_ICON_WIDTH) options.onKey('MENU');
  });
  const sound = beeperSound(beeper, options);

  return {
    screenBox,
    get showingBack() {
      return showingBack;
    },
    show(frame) {
      screenBox.setContent(screenLines(frame, columns, rows, theme).join('\n'));
      leds.setContent(ledsText(frame, theme));
      if (beepIsFresh(lastFrame, frame)) sound(frame.beep);
      lastFrame = frame;
    },
    flashKey: keyFlasher(keys, options),
    turnAround() {
      showingBack = !showingBack;
      for (const el of [screenBox, leds, beeper, ...keys.values()]) el[showingBack ? 'hide' : 'show']();
      back[showingBack ? 'show' : 'hide']();
      caseBox.setLabel(showingBack ? ` back of ${identity.model.displayName} ` : ` ${identity.model.displayName} `);
    },
    setVisible(visible) {
      caseBox[visible ? 'show' : 'hide']();
    },
    place: (area, keyHeight) => placeDevice(parts, identity, area, keyHeight),
  };
}

/** The device's boxes: the case, the screen, the LEDs and the beeper, a box per key, the label on the back. */
interface DeviceBoxes {
  caseBox: Box;
  screenBox: Box;
  leds: Box;
  beeper: Box;
  keys: Map<Key, Box>;
  back: Box;
}

function deviceBoxes({ screen, identity, theme, onKey }: DeviceOptions): DeviceBoxes {
  const { columns, rows } = identity.model.screen;
  const caseBox = blessed.box({
    parent: screen,
    label: ` ${identity.model.displayName} `,
    border: 'line',
    style: theme.styles.frame,
    tags: true,
  });
  const screenBox = blessed.box({
    parent: caseBox,
    top: 0,
    width: columns + 2,
    height: rows + 2,
    border: 'line',
    tags: true,
    // blessed 0.1.81 wraps a full-width line that ends in a closing tag; frame lines are never too long.
    wrap: false,
    style: theme.styles.screen,
  });
  const leds = blessed.box({ parent: caseBox, top: rows + 2, left: 1, height: 1, width: 20, tags: true });
  const beeper = blessed.box({ parent: caseBox, top: rows + 2, right: 1, height: 1, width: 12, tags: true });
  beeper.setContent(beeperText('none', false, theme));
  const keys = new Map<Key, Box>();
  for (const key of identity.model.keypad.flat()) {
    const box = blessed.box({
      parent: caseBox,
      tags: true,
      align: 'center',
      valign: 'middle',
      style: theme.styles.key,
    });
    box.setContent(keyLabel(key, theme));
    box.on('click', () => onKey(key));
    keys.set(key, box);
  }
  const back = blessed.box({
    parent: caseBox,
    top: 1,
    left: 0,
    width: columns + 2,
    height: 13,
    border: 'line',
    label: ' label ',
    padding: { left: 1 },
    tags: true,
    hidden: true,
    content: backLabelLines(identity).join('\n'),
  });
  return { caseBox, screenBox, leds, beeper, keys, back };
}

/** The beeper shows a beep for a moment; a new beep restarts the moment. */
function beeperSound(beeper: Box, { theme, timers, render }: DeviceOptions): (beep: ScreenFrame['beep']) => void {
  let beepTimer: number | undefined;
  return (beep) => {
    if (beepTimer !== undefined) timers.clearTimeout(beepTimer);
    beeper.setContent(beeperText(beep, true, theme));
    beepTimer = timers.setTimeout(() => {
      beepTimer = undefined;
      beeper.setContent(beeperText(beep, false, theme));
      render();
    }, BEEP_MS);
  };
}

/** A key lights up for a moment; pressed again meanwhile, its moment starts again. */
function keyFlasher(keys: Map<Key, Box>, { theme, timers, render }: DeviceOptions): (key: Key) => void {
  const keyStyle = theme.styles.key;
  const keyTimers = new Map<Key, number>();
  return (key) => {
    const box = keys.get(key);
    if (!box) return;
    const pending = keyTimers.get(key);
    if (pending !== undefined) timers.clearTimeout(pending);
    box.style = { ...keyStyle, ...theme.styles.keyPressed };
    keyTimers.set(
      key,
      timers.setTimeout(() => {
        keyTimers.delete(key);
        box.style = keyStyle;
        render();
      }, KEY_FLASH_MS),
    );
  };
}

/** The case in its area, the screen (or the back) centred in it, and the keypad's rows under the screen. */
function placeDevice(parts: DeviceBoxes, identity: ClockIdentity, area: Area, keyHeight: 1 | 3): void {
  const { columns, rows } = identity.model.screen;
  placeBox(parts.caseBox, area);
  const inner = area.width - 2;
  // Both from the same number: an element's `left` reads back relative to its parent's outer edge,
  // one more than it was given inside a border, and copying it pushed the label over the case's border.
  const left = Math.max(0, Math.floor((inner - (columns + 2)) / 2));
  parts.screenBox.left = left;
  parts.back.left = left;
  const columnsOfKeys = Math.max(...identity.model.keypad.map((row) => row.length));
  const keyWidth = Math.max(3, Math.min(9, Math.floor((inner - (columnsOfKeys - 1)) / columnsOfKeys)));
  const keypadWidth = columnsOfKeys * keyWidth + columnsOfKeys - 1;
  const keypadLeft = Math.max(0, Math.floor((inner - keypadWidth) / 2));
  identity.model.keypad.forEach((row, r) =>
    row.forEach((key, k) => {
      const box = parts.keys.get(key);
      if (!box) return;
      placeBox(box, {
        top: rows + 3 + r * keyPitch(keyHeight),
        left: keypadLeft + k * (keyWidth + 1),
        width: keyWidth,
        height: keyHeight,
      });
    }),
  );
}

export function placeBox(box: blessed.Widgets.BlessedElement, area: Area): void {
  box.top = area.top;
  box.left = area.left;
  box.width = area.width;
  box.height = area.height;
}

function keyLabel(key: Key, theme: Theme): string {
  const g = theme.glyphs;
  const labels: Partial<Record<Key, string>> = {
    MENU: theme.unicode ? `${g.menu} Menu` : 'Menu',
    UP: g.up,
    DOWN: g.down,
    BACK: g.back,
    ESC: 'Esc',
  };
  const label = labels[key] ?? key;
  // Without colour a one-row key has no background to show its edges: brackets do it.
  return theme.colors ? label : `[${label}]`;
}
