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
    parent: screen,
    label: ` ${title} `,
    top: 'center',
    left: 'center',
    width: Math.max(
      title.length + 6,
      Math.min(screen.width as number, Math.max(...items.map((i) => i.length)) + 4, 64),
    ),
    height: Math.min(items.length + 2, Math.max(3, (screen.height as number) - 2)),
    items,
    border: 'line',
    keys: true,
    mouse: true,
    tags: false,
    style: { ...theme.styles.list, border: theme.styles.frame.border },
  });
  const close = () => {
    list.destroy();
    hooks.closed();
  };
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
    parent: screen,
    label: ` ${title} `,
    top: 'center',
    left: 'center',
    width: Math.min(screen.width as number, 40),
    height: 3,
    border: 'line',
    style: { border: theme.styles.frame.border },
    inputOnFocus: true,
  });
  box.on('submit', (value: string) => {
    box.destroy();
    hooks.closed();
    onSubmit(value.trim());
  });
  box.on('cancel', () => {
    box.destroy();
    hooks.closed();
  });
  box.focus();
  screen.render();
}
