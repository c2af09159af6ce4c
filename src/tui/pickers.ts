// The panel's pop-ups: a list to choose a finger or a card from, and a line to type a card number in.
// While one is open it has the keyboard; the app's own keys wait (see `modal` in app.ts).
import blessed from 'blessed';
import type { Theme } from './theme.js';

export interface PopupHooks {
  screen: blessed.Widgets.Screen;
  theme: Theme;
  /** Called once the pop-up is gone, chosen or cancelled. */
  closed: () => void;
}

/** A list of choices: arrows and Enter, or a click to highlight and a second click to choose; Esc cancels. */
export function openPicker(hooks: PopupHooks, title: string, items: string[], onPick: (index: number) => void): void {
  const { screen, theme } = hooks;
  const list = blessed.list({
    ...framed(hooks, title),
    width: Math.max(
      title.length + 6,
      Math.min(screen.width as number, Math.max(...items.map((i) => i.length)) + 4, 64),
    ),
    height: Math.min(items.length + 2, Math.max(3, (screen.height as number) - 2)),
    items,
    keys: true,
    mouse: true,
    tags: false,
    style: { ...theme.styles.list, border: theme.styles.frame.border },
  });
  const close = closer(hooks, list);
  list.on('select', (_item, index) => {
    close();
    onPick(index);
  });
  list.key(['escape', 'q'], close);
  list.focus();
  screen.render();
}

/** One line of input, e.g. a card number; Enter submits, Esc cancels. */
export function openPrompt(hooks: PopupHooks, title: string, onSubmit: (text: string) => void): void {
  const { screen, theme } = hooks;
  const box = blessed.textbox({
    ...framed(hooks, title),
    width: Math.min(screen.width as number, 40),
    height: 3,
    style: { border: theme.styles.frame.border },
    inputOnFocus: true,
  });
  const close = closer(hooks, box);
  box.on('submit', (value: string) => {
    close();
    onSubmit(value.trim());
  });
  box.on('cancel', close);
  box.focus();
  screen.render();
}

/** Every pop-up is framed and titled in the middle of the screen. */
function framed(hooks: PopupHooks, title: string) {
  return { parent: hooks.screen, label: ` ${title} `, top: 'center', left: 'center', border: 'line' } as const;
}

/** Takes the pop-up off the screen and gives the keyboard back to the app. */
function closer(hooks: PopupHooks, popup: blessed.Widgets.BlessedElement): () => void {
  return () => {
    popup.destroy();
    hooks.closed();
  };
}
