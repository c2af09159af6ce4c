// The simulator panel beside the device: the buttons that act on the clock from outside (readers,
// network, cloud, turning it around), the link and cloud state, the last punches and the live log.
import blessed from 'blessed';
import type { CloudStatus } from './cloud-control.js';
import { placeBox } from './device.js';
import { PANEL_LETTERS, type PanelAction } from './keymap.js';
import type { Area } from './layout.js';
import type { Theme } from './theme.js';

/** What the panel shows; every field comes from the frame, the cloud control or the store. */
export interface PanelView {
  /** From the frame's network icon. */
  linkUp: boolean;
  cloudTarget: string;
  cloud: CloudStatus;
  /** Oldest first. */
  punches: string[];
  /** Where the data lives: a directory, or `in memory`. */
  place: string;
  showingBack: boolean;
}

export interface SimulatorPanel {
  place(area: Area | undefined): void;
  update(view: PanelView): void;
  log(line: string): void;
}

/** The embedded cloud's portal, for people: its address, and where the first SysAdmin's password is. */
export interface PortalInfo {
  /** The portal's address, shown whole: `http://127.0.0.1:8081/`. */
  url: string;
  /** Said when this start made the first SysAdmin: who it is and where its password is kept. */
  firstAccount?: { username: string; password: string; file: string | undefined } | undefined;
}

export interface PanelOptions {
  screen: blessed.Widgets.Screen;
  theme: Theme;
  portal?: PortalInfo | undefined;
  /** Without a fingerprint reader the finger buttons are left out. */
  fingerprint: boolean;
  onAction: (action: PanelAction) => void;
  /** Lines logged before the panel existed. */
  earlierLog: string[];
}

const PUNCH_ROWS = 4;

export function createSimulatorPanel(options: PanelOptions): SimulatorPanel {
  const parts = panelBoxes(options);
  const { box, status, portal, punches, log } = parts;
  let view: PanelView | undefined;
  let shown = '';
  let area: Area | undefined;
  let statusRows = 3;

  const arrange = () => {
    if (!area) return;
    const inner = area.width - 2;
    const top = flowButtons(parts.buttons, view, options.theme, inner);
    placeBox(status, { top, left: 1, width: inner - 1, height: statusRows });
    const portalLines = options.portal ? portalText(options.portal, inner - 1) : [];
    portal.setContent(portalLines.join('\n'));
    placeBox(portal, { top: top + statusRows, left: 1, width: inner - 1, height: portalLines.length });
    const above = top + statusRows + portalLines.length;
    placeBox(punches, { top: above, left: 0, width: inner, height: PUNCH_ROWS + 2 });
    const height = Math.min(area.height, above + PUNCH_ROWS + 2 + 2);
    placeBox(box, { ...area, height });
    placeBox(log, { top: area.top + height, left: area.left, width: area.width, height: area.height - height });
  };

  return {
    place(next) {
      area = next;
      shown = '';
      for (const el of [box, log]) el[next ? 'show' : 'hide']();
      arrange();
    },
    update(next) {
      // Called on every frame; the panel itself changes far less often.
      const key = JSON.stringify(next);
      if (key === shown) return;
      shown = key;
      view = next;
      const lines = statusLines(next, (area?.width ?? 40) - 3);
      statusRows = lines.length;
      status.setContent(lines.join('\n'));
      punches.setContent(next.punches.length ? next.punches.slice(-PUNCH_ROWS).join('\n') : '(none yet)');
      arrange();
    },
    log(line) {
      log.add(line);
    },
  };
}

type Box = blessed.Widgets.BoxElement;

/** The panel's boxes: its frame with the buttons, the status, the portal and the last punches; the log below. */
interface PanelBoxes {
  box: Box;
  buttons: Map<PanelAction, Box>;
  status: Box;
  portal: Box;
  punches: Box;
  log: blessed.Widgets.Log;
}

function panelBoxes(options: PanelOptions): PanelBoxes {
  const { screen, theme } = options;
  const box = blessed.box({ parent: screen, label: ' Simulator ', border: 'line', style: theme.styles.frame });
  const actions: PanelAction[] = ['finger', 'poor-read', 'card', 'network', 'cloud', 'back', 'quit'].filter(
    (a) => options.fingerprint || (a !== 'finger' && a !== 'poor-read'),
  ) as PanelAction[];
  const buttons = new Map<PanelAction, Box>();
  for (const action of actions) {
    const button = blessed.box({ parent: box, height: 1, style: theme.styles.button });
    button.on('click', () => options.onAction(action));
    buttons.set(action, button);
  }
  const status = blessed.box({ parent: box, left: 1, height: 3, tags: false, wrap: false });
  // Its own box, apart from the status lines: an address that is cut or wrapped mid-word cannot be copied.
  const portal = blessed.box({ parent: box, left: 1, height: 0, tags: false, wrap: false });
  const punches = blessed.box({
    parent: box,
    left: 0,
    height: PUNCH_ROWS + 2,
    label: ' Last punches ',
    border: 'line',
    style: theme.styles.frame,
  });
  // The log is the panel's largest part and sits beside the box, not in it: blessed paints every cell of
  // every box on each render, and a box inside another is painted twice.
  const log = blessed.log({
    parent: screen,
    label: ' Log ',
    border: 'line',
    style: theme.styles.frame,
    tags: false,
    scrollback: 500,
    scrollable: true,
    mouse: true,
  });
  for (const line of options.earlierLog) log.add(line);
  return { box, buttons, status, portal, punches, log };
}

