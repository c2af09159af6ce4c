// The one description of the screen: a pure function from the machine's snapshot to what the device
// shows — status bar, text lines, the two online icons, LEDs and the beeper. Every UI and test reads it.
import type { SnapshotFrom } from 'xstate';
import type { ClockMachine } from './clock.machine.js';
import type { ClockContext } from './context.js';
import type { Outcome } from './identify.js';
import { PUNCH_STATE_LABELS, punchRuleLabel } from './punches.js';
import { formatClock, formatDate, formatTimestamp, weekday } from './time.js';
import type { Factor } from './verify.js';
import { menuPageLines } from './display.menu.js';
import { STORE_FAULT_TITLES } from './store-faults.js';

export type ClockSnapshot = SnapshotFrom<ClockMachine>;

/** An online icon's mark: none when fine, a red dot for a cloud that does not answer, an X when down. */
export type IconMark = 'none' | 'red-dot' | 'x';

export interface ScreenFrame {
  /** The screen state, e.g. `idle`, `result`, `menu.about`. */
  screen: string;
  /** Top-left menu icon (three lines). */
  menuIcon: boolean;
  /** Centre of the status bar: the time, or the page's title. */
  title: string;
  icons: { network: IconMark; cloud: IconMark };
  /** Body text, one entry a row, at most the model's columns wide. */
  lines: string[];
  leds: { green: boolean; red: boolean };
  beep: 'none' | 'ok' | 'error';
}

export function screenFrame(snapshot: ClockSnapshot): ScreenFrame {
  const context = snapshot.context;
  const screen = screenName(snapshot.value);
  const linkDown = snapshot.matches({ network: 'down' });
  const cloudOffline = snapshot.matches({ cloud: 'offline' });
  const outcome = screen === 'result' ? context.outcome : null;
  const good = outcome?.kind === 'thanks' || (outcome?.kind === 'message' && outcome.good);
  const { title, lines } = body(screen, context, !linkDown);
  const width = context.model.screen.columns;
  return {
    screen,
    menuIcon: showsMenuIcon(screen, context),
    title: title.slice(0, width - 8),
    icons: { network: linkDown ? 'x' : 'none', cloud: linkDown ? 'x' : cloudOffline ? 'red-dot' : 'none' },
    lines: lines.slice(0, context.model.screen.rows - 1).map((line) => line.slice(0, width)),
    leds: { green: outcome !== null && good, red: outcome !== null && !good },
    beep: outcome === null ? 'none' : good ? 'ok' : 'error',
  };
}

/**
 * The three lines at the top left show wherever the Menu key acts: the idle, ID entry and result screens
 * open the menu with it, and on a menu page it goes back to the menu's first page. Not while a person is
 * being verified, and not on the enrollment the cloud started, which has no menu behind it.
 */
function showsMenuIcon(screen: string, c: ClockContext): boolean {
  if (screen === 'idle' || screen === 'idEntry' || screen === 'result') return true;
  return screen.startsWith('menu.') && !c.menu.remote;
}

/** The frame as plain text, status bar first: what snapshots and headless runs print. */
export function frameText(frame: ScreenFrame, columns: number): string {
  const left = frame.menuIcon ? '≡ ' : '  ';
  const mark = (m: IconMark) => (m === 'x' ? 'x' : m === 'red-dot' ? '•' : ' ');
  const right = `⇄${mark(frame.icons.network)} ☁${mark(frame.icons.cloud)}`;
  const gap = Math.max(1, columns - left.length - frame.title.length - right.length);
  return [`${left}${frame.title}${' '.repeat(gap)}${right}`, ...frame.lines].join('\n');
}

function screenName(value: ClockSnapshot['value']): string {
  const screen = (value as { screen: string | Record<string, string> }).screen;
  if (typeof screen === 'string') return screen;
  const [parent, child] = Object.entries(screen)[0] ?? ['', ''];
  return `${parent}.${child}`;
}

