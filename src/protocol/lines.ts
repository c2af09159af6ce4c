// What every line-oriented PUSH body has in common: lines split on any line ending, and a rejected line
// reported with its number, its text and what is wrong with it, for the log of whoever received it.

export interface RejectedLine {
  /** From 1, counting every line of the body. */
  lineNumber: number;
  line: string;
  problem: string;
}

/** Non-empty lines with their numbers; a trailing `\r` or spaces around a line do not count. */
export function bodyLines(body: string): { lineNumber: number; line: string }[] {
  const lines: { lineNumber: number; line: string }[] = [];
  body.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.replace(/^[ ]+|[ \r]+$/g, '');
    if (line !== '') lines.push({ lineNumber: index + 1, line });
  });
  return lines;
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
