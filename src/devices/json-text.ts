// JSON text as read from a file a person edits: a syntax error names the file, line and column, so
// that a stray comma in a device model points at itself instead of at "position 213".
import { TimeclockError } from '../errors.js';

export class JsonSyntaxError extends TimeclockError<'TC_ERR_JSON_SYNTAX'> {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super('TC_ERR_JSON_SYNTAX', `${file}:${line}:${column}: invalid JSON: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Parses `text` read from `file`; throws JsonSyntaxError naming line:column (both from 1). */
export function parseJsonText(text: string, file: string): unknown {
  // Editors on Windows save a byte-order mark that JSON.parse refuses; it is not the author's mistake.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(message) ?? syntaxErrorOffset(body);
    const { line, column } = lineColumnAt(body, offset);
    throw new JsonSyntaxError(file, line, column, describe(message));
  }
}

/** Line and column (from 1) of a character offset; an offset past the end points just after the text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: before.length - lineStart + 1 };
}

function errorOffset(message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** V8's own words, without its offsets (ours replace them) or its copy of the whole text. */
function describe(message: string): string {
  const withoutPosition = message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/ at position \d+.*$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  const token = /^(Unexpected token '.+?'),/s.exec(withoutPosition);
  return token ? token[1]! : withoutPosition;
}

/**
 * Offset of the first syntax error, for the messages in which V8 gives none ("Unexpected token ']'",
 * from a trailing comma in an array, or a misspelt `true`). Only runs on text JSON.parse refused.
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new ScanStop(i);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (literal: string): void => {
    for (const ch of literal) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const digits = (): void => {
    if (!/[0-9]/.test(text[i] ?? '')) fail();
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch < ' ') fail();
      if (ch === '"') break;
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9A-Fa-f]/.test(text[i] ?? '')) fail();
          }
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const list = (close: string, item: () => void): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === close) break;
      expect(',');
      ws();
    }
    i++;
  };
  const member = (): void => {
    string();
    ws();
    expect(':');
    value();
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') list('}', member);
    else if (ch === '[') list(']', value);
    else if (ch === '"') string();
    else if (ch === 't') expect('true');
    else if (ch === 'f') expect('false');
    else if (ch === 'n') expect('null');
    else if (ch === '-' || /[0-9]/.test(ch ?? '')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (stop) {
    if (stop instanceof ScanStop) return stop.offset;
    // Nesting too deep for the scanner: point at the end rather than hide the original error.
    return text.length;
  }
  return text.length;
}

class ScanStop {
  constructor(readonly offset: number) {}
}
