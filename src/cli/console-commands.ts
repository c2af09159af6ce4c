// One-line commands for driving a clock from a terminal or a pipe: `1001`, `ok`, `finger 1001/right-index`,
// `card 3809012973`, `link down`. Used by the headless runner.
import { ALL_KEYS, type Key } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';

export const CONSOLE_HELP = [
  'digits (1001)          type them on the keypad',
  'ok esc back menu up down f1..f4   press a key',
  'finger 1001/right-index [poor]    place a finger',
  'card 3809012973        tap a card',
  'link up|down           plug or unplug the network',
  'cloud up|down          the cloud server answers or not',
  'wait MS                virtual time only: advance',
  'quit',
].join('\n');

/** Runs one command line; returns an error message for a bad line (the clock is untouched then). */
export function runConsoleCommand(
  clock: Clock,
  line: string,
  cloudSwitch: (up: boolean) => void = (up) => clock.setCloud(up),
): string | undefined {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  const upper = word.toUpperCase();
  try {
    if (word === '') return undefined;
    if (/^\d+$/.test(word)) clock.type(word);
    else if ((ALL_KEYS as readonly string[]).includes(upper)) clock.press(upper as Key);
    else if (word === 'finger') clock.placeFinger(rest[0] ?? '', rest[1] === 'poor' ? 'poor' : 'good');
    else if (word === 'card') clock.tapCard(arg);
    else if (word === 'link' && (arg === 'up' || arg === 'down')) clock.setLink(arg === 'up');
    else if (word === 'cloud' && (arg === 'up' || arg === 'down')) cloudSwitch(arg === 'up');
    else if (word === 'wait' && /^\d+$/.test(arg)) clock.advance(Number(arg));
    else return `unknown command "${line.trim()}"; try:\n${CONSOLE_HELP}`;
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}
