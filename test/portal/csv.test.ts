// CSV cells as a spreadsheet must read them: quoted where RFC 4180 asks, formulas made plain text.
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/cloud/web/csv.js';

describe('CSV cells', () => {
  it('quotes a cell with a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvCell('Lopez, Ana')).toBe('"Lopez, Ana"');
    expect(csvCell('Ana "the boss"')).toBe('"Ana ""the boss"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises a cell a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('keeps numbers as numbers, negative ones included, and an absent value empty', () => {
    expect(csvRow([-1002, 7, undefined, 'a'])).toBe('-1002,7,,a\r\n');
  });
});
