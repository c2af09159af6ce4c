// CSV as RFC 4180 writes it, for spreadsheets: every cell quoted when it holds a comma, a quote or a line
// break, and a cell a spreadsheet would run as a formula (= + - @, or a tab or CR first) made plain text.

const NEEDS_QUOTES = /[",\r\n]/;
// A leading tab or carriage return also starts a formula in some spreadsheets once they trim it.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. A value a spreadsheet would take as a formula gets a leading apostrophe (OWASP's advice):
 * `=HYPERLINK(…)` from a clock-supplied name must not run on the payroll clerk's machine.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  // Numbers we write are data, not formulas: a negative number keeps its sign.
  if (typeof value === 'number') return String(value);
  const plain = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(plain) ? `"${plain.replaceAll('"', '""')}"` : plain;
}

/** One record, ended by CRLF as RFC 4180 asks. */
export function csvRow(values: readonly (string | number | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
