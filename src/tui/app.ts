// The terminal UI: a blessed screen with the device face and the simulator panel, wired to a running
// clock. Keys and clicks become clock inputs; every picture comes from the clock's screen frame.
import type { Readable, Writable } from 'node:stream';
import blessed from 'blessed';
import type { Key, ScreenFrame } from '../../firmware/index.js';
import { modelHasKey } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { CloudControl } from './cloud-control.js';
import { createDeviceFace, placeBox } from './device.js';
import { actionFor, helpLine, type PanelAction } from './keymap.js';
import { layoutFor, tooSmallText } from './layout.js';
import type { LogSink } from './log-sink.js';
import { createSimulatorPanel, type PortalInfo } from './panel.js';
import { openPicker, openPrompt } from './pickers.js';
import { createFingerPicker } from './finger-picker.js';
import { knownCards, punchLine, recentPunches } from '../face/index.js';
import { chooseTerminal, createScreen, type TerminalChoice } from './terminal.js';

export interface TuiOptions {
  clock: Clock;
  cloud: CloudControl;
  logs: LogSink;
  /** Where the data lives, as the panel says it: a directory or `in memory`. */
  place: string;
  /** The embedded cloud's portal, when it runs: the panel shows its address whole. */
  portal?: PortalInfo | undefined;
  input: Readable;
  output: Writable;
  /** Default: chosen from the environment (see terminal.ts). */
  choice?: TerminalChoice;
}

export interface Tui {
  readonly screen: blessed.Widgets.Screen;
  /** Resolves when the user quits (q, Ctrl-C, the Quit button). */
  readonly quit: Promise<void>;
  /** The whole terminal as drawn, one string a row. */
  text(): string;
  /** The device's screen as drawn, border excluded. */
  deviceText(): string;
  /** The terminal cell of the device screen's first character (its top-left inside the border). */
  screenBox(): { x: number; y: number };
  /** Gives the terminal back; safe to call more than once. */
  destroy(): void;
}

const PUNCHES_SHOWN = 4;

