// The terminal's keys for the clock's keypad and the panel, and the help line that shows them.
import { describe, expect, it } from 'vitest';
import { actionFor, helpLine } from '../../src/tui/keymap.js';

describe('actionFor', () => {
  it.each([
    [{ ch: '7', name: '7' }, 'key', '7'],
    [{ ch: '\r', name: 'enter' }, 'key', 'OK'],
    [{ ch: '\x1b', name: 'escape' }, 'key', 'ESC'],
    [{ ch: '\x7f', name: 'backspace' }, 'key', 'BACK'],
    [{ name: 'f1' }, 'key', 'F1'],
    [{ name: 'f4' }, 'key', 'F4'],
    [{ name: 'up' }, 'key', 'UP'],
    [{ name: 'down' }, 'key', 'DOWN'],
    [{ ch: 'm', name: 'm' }, 'key', 'MENU'],
    [{ ch: 'f', name: 'f' }, 'panel', 'finger'],
    [{ ch: 'p', name: 'p' }, 'panel', 'poor-read'],
    [{ ch: 'c', name: 'c' }, 'panel', 'card'],
    [{ ch: 'n', name: 'n' }, 'panel', 'network'],
    [{ ch: 's', name: 's' }, 'panel', 'cloud'],
    [{ ch: 'b', name: 'b' }, 'panel', 'back'],
    [{ ch: 'q', name: 'q' }, 'panel', 'quit'],
    [{ name: 'c', ctrl: true }, 'panel', 'quit'],
  ])('maps %o to the %s action %s', (press, kind, what) => {
    const action = actionFor(press);

    expect(action).toEqual(kind === 'key' ? { kind, key: what } : { kind, action: what });
  });

  it('ignores the return that blessed reports next to enter for one \\r', () => {
    expect(actionFor({ ch: '\r', name: 'return' })).toBeUndefined();
  });

  it('ignores other letters and control keys', () => {
    expect(actionFor({ ch: 'z', name: 'z' })).toBeUndefined();
    expect(actionFor({ name: 'x', ctrl: true })).toBeUndefined();
  });
});

describe('helpLine', () => {
  it('fits 80 columns and names the keypad keys and quit', () => {
    const line = helpLine(80, true);

    expect(line.length).toBeLessThanOrEqual(80);
    for (const part of ['0-9', 'Enter=OK', 'Esc', 'Bksp', 'F1-F4', '↑↓', 'm=Menu', 'q=quit']) {
      expect(line).toContain(part);
    }
  });

  it('spells every panel letter out when there is room', () => {
    expect(helpLine(140, true)).toContain('f=finger  p=poor read  c=card  n=network  s=cloud  b=back  q=quit');
  });

  it('uses ASCII without UTF-8', () => {
    expect(helpLine(80, false)).toMatch(/^[\x20-\x7e]+$/);
  });
});
