// End to end: the real `timeclock run` in a real terminal (tmux), driven with send-keys and read with
// capture-pane. TERM is xterm-256color on purpose: the entry blessed 0.1.81 cannot parse on ncurses 6.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HAS_TMUX = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!HAS_TMUX) console.warn('e2e-tmux: tmux is not installed, so the end-to-end terminal tests are skipped');

/** A tmux server of our own (its own socket), so that nothing of the person's tmux is touched. */
class Tmux {
  readonly socket = `timeclock-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { cwd: ROOT, encoding: 'utf8' });
  }

  /** Starts `timeclock <args>` in a 100×30 pane that stays on screen after it ends, then shows the tty modes. */
  start(args: string, nodeOptions = ''): void {
    const env = 'env LANG=C.UTF-8 LC_ALL=C.UTF-8 NCURSES_NO_UTF8_ACS=1 TERM=xterm-256color';
    const shell = `${env} node ${nodeOptions} bin/timeclock.js ${args}; echo "exit=$?"; stty -a; echo tty-shown`;
    this.tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', `sh -c '${shell}'`);
    this.tmux('set-option', '-t', 'e2e', 'remain-on-exit', 'on');
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'e2e');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'e2e', ...keys);
  }

  /** Polls the pane until `test` holds; fails with the last screen after the deadline. */
  async until(test: (screen: string) => boolean, what: string, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
  }

  /** The pid of the clock's process: the child of the pane's shell. */
  clockPid(): number {
    const shell = this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_pid}').trim();
    const children = fs.readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/);
    return Number(children[0]);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** Throws from a timer once the screen shows the idle frame, outside any handler of the UI. */
const BOMB = `
const write = process.stdout.write.bind(process.stdout);
let armed = false;
process.stdout.write = (chunk, ...rest) => {
  if (!armed && String(chunk).includes('Enter ID')) {
    armed = true;
    setTimeout(() => { throw new Error('planted bug'); }, 200);
  }
  return write(chunk, ...rest);
};
`;

/** `stty -a` after the clock left: the terminal is back in cooked mode with echo. */
function cooked(screen: string): boolean {
  return /(^|\s)icanon(\s|$)/m.test(screen) && /(^|\s)echo(\s|$)/m.test(screen);
}

describe.skipIf(!HAS_TMUX)('timeclock run in a terminal (tmux)', () => {
  // `run` starts from a bundle it rebuilds when a source is newer: build it here, so that the tests'
  // deadlines measure the clock starting, not esbuild on a fresh checkout.
  beforeAll(() => {
    execFileSync(process.execPath, ['bin/timeclock.js', 'run', '--help'], { cwd: ROOT, stdio: 'ignore' });
  }, 60_000);

  let t: Tmux;
  afterEach(() => t.kill());

  it('punches a PIN typed on the keyboard and quits with q, leaving the terminal as it found it', async () => {
    t = new Tmux();
    t.start('run --memory');

    const idle = await t.until((s) => s.includes('Enter ID, finger or card'), 'the idle screen');
    t.keys('1', '0', '0', '2', 'Enter');
    const thanked = await t.until((s) => s.includes('Thank you, Bruno Silva'), 'the thank-you screen');
    t.keys('q');
    const after = await t.until((s) => s.includes('tty-shown'), 'the clock to exit and the tty modes to show');

    expect(idle).not.toMatch(/Terminfo|Error/);
    expect(idle).toContain('Simulator');
    expect(thanked).toMatch(/1002 Bruno Silva\s+Check In\s+ID/);
    expect(after).toContain('exit=0');
    expect(after).toContain('timeclock: stopped; data was in memory');
    expect(cooked(after)).toBe(true);
  });

  it('gives the terminal back on SIGTERM', async () => {
    t = new Tmux();
    t.start('run --memory');
    await t.until((s) => s.includes('Enter ID, finger or card'), 'the idle screen');

    process.kill(t.clockPid(), 'SIGTERM');
    const after = await t.until((s) => s.includes('tty-shown'), 'the clock to exit and the tty modes to show');

    expect(after).toContain('exit=143');
    expect(cooked(after)).toBe(true);
  });

  it('gives the terminal back when the process crashes with an uncaught exception', async () => {
    t = new Tmux();
    // A module preloaded into the real process throws once the idle screen is drawn: a bug anywhere in the host.
    const bomb = path.join(os.tmpdir(), `timeclock-e2e-bomb-${process.pid}.mjs`);
    fs.writeFileSync(bomb, BOMB);
    try {
      t.start('run --memory', `--import ${bomb}`);
      const after = await t.until((s) => s.includes('tty-shown'), 'the clock to crash and the tty modes to show');

      expect(after).toContain('timeclock: crashed: Error: planted bug');
      expect(after).toContain('exit=1');
      expect(cooked(after)).toBe(true);
    } finally {
      fs.rmSync(bomb, { force: true });
    }
  });
});