function body(screen: string, c: ClockContext, linkUp: boolean): { title: string; lines: string[] } {
  const clock = formatClock(c.now);
  switch (screen) {
    case 'idle':
      return {
        title: clock,
        lines: [
          '',
          `  ${clock}`,
          `  ${weekday(c.now)} ${formatDate(c.now)}`,
          '',
          `  ${stateLabel(c)}`,
          // A clock that cannot store punches says so before anyone tries.
          c.storeFault === null ? '' : `! ${STORE_FAULT_TITLES[c.storeFault]}`,
          prompt(c),
        ],
      };
    case 'menuAuth':
      return { title: 'Menu', lines: ['Administrator verification', '', prompt(c)] };
    case 'idEntry':
      return {
        title: c.purpose === 'menu' ? 'Menu' : clock,
        lines: [
          c.purpose === 'menu' ? 'Administrator verification' : stateLabel(c),
          '',
          'Enter ID',
          `  ${c.entry}_`,
          '',
          'OK to confirm, ESC to cancel',
        ],
      };
    case 'verifying':
      return { title: clock, lines: ['', 'Verifying...'] };
    case 'busy':
      return { title: clock, lines: ['', 'Working...', '', 'The clock is busy', 'Please wait'] };
    case 'secondFactor':
      return { title: clock, lines: secondFactorLines(c) };
    case 'result':
      return { title: clock, lines: c.outcome ? outcomeLines(c.outcome, c) : [] };
    default:
      return menuPageLines(screen.replace(/^menu\./, ''), c, linkUp);
  }
}

function prompt(c: ClockContext): string {
  const ways = ['ID', c.model.readers.fingerprint ? 'finger' : '', c.model.readers.proximity ? 'card' : ''].filter(
    (w) => w !== '',
  );
  return `Enter ${ways.length > 1 ? `${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}` : ways[0]}`;
}

function stateLabel(c: ClockContext): string {
  if (c.chosenState !== null) return PUNCH_STATE_LABELS[c.chosenState];
  return punchRuleLabel(c.settings.punchStateRule, c.now);
}

const FACTOR_PROMPTS: Record<Factor, string> = {
  id: 'enter your ID',
  finger: 'place finger',
  card: 'tap card',
  password: 'enter password',
};

function secondFactorLines(c: ClockContext): string[] {
  const needs = c.session?.needs ?? [];
  const ask = needs.map((f) => FACTOR_PROMPTS[f]).join(' or ');
  const typing = needs.includes('id') || needs.includes('password');
  const shown = needs.includes('id') ? c.entry : '*'.repeat(c.entry.length);
  const notice = c.outcome ? (outcomeLines(c.outcome, c)[0] ?? '') : '';
  return [
    `ID ${c.session?.pin ?? ''}`,
    '',
    ask.charAt(0).toUpperCase() + ask.slice(1),
    typing ? `  ${shown}_` : '',
    '',
    notice === '' ? '' : `${notice}: try again`,
  ];
}

export function outcomeLines(outcome: Outcome, c: ClockContext): string[] {
  switch (outcome.kind) {
    case 'thanks':
      return [
        `Thank you, ${outcome.name}`,
        '',
        `${PUNCH_STATE_LABELS[outcome.state]}  ${formatTimestamp(outcome.time)}`,
      ];
    case 'already-punched':
      return ['Already punched', '', outcome.name];
    case 'unknown-user':
      return ['Unknown User'];
    case 'unknown-card':
      return ['Unknown card'];
    case 'verify-failed':
      return [outcome.reason === 'poor-image' ? 'Poor image' : 'Verification failed', '', 'Please try again'];
    case 'mode-refused':
      return ['Verify mode not allowed', '', `Use: ${outcome.allowed.map((f) => FACTOR_PROMPTS[f]).join(' or ')}`];
    case 'mode-unsupported':
      return ['Verify mode not supported', '', 'on this clock model'];
    case 'locked':
      return ['Keypad locked', '', `Try again in ${Math.max(1, Math.ceil((outcome.until - c.now) / 1000))} s`];
    case 'log-full':
      return ['Punch log full', '', 'Ask an administrator'];
    case 'not-stored':
      return [STORE_FAULT_TITLES[outcome.fault], '', 'Punch not saved', 'Tell an administrator'];
    case 'access-denied':
      return ['Access denied', '', 'Managers and administrators only'];
    case 'message':
      return [outcome.title, '', outcome.detail];
  }
}
