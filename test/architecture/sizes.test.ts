// The house's sizes: no source file over 300 lines and no function over 80 (from its first line to its
// last), in src/ and firmware/. The functions that were longer when the check came are listed with their
// length, so that none grows and no new one joins them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, functionSpans, lineCount, sourceFiles } from './sizes.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * `file:function` → the most lines it may keep, and why it is allowed past the limit. Empty: every function
 * that was longer when the check came has been split (issue 20); one joins only with its reason.
 */
const LONG_FUNCTIONS: Record<string, { lines: number; why: string }> = {};

const sources = sourceFiles(root, ['src', 'firmware']).map((file) => ({
  file,
  text: fs.readFileSync(path.join(root, file), 'utf8'),
}));
const spans = sources.flatMap(({ file, text }) => functionSpans(file, text));

describe('the house’s sizes', () => {
  it(`keeps every source file to ${MAX_FILE_LINES} lines`, () => {
    expect(sources.length).toBeGreaterThan(300);
    const long = sources
      .filter((f) => lineCount(f.text) > MAX_FILE_LINES)
      .map((f) => `${f.file}: ${lineCount(f.text)}`);
    expect(long).toEqual([]);
  });

  it(`keeps every function to ${MAX_FUNCTION_LINES} lines, but for the listed ones, which may not grow`, () => {
    const over = spans
      .filter((s) => s.lines > MAX_FUNCTION_LINES)
      .filter((s) => s.lines > (LONG_FUNCTIONS[`${s.file}:${s.name}`]?.lines ?? MAX_FUNCTION_LINES))
      .map((s) => `${s.file}:${s.line} ${s.name}: ${s.lines} lines`);
    expect(over).toEqual([]);
  });

  it('lists no function that has come back under the limit (the list shrinks as they are split)', () => {
    // The longest of a name: a file may hold several functions of one name (each migration's `up`).
    const longest = new Map<string, number>();
    for (const s of spans)
      longest.set(`${s.file}:${s.name}`, Math.max(s.lines, longest.get(`${s.file}:${s.name}`) ?? 0));
    const stale = Object.keys(LONG_FUNCTIONS).filter((key) => (longest.get(key) ?? 0) <= MAX_FUNCTION_LINES);
    expect(stale).toEqual([]);
  });
});

describe('the size measure', () => {
  it('counts a function, an arrow and a method from their first line to their last', () => {
    const text = [
      'function a() {',
      '  return 1;',
      '}',
      'const b = () => {',
      '  const c = {',
      '    m() {',
      '      return 2;',
      '    },',
      '  };',
      '  return c;',
      '};',
    ].join('\n');
    const measured = functionSpans('x.ts', text).map((s) => [s.name, s.line, s.lines]);
    expect(measured).toEqual(
      expect.arrayContaining([
        ['a', 1, 3],
        ['b', 4, 8],
        ['m', 6, 3],
      ]),
    );
    expect(lineCount(text + '\n')).toBe(11);
  });
});
