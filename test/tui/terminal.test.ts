// The terminal setting blessed can read, the theme it implies, and the guard that gives the terminal back.
import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import blessed from 'blessed';
import { describe, expect, it, vi } from 'vitest';
import { chooseTerminal, guardTerminal, isDumbTerminal } from '../../src/tui/terminal.js';
import { createScreen } from '../../src/tui/terminal.js';
import { createTheme } from '../../src/tui/theme.js';

/** Whether blessed reads the entry without falling back (the fallback is what prints "Terminfo parse error"). */
function blessedReads(terminal: string): boolean {
  const { Tput } = blessed as unknown as { Tput: new (o: { terminal: string }) => { error: Error | null } };
  const quiet = console.error;
  console.error = () => {};
  try {
    return new Tput({ terminal }).error === null;
  } finally {
    console.error = quiet;
  }
}

describe('chooseTerminal', () => {
  it('picks an entry blessed reads when TERM is xterm-256color (ncurses 6 writes it in a format blessed cannot read)', () => {
    const choice = chooseTerminal({ TERM: 'xterm-256color', LANG: 'C.UTF-8' });

    expect(['xterm-256color', 'xterm']).toContain(choice.terminal);
    expect(blessedReads(choice.terminal)).toBe(true);
  });

  it('falls back to xterm for an unknown TERM and for none', () => {
    expect(chooseTerminal({ TERM: 'no-such-terminal' }).terminal).toBe('xterm');
    expect(chooseTerminal({}).terminal).toBe('xterm');
  });

  it('takes TIMECLOCK_TERM over TERM', () => {
    expect(chooseTerminal({ TERM: 'xterm-256color', TIMECLOCK_TERM: 'vt100' }).terminal).toBe('vt100');
  });

  it('drops colours on a terminal without them and when NO_COLOR is set', () => {
    expect(chooseTerminal({ TERM: 'vt100' }).theme.colors).toBe(false);
    expect(chooseTerminal({ TERM: 'xterm', NO_COLOR: '1' }).theme.colors).toBe(false);
    expect(chooseTerminal({ TERM: 'xterm' }).theme.colors).toBe(true);
  });

  it('uses Unicode glyphs only in a UTF-8 locale', () => {
    expect(chooseTerminal({ TERM: 'xterm', LANG: 'C.UTF-8' }).theme.glyphs.cloud).toBe('☁');
    expect(chooseTerminal({ TERM: 'xterm', LANG: 'C' }).theme.glyphs.cloud).toBe('C');
    expect(chooseTerminal({ TERM: 'xterm', LANG: 'C', LC_ALL: 'en_US.utf8' }).theme.unicode).toBe(true);
  });

  it('calls a dumb terminal dumb', () => {
    expect(isDumbTerminal({ TERM: 'dumb' })).toBe(true);
    expect(isDumbTerminal({ TERM: 'xterm' })).toBe(false);
  });
});

describe('guardTerminal', () => {
  function fakeProcess() {
    return new EventEmitter() as EventEmitter & { on: EventEmitter['on']; off: EventEmitter['off'] };
  }

  it('restores the terminal before reporting an uncaught exception', () => {
    const proc = fakeProcess();
    const calls: string[] = [];
    guardTerminal({ proc, restore: () => calls.push('restore'), quit: () => {}, crashed: () => calls.push('crashed') });

    proc.emit('uncaughtException', new Error('bug'));

    expect(calls).toEqual(['restore', 'crashed']);
  });

  it('does the same for an unhandled rejection', () => {
    const proc = fakeProcess();
    const crashed = vi.fn();
    const restore = vi.fn();
    guardTerminal({ proc, restore, quit: () => {}, crashed });

    proc.emit('unhandledRejection', new Error('lost promise'));

    expect(restore).toHaveBeenCalledOnce();
    expect(crashed).toHaveBeenCalledWith(new Error('lost promise'));
  });

  it('turns SIGTERM, SIGINT and SIGHUP into a clean quit', () => {
    const proc = fakeProcess();
    const quit = vi.fn();
    guardTerminal({ proc, restore: () => {}, quit, crashed: () => {} });

    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) proc.emit(signal);

    expect(quit.mock.calls).toEqual([['SIGTERM'], ['SIGINT'], ['SIGHUP']]);
  });

  it('removes every handler it installed', () => {
    const proc = fakeProcess();
    const unguard = guardTerminal({ proc, restore: () => {}, quit: () => {}, crashed: () => {} });

    unguard();

    expect(proc.eventNames()).toEqual([]);
  });
});

describe('a destroyed screen', () => {
  it('leaves raw mode, the alternate screen and mouse reporting, and shows the cursor', async () => {
    const input = Object.assign(new PassThrough(), {
      isTTY: true,
      isRaw: false,
      setRawMode(this: { isRaw: boolean }, raw: boolean) {
        this.isRaw = raw;
      },
    });
    let written = '';
    const output = Object.assign(
      new Writable({
        write(chunk: Buffer, _e, done) {
          written += chunk.toString('utf8');
          done();
        },
      }),
      { columns: 80, rows: 24, isTTY: true },
    );
    const screen = createScreen({ input, output, choice: { terminal: 'xterm', theme: createTheme(true, true) } });
    screen.enableMouse();
    screen.render();
    const wasRaw = input.isRaw;

    screen.destroy();
    await new Promise((resolve) => setImmediate(resolve));

    expect(wasRaw).toBe(true);
    expect(input.isRaw).toBe(false);
    expect(written).toContain('\x1b[?1049l'); // back to the main screen
    expect(written).toContain('\x1b[?25h'); // cursor shown
    expect(written).toContain('\x1b[?1000l'); // mouse reporting off
  });
});
