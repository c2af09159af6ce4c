// What the simulator panel's buttons and letters do to the clock: the finger and card pickers (pop-ups
// that hold the keyboard while open), the network cable, the cloud's line, turning the clock around, quit.
import type blessed from 'blessed';
import type { ScreenFrame } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { knownCards } from '../face/index.js';
import type { CloudControl } from './cloud-control.js';
import type { DeviceFace } from './device.js';
import { createFingerPicker } from './finger-picker.js';
import type { PanelAction } from './keymap.js';
import type { LogSink } from './log-sink.js';
import { openPicker, openPrompt } from './pickers.js';
import type { Theme } from './theme.js';

export interface PanelActionsOptions {
  clock: Clock;
  cloud: CloudControl;
  logs: LogSink;
  screen: blessed.Widgets.Screen;
  theme: Theme;
  device: DeviceFace;
  frame: () => ScreenFrame;
  /** One input's changes drawn once, when its handling is over. */
  batch: (fn: () => void) => void;
  render: () => void;
  refresh: () => void;
  quit: () => void;
}

export interface PanelActions {
  act(action: PanelAction): void;
  /** A pop-up is open and has the keyboard. */
  readonly modal: boolean;
}

export function createPanelActions(options: PanelActionsOptions): PanelActions {
  const { clock, cloud, logs, screen, theme, device, batch } = options;
  let modal = false;
  const popup = {
    screen,
    theme,
    closed: () => {
      modal = false;
      options.render();
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
    list('Tap a card', [...cards.map((c) => c.label), 'Type a card number…'], (index) => {
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
        clock.setLink(options.frame().icons.network === 'x');
        break;
      case 'cloud':
        // Restoring the cloud through an unplugged network would change nothing that shows: say so.
        if (options.frame().icons.network === 'x') logs.note('panel', 'the network is unplugged: plug it in first (n)');
        else cloud.setReachable(!cloud.status().reachable);
        break;
      case 'back':
        device.turnAround();
        options.refresh();
        break;
      case 'quit':
        options.quit();
        break;
    }
  };
  return {
    act,
    get modal() {
      return modal;
    },
  };
}
