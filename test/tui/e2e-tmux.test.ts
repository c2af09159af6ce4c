// End to end: the real `timeclock run` in a real terminal (tmux), driven with send-keys and read with
// capture-pane. TERM is xterm-256color on purpose: the entry blessed 0.1.81 cannot parse on ncurses 6.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../fixtures/tools.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmux = requireTool('tmux');

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

  /**
   * A left click at a 0-based cell. tmux cannot make up a mouse event for a pane (send-keys -M only
   * passes on the one being handled), so the bytes a terminal sends for a click, an SGR mouse report,
   * are written to the pane as input with send-keys -H: the clock reads them from its real terminal.
   * Press and release go in one write, as a quick click arrives.
   */
  click(x: number, y: number): void {
    const reports = `\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`;
    this.tmux('send-keys', '-t', 'e2e', '-H', ...[...reports].map((c) => c.charCodeAt(0).toString(16)));
  }

  /** In the pop-up list titled `title`, the item containing `text`: Down from the first item, then Enter. */
  async choose(title: string, text: string): Promise<void> {
    const screen = await this.until((s) => s.includes(title) && s.includes(text), `"${text}" in the list "${title}"`);
    const rows = screen.split('\n');
    const top = rows.findIndex((row) => row.includes(title));
    const at = rows.findIndex((row, y) => y > top && row.includes(text));
    this.keys(...Array<string>(at - top - 1).fill('Down'), 'Enter');
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

describe.skipIf(tmux.missing !== undefined)(`timeclock run in a terminal (tmux)${tmux.title}`, () => {
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

  it('opens the menu when the three lines at the top left of the clock are clicked', async () => {
    t = new Tmux();
    t.start('run --memory');
    const idle = await t.until((s) => s.includes('Enter ID, finger or card'), 'the idle screen');
    const rows = idle.split('\n');
    const y = rows.findIndex((row) => /≡ \d\d:\d\d/.test(row));

    t.click(rows[y]!.indexOf('≡'), y);
    const menu = await t.until((s) => s.includes('Administrator verification'), 'the menu sign-in');

    expect(menu).toMatch(/≡ Menu/);
  });

  it('places a finger of an employee that is not enrolled, chosen in the picker, and nobody is identified', async () => {
    t = new Tmux();
    t.start('run --memory');
    await t.until((s) => s.includes('Enter ID, finger or card') && s.includes('cloud online'), 'the idle screen');

    t.keys('f');
    await t.choose('Place a finger', 'Another finger');
    await t.choose('whose?', 'Chen Wei  1003');
    await t.choose('Chen Wei  1003: which finger?', 'right-index');
    const failed = await t.until((s) => s.includes('Verification failed'), 'the clock to refuse the finger');

    expect(failed).not.toContain('Thank you');
  });

  it('shows the portal address whole and where the first SysAdmin password is kept', async () => {
    t = new Tmux();
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-e2e-'));
    try {
      t.start(`run --data ${data}`);
      const screen = await t.until((s) => s.includes('Enter ID, finger or card') && s.includes('Portal'), 'the panel');
      const url = /Portal +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(screen)?.[1];
      const answer = await fetch(url ?? 'http://invalid/', { redirect: 'manual' });

      expect(url).toBeDefined();
      expect(answer.status).toBeLessThan(400);
      expect(screen).toContain('admin, password:');
      expect(screen).toContain(`cat ${path.join(data, 'portal-password.txt')}`);
      expect(fs.readFileSync(path.join(data, 'portal-password.txt'), 'utf8')).toContain('username: admin');
    } finally {
      t.kill();
      fs.rmSync(data, { recursive: true, force: true });
    }
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
