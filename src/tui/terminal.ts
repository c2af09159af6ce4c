// The terminal the UI runs on: a terminfo entry blessed 0.1.81 can read, the screen built on it, and
// a guard that hands the terminal back (cooked mode, main screen, cursor, no mouse) however the process ends.
import type { Readable, Writable } from 'node:stream';
import blessed from 'blessed';
import { createTheme, type Theme } from './theme.js';

export interface TerminalChoice {
  /** The terminfo name blessed is given. */
  terminal: string;
  theme: Theme;
}

/**
 * Picks a terminfo entry blessed parses without error. ncurses 6 writes entries such as
 * `xterm-256color` in its 32-bit format, which blessed 0.1.81 cannot read ("Terminfo parse error"),
 * and entries it lacks send it to fallbacks that print compile errors; plain `xterm` is understood by
 * every terminal emulator and by tmux, so it is the fallback. TIMECLOCK_TERM overrides the choice.
 */
export function chooseTerminal(env: NodeJS.ProcessEnv = process.env): TerminalChoice {
  const candidates = [env.TIMECLOCK_TERM, env.TERM, 'xterm'].filter((t): t is string => !!t && t !== 'dumb');
  for (const terminal of candidates) {
    const colors = probeColors(terminal);
    if (colors !== undefined) return { terminal, theme: createTheme(colors >= 8 && !env.NO_COLOR, isUtf8(env)) };
  }
  return { terminal: 'xterm', theme: createTheme(!env.NO_COLOR, isUtf8(env)) };
}

/** A terminal that cannot move the cursor: the UI cannot be drawn there, the headless runner is used. */
export function isDumbTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.TIMECLOCK_TERM && (env.TERM === 'dumb' || env.TERM === 'unknown');
}

function isUtf8(env: NodeJS.ProcessEnv): boolean {
  return /utf-?8/i.test(env.LC_ALL || env.LC_CTYPE || env.LANG || '');
}

interface TerminfoReader {
  readTerminfo(terminal: string): { numbers: Record<string, number | undefined> };
}

/**
 * The entry's colour count, or undefined when blessed cannot read it. Only the file is parsed: a full
 * Tput compiles every capability (tens of milliseconds), and the screen will do that once anyway.
 */
function probeColors(terminal: string): number | undefined {
  const { Tput } = blessed as unknown as { Tput: new (options: object) => TerminfoReader };
  try {
    const info = new Tput({}).readTerminfo(terminal);
    return info.numbers.max_colors ?? -1;
  } catch {
    return undefined;
  }
}

export interface ScreenOptions {
  input: Readable;
  output: Writable;
  choice: TerminalChoice;
}

export function createScreen({ input, output, choice }: ScreenOptions): blessed.Widgets.Screen {
  const screen = blessed.screen({
    // @types/blessed swaps the stream types of input and output.
    input: input as unknown as Writable,
    output: output as unknown as Readable,
    terminal: choice.terminal,
    fullUnicode: choice.theme.unicode,
    smartCSR: true,
    autoPadding: true,
    // Warnings would be drawn over the clock; the terminal choice above already avoids the known one.
    warnings: false,
    title: 'timeclock-sim',
    // Ctrl-C must quit even while a prompt has the keyboard.
    ignoreLocked: ['C-c'],
  });
  oneMouseReportPerRead(screen);
  return screen;
}

/**
 * blessed 0.1.81 reads one mouse report per chunk of input, at its start: a click whose press and release
 * arrive in one read (a quick click, a terminal over ssh, tmux passing input on) lost its release, and
 * with it the click. Each SGR report (`ESC [ <`) is handed on as a chunk of its own.
 */
function oneMouseReportPerRead(screen: blessed.Widgets.Screen): void {
  const program = screen.program as unknown as { emit(event: string, ...args: unknown[]): boolean };
  const emit = program.emit.bind(program);
  program.emit = (event, ...args) => {
    const data = args[0];
    if (event !== 'data' || !Buffer.isBuffer(data)) return emit(event, ...args);
    let handled = false;
    for (const part of splitAt(data, SGR_MOUSE)) handled = emit('data', part) || handled;
    return handled;
  };
}

const SGR_MOUSE = Buffer.from('\x1b[<');

/** `data` cut before every occurrence of `marker` after its first byte. */
export function splitAt(data: Buffer, marker: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = data.indexOf(marker, 1); at > 0; at = data.indexOf(marker, at + 1)) {
    parts.push(data.subarray(start, at));
    start = at;
  }
  parts.push(data.subarray(start));
  return parts;
}

/** What the guard needs of the process: injected so that tests can raise a crash without one. */
export interface ProcessLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface GuardOptions {
  /** Restores the terminal; safe to call more than once. */
  restore: () => void;
  /** A clean stop (SIGTERM, SIGINT, SIGHUP): the same path as `q`. */
  quit: (signal: string) => void;
  /** After a crash, once the terminal is back: report and leave. */
  crashed: (error: unknown) => void;
  proc?: ProcessLike;
}

/** Installs the handlers; returns the function that removes them. */
export function guardTerminal({ restore, quit, crashed, proc = process }: GuardOptions): () => void {
  const onCrash = (error: unknown) => {
    restore();
    crashed(error);
  };
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'].map((signal) => [signal, () => quit(signal)] as const);
  proc.on('uncaughtException', onCrash);
  proc.on('unhandledRejection', onCrash);
  // 'exit' cannot wait for anything, but restoring is synchronous.
  proc.on('exit', restore);
  for (const [signal, handler] of signals) proc.on(signal, handler);
  return () => {
    proc.off('uncaughtException', onCrash);
    proc.off('unhandledRejection', onCrash);
    proc.off('exit', restore);
    for (const [signal, handler] of signals) proc.off(signal, handler);
  };
}

/**
 * Routes writes to process.stderr (Node warnings, a stray console.error) into `sink` while the UI is
 * up, so that nothing is written over the screen; returns the function that puts stderr back.
 */
export function captureStderr(sink: (text: string) => void): () => void {
  const original = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((arg): arg is () => void => typeof arg === 'function');
    done?.();
    return true;
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = original;
  };
}
