// The terminal's keys mapped to the clock's keypad and to the simulator panel's actions, and the help
// line that shows that map. One table, so that the help can never disagree with the behaviour.
import type { Key } from '../../firmware/index.js';

export type PanelAction = 'finger' | 'poor-read' | 'card' | 'network' | 'cloud' | 'back' | 'quit';

export type UiAction = { kind: 'key'; key: Key } | { kind: 'panel'; action: PanelAction };

/** What blessed reports for a key press. */
export interface KeyPress {
  ch?: string | undefined;
  name?: string | undefined;
  ctrl?: boolean | undefined;
  meta?: boolean | undefined;
}

/** Terminal key names (blessed's) that press a keypad key. Enter is `enter` only: `\r` is reported twice. */
const KEYPAD_NAMES: Record<string, Key> = {
  enter: 'OK',
  escape: 'ESC',
  backspace: 'BACK',
  f1: 'F1',
  f2: 'F2',
  f3: 'F3',
  f4: 'F4',
  up: 'UP',
  down: 'DOWN',
};

/** Letters of the panel; `m` is the keypad's Menu key. */
export const PANEL_LETTERS: Record<PanelAction, string> = {
  finger: 'f',
  'poor-read': 'p',
  card: 'c',
  network: 'n',
  cloud: 's',
  back: 'b',
  quit: 'q',
};

const LETTER_ACTIONS = new Map(
  Object.entries(PANEL_LETTERS).map(([action, letter]) => [letter, action as PanelAction]),
);

export function actionFor(press: KeyPress): UiAction | undefined {
  if (press.ctrl && press.name === 'c') return { kind: 'panel', action: 'quit' };
  if (press.ctrl || press.meta) return undefined;
  if (press.ch !== undefined && /^[0-9]$/.test(press.ch)) return { kind: 'key', key: press.ch as Key };
  const keypad = press.name === undefined ? undefined : KEYPAD_NAMES[press.name];
  if (keypad) return { kind: 'key', key: keypad };
  if (press.ch === 'm') return { kind: 'key', key: 'MENU' };
  const action = press.ch === undefined ? undefined : LETTER_ACTIONS.get(press.ch);
  return action ? { kind: 'panel', action } : undefined;
}

const KEYPAD_HELP = ['0-9', 'Enter=OK', 'Esc', 'Bksp', 'F1-F4', '↑↓', 'm=Menu'];
const PANEL_HELP = ['f=finger', 'p=poor read', 'c=card', 'n=network', 's=cloud', 'b=back', 'q=quit'];

/** The key map in `width` columns: the roomiest of three forms that fits, cut as a last resort. */
export function helpLine(width: number, unicode: boolean): string {
  const bar = unicode ? '│' : '|';
  const forms = [
    [...KEYPAD_HELP, bar, ...PANEL_HELP].join('  '),
    [...KEYPAD_HELP, bar, ...PANEL_HELP.map((p) => p.replace(' read', ''))].join(' '),
    // The panel's buttons show their letters, so the narrowest form only says that letters act on it.
    [...KEYPAD_HELP, bar, 'f/p/c/n/s/b=panel', 'q=quit'].join(' '),
  ].map((form) => ` ${unicode ? form : form.replace('↑↓', 'Up/Dn')}`);
  return forms.find((form) => form.length <= width) ?? (forms.at(-1) ?? '').slice(0, width);
}
