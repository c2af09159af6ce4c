// The terminal UI: a blessed screen with the device face and the simulator panel, wired to a running
// clock. Keys and clicks become clock inputs; every picture comes from the clock's screen frame.
import type { Readable, Writable } from 'node:stream';
import blessed from 'blessed';
import type { Key, ScreenFrame } from '../../firmware/index.js';
import { modelHasKey } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { CloudControl } from './cloud-control.js';
import { createDeviceFace, placeBox, type DeviceFace } from './device.js';
import { actionFor, helpLine } from './keymap.js';
import { layoutFor, tooSmallText } from './layout.js';
import type { LogSink } from './log-sink.js';
import { createSimulatorPanel, type PortalInfo, type SimulatorPanel } from './panel.js';
import { createPanelActions, type PanelActions } from './panel-actions.js';
import { punchLine, recentPunches } from '../face/index.js';
import type { Theme } from './theme.js';
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

/** One input may change the frame, the panel and a flash: draw once, when its handling is over. */
function batchedRender(screen: blessed.Widgets.Screen, destroyed: () => boolean) {
  let depth = 0;
  const render = () => {
    if (depth === 0 && !destroyed()) screen.render();
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
  return { render, batch };
}

interface Parts {
  screen: blessed.Widgets.Screen;
  clock: Clock;
  theme: Theme;
  device: DeviceFace;
  panel: SimulatorPanel;
  help: blessed.Widgets.BoxElement;
  tooSmall: blessed.Widgets.BoxElement;
}

/** Places every part for the terminal's size; below the minimum, the size is all there is. */
function arrange({ screen, clock, theme, device, panel, help, tooSmall }: Parts): void {
  const columns = screen.width as number;
  const rows = screen.height as number;
  const layout = layoutFor(columns, rows, clock.model);
  // A clipped keypad would hide keys without saying so.
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
}

/** The clock's facts, the cloud's changes and the log's lines, each drawn as it comes; returns the unsubscribers. */
function follow(
  options: TuiOptions,
  punches: string[],
  redraw: (frame?: ScreenFrame, changed?: boolean) => void,
  panel: SimulatorPanel,
) {
  const { clock, cloud, logs } = options;
  return [
    clock.on('frame.changed', (fact) => redraw(fact.frame)),
    // A punch is told after the screen that thanks for it (it is told once stored): draw the list again.
    clock.on('punch.recorded', ({ punch }) => {
      punches.push(punchLine(punch, clock.records));
      punches.splice(0, Math.max(0, punches.length - PUNCHES_SHOWN));
      redraw();
    }),
    cloud.onChange(() => redraw()),
    logs.onLine((line) => {
      panel.log(line);
      redraw(undefined, false);
    }),
  ];
}

/** The terminal's keys: the keypad's, the panel's letters, and Ctrl-C, which quits even over a pop-up. */
function listenForKeys(
  screen: blessed.Widgets.Screen,
  actions: PanelActions,
  press: (key: Key) => void,
  batch: (fn: () => void) => void,
  quit: () => void,
): void {
  screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg | undefined) => {
    const action = actionFor({ ch, name: key?.name, ctrl: key?.ctrl, meta: key?.meta });
    if (action?.kind === 'panel' && action.action === 'quit' && key?.ctrl) return quit();
    if (actions.modal || !action) return;
    if (action.kind === 'key') press(action.key);
    else batch(() => actions.act(action.action));
  });
}

/** Draws the device from the frame and the panel from the clock's, the cloud's and the punches' state. */
function refresher(
  options: TuiOptions,
  device: DeviceFace,
  panel: SimulatorPanel,
  punches: string[],
  current: () => ScreenFrame,
): () => void {
  return () => {
    const frame = current();
    device.show(frame);
    panel.update({
      linkUp: frame.icons.network !== 'x',
      cloudTarget: options.cloud.target,
      cloud: options.cloud.status(),
      punches,
      place: options.place,
      showingBack: device.showingBack,
    });
  };
}

export function openTui(options: TuiOptions): Tui {
  const { clock } = options;
  const choice = options.choice ?? chooseTerminal();
  const screen = createScreen({ input: options.input, output: options.output, choice });
  const theme = choice.theme;
  let frame: ScreenFrame = clock.frame();
  let destroyed = false;
  let endQuit: () => void = () => {};
  const quit = new Promise<void>((resolve) => (endQuit = resolve));
  const punches = recentPunches(clock.records, PUNCHES_SHOWN).map((p) => punchLine(p, clock.records));
  const { render, batch } = batchedRender(screen, () => destroyed);
  const press = (key: Key) => {
    if (!modelHasKey(clock.model, key)) return;
    batch(() => {
      device.flashKey(key);
      clock.press(key);
    });
  };
  const device = createDeviceFace({ screen, identity: clock, theme, timers: clock.source, onKey: press, render });
  const panel = createSimulatorPanel({
    screen,
    theme,
    fingerprint: clock.model.readers.fingerprint,
    portal: options.portal,
    onAction: (action) => batch(() => actions.act(action)),
    earlierLog: options.logs.recent(),
  });
  const help = blessed.box({ parent: screen, height: 1, style: theme.styles.help, tags: false });
  const tooSmall = blessed.box({ parent: screen, top: 0, left: 0, tags: false, hidden: true });
  const parts: Parts = { screen, clock, theme, device, panel, help, tooSmall };
  const refresh = refresher(options, device, panel, punches, () => frame);
  const actions = createPanelActions({
    ...options,
    screen,
    theme,
    device,
    frame: () => frame,
    batch,
    render,
    refresh,
    quit: () => endQuit(),
  });

  listenForKeys(screen, actions, press, batch, () => endQuit());
  // A new size places every part again.
  const redrawAll = () => {
    arrange(parts);
    refresh();
    render();
  };
  screen.on('resize', redrawAll);
  const unsubscribe = follow(
    options,
    punches,
    (next, changed = true) => {
      if (next) frame = next;
      if (changed) refresh();
      render();
    },
    panel,
  );

  redrawAll();
  return handle(screen, clock, device, quit, () => {
    if (destroyed) return;
    destroyed = true;
    for (const off of unsubscribe) off();
    screen.destroy();
    endQuit();
  });
}

function handle(
  screen: blessed.Widgets.Screen,
  clock: Clock,
  device: DeviceFace,
  quit: Promise<void>,
  destroy: () => void,
): Tui {
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
    destroy,
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
