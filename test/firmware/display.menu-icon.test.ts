// The three lines at the top left: on every screen where the Menu key acts, and the key itself on a
// menu page, which goes back to the menu's first page; and menu rows that would not fit are wrapped.
import { describe, expect, it } from 'vitest';
import { frameAfterKeys } from '../fixtures/machine-frame.js';
import { BIOMETRIC } from '../fixtures/screen-model.js';

describe('the menu icon', () => {
  it('shows on a result screen, where the Menu key opens the menu', () => {
    const result = frameAfterKeys('1', '2', 'OK');
    const menu = frameAfterKeys('1', '2', 'OK', 'MENU');

    expect(result).toMatchObject({ screen: 'result', menuIcon: true });
    expect(menu.screen).toBe('menu.main');
  });

  it('shows on the menu pages, where the Menu key goes back to the first page', () => {
    const about = frameAfterKeys('MENU', '3', '5');
    const back = frameAfterKeys('MENU', '3', '5', 'MENU');

    expect(about).toMatchObject({ screen: 'menu.about', menuIcon: true });
    expect(back.screen).toBe('menu.main');
  });

  it('leaves an edit when the Menu key is pressed, without saving it', () => {
    const editing = frameAfterKeys('MENU', '3', '3', '1');
    const left = frameAfterKeys('MENU', '3', '3', '1', 'MENU');
    const again = frameAfterKeys('MENU', '3', '3', '1', 'MENU', '3', '3');

    expect(editing.lines[1]).toBe('  2026112507581_');
    expect(left.screen).toBe('menu.main');
    expect(again.lines[1]).toBe('  202611250758_');
  });

  it('opens the menu from a half-typed ID, dropping the digits', () => {
    expect(frameAfterKeys('1', '0', 'MENU').screen).toBe('menu.main');
  });
});

describe('the punch rules page', () => {
  it('wraps the default state under its label when the row would be cut at the screen width', () => {
    const { lines } = frameAfterKeys('MENU', '3', '4');

    expect(lines.slice(0, 3)).toEqual(['1. Duplicate window: 60 s', '2. Default state:', '   In / Out (auto)']);
    expect(lines.every((line) => line.length <= BIOMETRIC.screen.columns)).toBe(true);
  });
});
