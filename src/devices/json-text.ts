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
  const scan = new JsonScanner(text);
  try {
    scan.value();
    scan.ws();
    if (scan.i < text.length) scan.fail();
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

/** A recursive-descent walk over JSON text that stops (ScanStop) at the first character out of place. */
class JsonScanner {
  i = 0;

  constructor(private readonly text: string) {}

  fail(): never {
    throw new ScanStop(this.i);
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  value(): void {
    this.ws();
    const ch = this.text[this.i];
    if (ch === '{') this.list('}', () => this.member());
    else if (ch === '[') this.list(']', () => this.value());
    else if (ch === '"') this.string();
    else if (ch === 't') this.expect('true');
    else if (ch === 'f') this.expect('false');
    else if (ch === 'n') this.expect('null');
    else if (ch === '-' || /[0-9]/.test(ch ?? '')) this.number();
    else this.fail();
  }

  private at(): string | undefined {
    return this.text[this.i];
  }

  private expect(literal: string): void {
    for (const ch of literal) {
      if (this.at() !== ch) this.fail();
      this.i++;
    }
  }

  private digits(): void {
    if (!/[0-9]/.test(this.at() ?? '')) this.fail();
    while (/[0-9]/.test(this.at() ?? '')) this.i++;
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      const ch = this.at();
      if (ch === undefined || ch < ' ') this.fail();
      if (ch === '"') break;
      if (ch === '\\') this.escape();
      this.i++;
    }
    this.i++;
  }

  /** After a backslash: one of the escapes JSON has, or `u` and four hex digits. */
  private escape(): void {
    this.i++;
    if (this.at() === 'u') {
      for (let k = 0; k < 4; k++) {
        this.i++;
        if (!/[0-9A-Fa-f]/.test(this.at() ?? '')) this.fail();
      }
    } else if (!'"\\/bfnrt'.includes(this.at() ?? 'x')) this.fail();
  }

  private number(): void {
    if (this.at() === '-') this.i++;
    if (this.at() === '0') this.i++;
    else this.digits();
    if (this.at() === '.') {
      this.i++;
      this.digits();
    }
    if (this.at() === 'e' || this.at() === 'E') {
      this.i++;
      if (this.at() === '+' || this.at() === '-') this.i++;
      this.digits();
    }
  }

  private list(close: string, item: () => void): void {
    this.i++;
    this.ws();
    if (this.at() === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      if (this.at() === close) break;
      this.expect(',');
      this.ws();
    }
    this.i++;
  }

  private member(): void {
    this.string();
    this.ws();
    this.expect(':');
    this.value();
  }
}
