// A real blessed screen on in-memory streams at a fixed size, over a clock in virtual time with the demo
// company and the cloud `timeclock run` gives it (by default the embedded cloud on loopback HTTP, linked by
// the real sync link): tests type into the input stream and read the cells blessed drew.
import { PassThrough, Writable } from 'node:stream';
import { expect } from 'vitest';
import { connectMemoryCloud, type CloudLink } from '../../src/cli/cloud-link.js';
import { seedDemoCompany } from '../../src/cli/demo.js';
import { createLogger } from '../../src/log.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { createLogSink, createTheme, openTui, type LogSink, type PortalInfo, type Tui } from '../../src/tui/index.js';
import { closeAfterEach } from '../fixtures/after-each.js';

export const START = '2026-11-25T07:58:00';

export interface HarnessOptions {
  columns?: number;
  rows?: number;
  colors?: boolean;
  unicode?: boolean;
  device?: string;
  serialNumber?: string;
  /** `timeclock run --cloud`: `embedded` (the default), `none` or a PUSH server's URL. */
  cloud?: string;
  /** Instead of the portal `timeclock run` shows for the embedded cloud (its address, the first SysAdmin). */
  portal?: PortalInfo;
  /**
   * Return at power on, while the first handshake is still on the wire (the cloud icon's red dot). By
   * default the harness waits until the link is idle, as the clock is a moment after `timeclock run`.
   */
  atPowerOn?: boolean;
}

export interface Harness {
  clock: Clock;
  tui: Tui;
  logs: LogSink;
  /** The clock's cloud link, as `timeclock run` made it: its switch, its whenIdle(), the embedded cloud. */
  cloud: CloudLink;
  /** Everything blessed wrote to the terminal. */
  written(): string;
  /** The screen's text with what differs at every start masked: the embedded cloud's port, the SysAdmin's password. */
  stableText(): string;
  /** Writes raw terminal input: characters or escape sequences. */
  type(...chunks: string[]): void;
  /** A left click at a 0-based cell, as an SGR mouse report. */
  click(x: number, y: number): void;
  resize(columns: number, rows: number): void;
  close(): Promise<void>;
}

/** Terminal input for keys that have no character of their own. */
export const KEYS = {
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  f1: '\x1bOP',
  ctrlC: '\x03',
} as const;

export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  const input = new PassThrough();
  const chunks: string[] = [];
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }),
    { columns: options.columns ?? 80, rows: options.rows ?? 24 },
  );
  const logs = createLogSink({ clockTime: (time) => time.toISOString().slice(11, 19) });
  const logger = createLogger({ destination: logs, time: () => `${START}.000Z` });
  const clock = createClock({
    device: options.device ?? 'biometric',
    ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
    time: { virtual: START },
    logger,
  });
  seedDemoCompany(clock);
  const cloud = await connectMemoryCloud(clock, logger, options.cloud);
  const theme = createTheme(options.colors ?? true, options.unicode ?? true);
  // Nothing between connecting and here waits for I/O: the first handshake has not been answered yet.
  const tui = openTui({
    clock,
    cloud: cloud.control,
    logs,
    place: 'in memory',
    portal: options.portal ?? cloud.portal,
    input,
    output,
    choice: { terminal: 'xterm', theme },
  });
  if (!options.atPowerOn) {
    await cloud.whenIdle();
    // The log pane scrolls to its last line on the next turn (blessed's Log): let it, for a settled screen.
    await nextTurn();
  }
  return {
    clock,
    tui,
    logs,
    cloud,
    written: () => chunks.join(''),
    stableText() {
      let text = tui.text();
      const port = cloud.url && new URL(cloud.url).port;
      if (port) text = text.replaceAll(`:${port}`, `:${'#'.repeat(port.length)}`);
      const password = cloud.firstAccount?.password;
      if (password) text = text.replaceAll(password, '*'.repeat(password.length));
      return text;
    },
    type: (...keys) => {
      for (const key of keys) input.write(key);
    },
    click(x, y) {
      // SGR reports are 1-based: press, then release.
      input.write(`\x1b[<0;${x + 1};${y + 1}M`);
      input.write(`\x1b[<0;${x + 1};${y + 1}m`);
    },
    resize(columns, rows) {
      Object.assign(output, { columns, rows });
      output.emit('resize');
    },
    async close() {
      tui.destroy();
      await cloud.stop();
      clock.close();
      logs.close();
    },
  };
}

/** A harness for one test: opened as `openHarness` opens it, and closed after the test without a hook of the file's own. */
export async function openHarnessForTest(options: HarnessOptions = {}): Promise<Harness> {
  const h = await openHarness(options);
  closeAfterEach(() => h.close());
  return h;
}

/** The clock turned the attempt away: the device screen says `message` and no punch was recorded. */
export function expectRefused(h: Harness, message: string): void {
  expect(h.tui.deviceText()).toContain(message);
  expect(h.clock.punches()).toEqual([]);
}

/** The 0-based cell at the middle of the first place `text` is drawn on the screen. */
export function cellOf(tui: Tui, text: string): { x: number; y: number } {
  const rows = tui.text().split('\n');
  const y = rows.findIndex((row) => row.includes(text));
  if (y < 0) throw new Error(`"${text}" is not on the screen:\n${tui.text()}`);
  return { x: rows[y]!.indexOf(text) + Math.floor(text.length / 2), y };
}

/** The device's status bar: its first row. */
export function statusBar(tui: Tui): string {
  return tui.deviceText().split('\n')[0] ?? '';
}

/**
 * Lets blessed finish what it defers to the next tick: a text prompt starts reading keys only then, so
 * that the Enter that opened it is not read as its input. A turn of the event loop, not a sleep.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The attribute (colours, bold, inverse) of every drawn cell, row by row: what text alone does not show. */
export function attributes(tui: Tui): number[][] {
  const lines = (tui.screen as unknown as { lines: [number, string][][] }).lines;
  return lines.map((row) => row.map((cell) => cell[0]));
}

/** Chooses, in the pop-up list that has the keyboard, the first item that contains `text`: arrows, then Enter. */
export function choose(h: Harness, text: string): void {
  const list = h.tui.screen.focused as unknown as { ritems?: string[]; selected?: number };
  const items = list.ritems ?? [];
  const index = items.findIndex((item) => item.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in the list: ${items.join(' | ')}`);
  const moves = index - (list.selected ?? 0);
  for (let i = 0; i < Math.abs(moves); i++) h.type(moves > 0 ? KEYS.down : KEYS.up);
  h.type(KEYS.enter);
}

/** Opens the card reader's line for a typed card number (`c`, then its last item), ready for the digits. */
export async function openCardNumberLine(h: Harness): Promise<void> {
  h.type('c');
  choose(h, 'Type a card number');
  await nextTurn();
}
