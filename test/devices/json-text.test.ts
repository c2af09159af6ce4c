// JSON syntax errors as line:column: our scanner must point where V8 points, and fill in where it does not.
import { describe, expect, it } from 'vitest';

import { JsonSyntaxError, lineColumnAt, parseJsonText, syntaxErrorOffset } from '../../src/devices/json-text.js';

function v8Offset(text: string): number | undefined {
  try {
    JSON.parse(text);
  } catch (error) {
    const match = /at position (\d+)/.exec((error as Error).message);
    return match ? Number(match[1]) : undefined;
  }
  throw new Error(`valid JSON: ${text}`);
}

describe('lineColumnAt', () => {
  it('counts the first character as line 1, column 1', () => {
    expect(lineColumnAt('{}', 0)).toEqual({ line: 1, column: 1 });
  });

  it('starts a new line after each line feed', () => {
    expect(lineColumnAt('{\n  "a": 1\n}', 5)).toEqual({ line: 2, column: 4 });
  });

  it('points just after the text for an offset at its end', () => {
    expect(lineColumnAt('ab\ncd', 5)).toEqual({ line: 2, column: 3 });
  });
});

describe('syntaxErrorOffset', () => {
  const broken = [
    '{"a":1,}',
    '{"a": 1 "b": 2}',
    '{"a": 1}}',
    '{"a": "\\q"}',
    '{"a": 01}',
    '{"a": -}',
    '{"a": 1e}',
    '{"a": 1.}',
    '{a: 1}',
    '{"a" 1}',
    '{"a": "line\nbreak"}',
    '{"a": "\\u12G4"}',
  ];

  it.each(broken)('points where V8 points in %j', (text) => {
    expect(syntaxErrorOffset(text)).toBe(v8Offset(text));
  });

  it('points at the closing bracket after a trailing comma in an array', () => {
    expect(syntaxErrorOffset('[1, 2,]')).toBe(6);
  });

  it('points at the letter where a misspelt true stops matching', () => {
    expect(syntaxErrorOffset('{"a": tru}')).toBe(9);
  });

  it('points at the end of a text that ends too soon', () => {
    expect(syntaxErrorOffset('{"a": [1, 2')).toBe(11);
  });

  it('points at the start of an empty text', () => {
    expect(syntaxErrorOffset('')).toBe(0);
  });

  it('finds nothing wrong, and points at the end, in valid JSON', () => {
    const text = '{"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"], "b": {}}';

    expect(syntaxErrorOffset(text)).toBe(text.length);
  });
});

describe('parseJsonText', () => {
  it('returns the parsed value of valid text', () => {
    expect(parseJsonText('{"a": [1]}', 'x.json')).toEqual({ a: [1] });
  });

  it('throws a JsonSyntaxError carrying file, line and column', () => {
    let caught: unknown;
    try {
      parseJsonText('{\n  "a": tru\n}', 'model.json');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(JsonSyntaxError);
    expect(caught).toMatchObject({ file: 'model.json', line: 2, column: 11 });
  });

  it('leaves V8 copy of the whole text out of the message', () => {
    expect(() => parseJsonText('[1, 2,]', 'x.json')).toThrow(/^x\.json:1:7: invalid JSON: Unexpected token '\]'$/);
  });
});