/** The cloud cannot be restored through an unplugged network: the button says so instead of doing nothing. */
function cloudBlocked(view: PanelView | undefined): boolean {
  return view?.linkUp === false;
}

function buttonLabel(action: PanelAction, view: PanelView | undefined): string {
  const words: Record<PanelAction, string> = {
    finger: 'Finger',
    'poor-read': 'Poor read',
    card: 'Card',
    network: view?.linkUp === false ? 'Plug network' : 'Unplug network',
    cloud: cloudBlocked(view)
      ? 'Cloud: plug the network first'
      : view?.cloud.reachable
        ? 'Break cloud'
        : 'Restore cloud',
    back: view?.showingBack ? 'Front' : 'Back of clock',
    quit: 'Quit',
  };
  return ` ${PANEL_LETTERS[action]} ${words[action]} `;
}

/** Buttons flow left to right and wrap; returns the rows they took. */
function flowButtons(buttons: Map<PanelAction, Box>, view: PanelView | undefined, theme: Theme, width: number): number {
  let x = 0;
  let y = 0;
  for (const [action, button] of buttons) {
    const label = buttonLabel(action, view);
    if (x > 0 && x + label.length > width) {
      x = 0;
      y += 1;
    }
    button.setContent(label);
    button.style = action === 'cloud' && cloudBlocked(view) ? theme.styles.buttonDisabled : theme.styles.button;
    placeBox(button, { top: y, left: x, width: label.length, height: 1 });
    x += label.length + 1;
  }
  return y + 1;
}

/** The network, the cloud (and its upload, when off) and where the data lives, each cut to the width. */
function statusLines(view: PanelView, width: number): string[] {
  const lines = [
    `Network  ${view.linkUp ? 'plugged in' : 'unplugged'}`,
    `Cloud    ${view.cloudTarget}: ${view.cloud.detail}`,
    ...(view.cloud.attendanceUpload === false ? uploadOffLines(width) : []),
    `Data     ${view.place}`,
  ];
  return lines.map((line) => fit(line, width));
}

/**
 * `Portal   http://127.0.0.1:8081/` and the first SysAdmin with the command that prints its password, at
 * every start while the password file is there (in memory there is no file: the password itself, which
 * lives as long as the process). The password stays off the screen, which others may see.
 * Long values wrap onto rows of their own, whole, rather than being cut.
 */
export function portalText(portal: PortalInfo, width: number): string[] {
  const lines = labelled('Portal', [portal.url], width);
  const account = portal.firstAccount;
  if (account) {
    const where =
      account.file === undefined
        ? [`${account.username} / ${account.password}`, '(in memory only)']
        : [`${account.username}, password:`, `cat ${account.file}`];
    lines.push(...labelled('Sign in', where, width));
  }
  return lines;
}

const LABEL_WIDTH = 9;

/** Words after a label; a word too long for the row after the label gets a row of its own, broken only if it must. */
function labelled(label: string, words: string[], width: number): string[] {
  const rows: string[] = [];
  let row = label.padEnd(LABEL_WIDTH);
  for (const word of words) {
    const gap = row.trim() === '' || row.length === LABEL_WIDTH ? '' : ' ';
    if (row.length + gap.length + word.length <= width) {
      row += gap + word;
      continue;
    }
    if (row.trim() !== '') rows.push(row);
    row = '';
    for (let i = 0; i < word.length; i += width) {
      const piece = word.slice(i, i + width);
      if (piece.length === width) rows.push(piece);
      else row = piece;
    }
  }
  if (row !== '') rows.push(row);
  return rows;
}

/**
 * "Online, but no attendance arrives": the server's TransFlag leaves out AttLog. Under the cloud line, on
 * two lines when one would be cut, since fit() cuts in the middle and this is the part that must be read.
 */
function uploadOffLines(width: number): string[] {
  const indent = ' '.repeat('Cloud    '.length);
  const whole = `${indent}attendance upload: off (server's TransFlag)`;
  return whole.length <= width ? [whole] : [`${indent}attendance upload: off`, `${indent}(server's TransFlag)`];
}

/** A line cut to `width` in its middle, where a long path or URL says least. */
export function fit(line: string, width: number): string {
  if (line.length <= width) return line;
  const keep = Math.max(0, width - 1);
  const head = Math.ceil(keep / 2);
  return `${line.slice(0, head)}…${line.slice(line.length - (keep - head))}`;
}
