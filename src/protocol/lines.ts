// What every line-oriented PUSH body has in common: lines split on any line ending, and a rejected line
// reported with its number, its text and what is wrong with it, for the log of whoever received it.

export interface RejectedLine {
  /** From 1, counting every line of the body. */
  lineNumber: number;
  line: string;
  problem: string;
}

/**
 * The longest line a record may be, in UTF-8 bytes (a trailing CR not counted): a fingerprint template in
 * base64 is a few KB; a line past this is garbage, and nothing after it in the body is read.
 */
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

/** A UTF-16 unit is at most 3 bytes of UTF-8: a shorter string needs no counting. */
const isOverlong = (text: string) => text.length * 3 > MAX_LINE_CHARS && Buffer.byteLength(text) > MAX_LINE_CHARS;

/**
 * Non-empty lines with their numbers; a trailing `\r` or spaces around a line do not count. Lines end in
 * LF, CRLF or CR; a line's length is counted between LFs, as the cloud reads. The first overlong line ends the body: it is the last line given (refused), and what
 * follows it is not read — the cloud stops reading the body there (cloud/push/push-body.ts), and a body
 * given whole (the in-process transport) must be answered the same.
 */
export function bodyLines(body: string): BodyLine[] {
  const lines: BodyLine[] = [];
  let lineNumber = 0;
  for (const segment of body.split('\n')) {
    const content = segment.endsWith('\r') ? segment.slice(0, -1) : segment;
    // The cloud keeps only the first bytes of such a line as it arrives: its length is not known.
    if (isOverlong(content)) {
      const overlong = `is longer than ${MAX_LINE_CHARS} bytes, the most a record may be; the body was read no further`;
      lines.push({
        lineNumber: lineNumber + 1,
        line: `${content.slice(0, 200)}… (over ${MAX_LINE_CHARS} bytes)`,
        overlong,
      });
      return lines;
    }
    for (const raw of content.includes('\r') ? content.split('\r') : [content]) {
      lineNumber++;
      const line = raw.replace(/^[ ]+|[ \r]+$/g, '');
      if (line !== '') lines.push({ lineNumber, line });
    }
  }
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
