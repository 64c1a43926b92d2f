import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-cell.ts';

/** Characters a spreadsheet skips or cannot show, written out here independently of the rule. */
const HIDING = [
  ' ',
  '\u00A0',
  '\u00AD',
  '\u034F',
  '\u115F',
  '\u180E',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202E',
  '\u2060',
  '\u2066',
  '\u3000',
  '\u3164',
  '\uFEFF',
  '\n',
  '\u000B',
  '\u0000',
] as const;
const FORMULA_SIGNS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '⁼', '⁺'];

/** The oracle: strip what hides, fold, strip again, and look at the first character. */
function looksLikeFormula(cell: string): boolean {
  const hiding = new RegExp(`^(?:${HIDING.join('|')}|\\s)+`, 'u');
  const seen = cell.replace(hiding, '').normalize('NFKC').replace(hiding, '');
  return /^[\t\r]/.test(cell) || /^[=+\-@]/.test(seen);
}

describe('spreadsheetSafe', () => {
  it.each(['=HYPERLINK("http://x","y")', '+33 6', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises %j as text',
    (text) => {
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
    },
  );

  it.each([
    '\u200B=HYPERLINK("http://x","y")',
    '\uFEFF=1+1',
    '\u2060@SUM(A1)',
    '＝HYPERLINK("http://x","y")',
    '＋33 6',
    '－2+3',
    '＠SUM(A1)',
    '\u200B＝1',
    ' =1',
    '\u00A0\u200D-1',
    '\u3000＝1',
  ])('neutralises %j, whose formula sign hides behind the invisible or the full-width', (text) => {
    expect(spreadsheetSafe(text)).toBe(`'${text}`);
  });

  it.each(['Dupont', '12,50', 'E1', '', "O'Brien", 'a=b', '\u200BDupont', 'Ｄupont', 'É=1'])(
    'leaves %j as it is',
    (text) => {
      expect(spreadsheetSafe(text)).toBe(text);
    },
  );

  it('property: a cell is its text unchanged, or neutralised; never a formula once folded', () => {
    const hostile = fc
      .tuple(
        fc.array(fc.constantFrom(...HIDING, '\t', '\r'), { maxLength: 4 }),
        fc.option(fc.constantFrom(...FORMULA_SIGNS), { nil: '' }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
      )
      .map(([hide, sign, rest]) => hide.join('') + sign + rest);
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 16 })), (text) => {
        const cell = spreadsheetSafe(text);
        if (cell === text) expect(looksLikeFormula(cell), JSON.stringify(cell)).toBe(false);
        else expect(cell).toBe(`'${text}`);
      }),
      { numRuns: 2_000 },
    );
  });
});
