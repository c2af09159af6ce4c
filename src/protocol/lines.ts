// What every line-oriented PUSH body has in common: lines split on any line ending, and a rejected line
// reported with its number, its text and what is wrong with it, for the log of whoever received it.

export interface RejectedLine {
  /** From 1, counting every line of the body. */
  lineNumber: number;
  line: string;
  problem: string;
}

/** The longest line a record may be: a fingerprint template in base64 is a few KB; a megabyte is garbage. */
export const MAX_LINE_CHARS = 64 * 1024;

/** What is kept of an overlong line for logs and messages: its start and its length. */
export function excerpt(text: string, chars = 200): string {
  return text.length <= chars ? text : `${text.slice(0, chars)}… (${text.length} characters)`;
}

export interface BodyLine {
  lineNumber: number;
  line: string;
  /** Set for a line over MAX_LINE_CHARS: why it is refused unread (its `line` is then an excerpt). */
  overlong?: string;
}

/** Non-empty lines with their numbers; a trailing `\r` or spaces around a line do not count. */
export function bodyLines(body: string): BodyLine[] {
  const lines: BodyLine[] = [];
  body.split(/\r\n|\n|\r/).forEach((raw, index) => {
    // The cloud keeps only MAX_LINE_CHARS + 1 bytes of such a line as it arrives: its length is not known.
    if (raw.length > MAX_LINE_CHARS) {
      const overlong = `is longer than ${MAX_LINE_CHARS} characters, the most a record may be`;
      lines.push({
        lineNumber: index + 1,
        line: `${raw.slice(0, 200)}… (over ${MAX_LINE_CHARS} characters)`,
        overlong,
      });
      return;
    }
    const line = raw.replace(/^[ ]+|[ \r]+$/g, '');
    if (line !== '') lines.push({ lineNumber: index + 1, line });
  });
  return lines;
}

/**
 * A body read line by line with `parse`, which gives a record or the problem of its line: each bad or
 * overlong line is rejected alone, and every record keeps the number of its line.
 */
export function parseBodyLines<T>(
  body: string,
  parse: (line: string) => T | string,
): { records: T[]; lineNumbers: number[]; rejected: RejectedLine[] } {
  const records: T[] = [];
  const lineNumbers: number[] = [];
  const rejected: RejectedLine[] = [];
  for (const { lineNumber, line, overlong } of bodyLines(body)) {
    const result = overlong ?? parse(line);
    if (typeof result === 'string') {
      rejected.push({ lineNumber, line, problem: result });
    } else {
      records.push(result);
      lineNumbers.push(lineNumber);
    }
  }
  return { records, lineNumbers, rejected };
}

/** TABs and line breaks inside a value would end a field or a line on the wire: they become spaces. */
export function fieldText(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** Whole numbers as the wire writes them; undefined for anything else. */
export function wholeNumber(text: string, min: number, max: number): number | undefined {
  const n = /^-?\d{1,10}$/.test(text.trim()) ? Number(text) : NaN;
  return n >= min && n <= max ? n : undefined;
}
