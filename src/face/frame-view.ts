// The one picture of the clock's face, from its screen frame alone: the status bar's parts (menu icon,
// title, the gap, the two online icons and their marks), the body rows, the LEDs and the beeper. The
// terminal UI colours these parts and the web page draws them; neither lays out a row of its own.
import type { IconMark, ScreenFrame } from '../../firmware/index.js';

/** The characters a view draws the icons with: Unicode, or ASCII stand-ins on a plain terminal. */
export interface FaceGlyphs {
  menu: string;
  network: string;
  cloud: string;
  dot: string;
  x: string;
}

export const UNICODE_FACE_GLYPHS: FaceGlyphs = { menu: '≡', network: '⇄', cloud: '☁', dot: '•', x: 'x' };

/** One online icon: its glyph, and the mark after it (one character: a space when all is well). */
export interface IconPart {
  glyph: string;
  mark: string;
  state: IconMark;
}

export interface StatusParts {
  /** The menu icon and the space after it, or two spaces when the screen has none. */
  menu: string;
  title: string;
  /** Spaces between the title and the icons, so that the bar is the screen's width. */
  gap: number;
  network: IconPart;
  cloud: IconPart;
}

export interface FaceView {
  /** The screen's state name (`idle`, `result`, `menu.about`). */
  screen: string;
  columns: number;
  rows: number;
  menuIcon: boolean;
  status: StatusParts;
  /** The body's rows, padded with empty rows to `rows - 1`, so that old text is always overwritten. */
  lines: string[];
  leds: { green: boolean; red: boolean };
  beep: ScreenFrame['beep'];
}

function iconPart(glyph: string, state: IconMark, glyphs: FaceGlyphs): IconPart {
  return { glyph, state, mark: state === 'x' ? glyphs.x : state === 'red-dot' ? glyphs.dot : ' ' };
}

/** The status bar's parts, `columns` wide: the same layout as the firmware's frameText. */
export function statusParts(frame: ScreenFrame, columns: number, glyphs: FaceGlyphs): StatusParts {
  const menu = frame.menuIcon ? `${glyphs.menu} ` : '  ';
  const rightWidth = glyphs.network.length + glyphs.cloud.length + 3;
  const title = frame.title.slice(0, Math.max(0, columns - menu.length - rightWidth - 1));
  return {
    menu,
    title,
    gap: Math.max(1, columns - menu.length - title.length - rightWidth),
    network: iconPart(glyphs.network, frame.icons.network, glyphs),
    cloud: iconPart(glyphs.cloud, frame.icons.cloud, glyphs),
  };
}

export function faceView(
  frame: ScreenFrame,
  size: { columns: number; rows: number },
  glyphs: FaceGlyphs = UNICODE_FACE_GLYPHS,
): FaceView {
  const lines = frame.lines.slice(0, size.rows - 1);
  while (lines.length < size.rows - 1) lines.push('');
  return {
    screen: frame.screen,
    columns: size.columns,
    rows: size.rows,
    menuIcon: frame.menuIcon,
    status: statusParts(frame, size.columns, glyphs),
    lines,
    leds: { ...frame.leds },
    beep: frame.beep,
  };
}

/** The status bar as plain text. */
export function statusText(status: StatusParts): string {
  const icon = (part: IconPart) => `${part.glyph}${part.mark}`;
  return `${status.menu}${status.title}${' '.repeat(status.gap)}${icon(status.network)} ${icon(status.cloud)}`;
}

/** What every view shows on the screen, one string a row, trailing spaces trimmed: the views' common test. */
export function faceRows(view: FaceView): string[] {
  return [statusText(view.status), ...view.lines].map((row) => row.trimEnd());
}

/**
 * The frame says a sound is due for as long as a result shows; a view plays it once, when the result
 * appears (after a screen without one, or when the result's text changes).
 */
export function beepIsFresh(previous: ScreenFrame | FaceView | undefined, next: ScreenFrame | FaceView): boolean {
  if (next.beep === 'none') return false;
  return previous?.beep === 'none' || previous?.lines.join('\n') !== next.lines.join('\n');
}