export function openTui(options: TuiOptions): Tui {
  const { clock, cloud, logs } = options;
  const choice = options.choice ?? chooseTerminal();
  const screen = createScreen({ input: options.input, output: options.output, choice });
  const theme = choice.theme;
  let frame: ScreenFrame = clock.frame();
  let modal = false;
  let destroyed = false;
  let endQuit: () => void = () => {};
  const quit = new Promise<void>((resolve) => (endQuit = resolve));
  const punches = recentPunches(clock.records, PUNCHES_SHOWN).map((p) => punchLine(p, clock.records));

  // One input may change the frame, the panel and a flash: draw once, when its handling is over.
  let depth = 0;
  const render = () => {
    if (depth === 0 && !destroyed) screen.render();
  };
  const batch = (fn: () => void) => {
    depth += 1;
    try {
      fn();
    } finally {
      depth -= 1;
    }
    render();
  };
  const press = (key: Key) => {
    if (!modelHasKey(clock.model, key)) return;
    batch(() => {
      device.flashKey(key);
      clock.press(key);
    });
  };
  const device = createDeviceFace({
    screen,
    identity: clock,
    theme,
    timers: clock.source,
    onKey: press,
    render,
  });
  const panel = createSimulatorPanel({
    screen,
    theme,
    fingerprint: clock.model.readers.fingerprint,
    portal: options.portal,
    onAction: (action) => batch(() => act(action)),
    earlierLog: logs.recent(),
  });
  const help = blessed.box({ parent: screen, height: 1, style: theme.styles.help, tags: false });
  const tooSmall = blessed.box({ parent: screen, top: 0, left: 0, tags: false, hidden: true });

  const refresh = () => {
    device.show(frame);
    panel.update({
      linkUp: frame.icons.network !== 'x',
      cloudTarget: cloud.target,
      cloud: cloud.status(),
      punches,
      place: options.place,
      showingBack: device.showingBack,
    });
  };
  const arrange = () => {
    const columns = screen.width as number;
    const rows = screen.height as number;
    const layout = layoutFor(columns, rows, clock.model);
    // A clipped keypad would hide keys without saying so: below the minimum, the size is all there is.
    device.setVisible(layout.fits);
    help[layout.fits ? 'show' : 'hide']();
    tooSmall[layout.fits ? 'hide' : 'show']();
    if (!layout.fits) {
      placeBox(tooSmall, { top: 0, left: 0, width: columns, height: rows });
      tooSmall.setContent(tooSmallText(columns, rows, clock.model));
    }
    device.place(layout.device, layout.keyHeight);
    panel.place(layout.fits ? layout.panel : undefined);
    placeBox(help, layout.help);
    help.setContent(helpLine(layout.help.width, theme.unicode));
    refresh();
  };

  const popup = {
    screen,
    theme,
    closed: () => {
      modal = false;
      render();
    },
  };
  const reader = (run: () => void) =>
    batch(() => {
      try {
        run();
      } catch (error) {
        // A bad number typed in a prompt is the person's slip, not a crash: say it in the log pane.
        logs.note('panel', error instanceof Error ? error.message : String(error));
      }
    });
  const list = (title: string, items: string[], onPick: (index: number) => void) => {
    modal = true;
    openPicker(popup, title, items, onPick);
  };
  const pickFinger = createFingerPicker({
    ports: clock.records,
    pick: list,
    place: (finger, quality) => reader(() => clock.placeFinger(finger, quality)),
  });
  const pickCard = () => {
    const cards = knownCards(clock.records);
    modal = true;
    openPicker(popup, 'Tap a card', [...cards.map((c) => c.label), 'Type a card number…'], (index) => {
      const card = cards[index];
      if (card) return reader(() => clock.tapCard(card.card));
      modal = true;
      openPrompt(popup, 'Card number', (text) => reader(() => clock.tapCard(text)));
    });
  };
  const act = (action: PanelAction) => {
    if (modal) return;
    switch (action) {
      case 'finger':
      case 'poor-read':
        if (clock.model.readers.fingerprint) pickFinger(action === 'finger' ? 'good' : 'poor');
        break;
      case 'card':
        if (clock.model.readers.proximity) pickCard();
        break;
      case 'network':
        clock.setLink(frame.icons.network === 'x');
        break;
      case 'cloud':
        // Restoring the cloud through an unplugged network would change nothing that shows: say so.
        if (frame.icons.network === 'x') logs.note('panel', 'the network is unplugged: plug it in first (n)');
        else cloud.setReachable(!cloud.status().reachable);
        break;
      case 'back':
        device.turnAround();
        refresh();
        break;
      case 'quit':
        endQuit();
        break;
    }
  };

  screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg | undefined) => {
    const action = actionFor({ ch, name: key?.name, ctrl: key?.ctrl, meta: key?.meta });
    if (action?.kind === 'panel' && action.action === 'quit' && key?.ctrl) return endQuit();
    if (modal || !action) return;
    if (action.kind === 'key') press(action.key);
    else batch(() => act(action.action));
  });
  screen.on('resize', () => {
    arrange();
    render();
  });
  const unsubscribe = [
    clock.on('frame.changed', (fact) => {
      frame = fact.frame;
      refresh();
      render();
    }),
    // A punch is told after the screen that thanks for it (it is told once stored): draw the list again.
    clock.on('punch.recorded', ({ punch }) => {
      punches.push(punchLine(punch, clock.records));
      punches.splice(0, Math.max(0, punches.length - PUNCHES_SHOWN));
      refresh();
      render();
    }),
    cloud.onChange(() => {
      refresh();
      render();
    }),
    logs.onLine((line) => {
      panel.log(line);
      render();
    }),
  ];

  arrange();
  render();

  return {
    screen,
    quit,
    text: () => rowsOf(screen, 0, 0, screen.width as number, screen.height as number).join('\n'),
    screenBox: () => ({ x: Number(device.screenBox.aleft) + 1, y: Number(device.screenBox.atop) + 1 }),
    deviceText: () => {
      const box = device.screenBox;
      const { columns, rows } = clock.model.screen;
      return rowsOf(screen, Number(box.aleft) + 1, Number(box.atop) + 1, columns, rows).join('\n');
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const off of unsubscribe) off();
      screen.destroy();
      endQuit();
    },
  };
}

/** Characters of the drawn screen (blessed's cell buffer) in a rectangle, trailing spaces trimmed. */
function rowsOf(screen: blessed.Widgets.Screen, left: number, top: number, width: number, height: number): string[] {
  const lines = (screen as unknown as { lines: [unknown, string][][] }).lines;
  const rows: string[] = [];
  for (let y = top; y < top + height; y++) {
    const row = lines[y] ?? [];
    rows.push(
      row
        .slice(left, left + width)
        .map((cell) => cell[1])
        .join('')
        .trimEnd(),
    );
  }
  return rows;
}
