// Letters from a numeric keypad, as on phones: pressing 2 once types a, twice b, three times c; a
// pause or another key moves on. Lets a search by name work on a clock with digits only.

const LETTERS: Record<string, string> = {
  '1': ' ',
  '2': 'abc',
  '3': 'def',
  '4': 'ghi',
  '5': 'jkl',
  '6': 'mno',
  '7': 'pqrs',
  '8': 'tuv',
  '9': 'wxyz',
  '0': ' ',
};

/** How long after a press the same key still cycles the last letter. */
export const MULTITAP_MS = 1_000;

export interface MultiTap {
  text: string;
  lastKey: string;
  lastAt: number;
}

export function emptyMultiTap(): MultiTap {
  return { text: '', lastKey: '', lastAt: 0 };
}

/** The text after a digit key at time `now`. */
export function multiTap(state: MultiTap, digit: string, now: number): MultiTap {
  const letters = LETTERS[digit];
  if (letters === undefined) return state;
  const cycling = digit === state.lastKey && now - state.lastAt < MULTITAP_MS && state.text !== '';
  if (!cycling) return { text: state.text + letters[0], lastKey: digit, lastAt: now };
  const current = state.text.at(-1) ?? '';
  const next = letters[(letters.indexOf(current) + 1) % letters.length] ?? '';
  return { text: state.text.slice(0, -1) + next, lastKey: digit, lastAt: now };
}

export function eraseMultiTap(state: MultiTap): MultiTap {
  return { text: state.text.slice(0, -1), lastKey: '', lastAt: 0 };
}
