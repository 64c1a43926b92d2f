import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-cell.ts';

describe('spreadsheetSafe', () => {
  it.each(['=HYPERLINK("http://x","y")', '+33 6', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises %j as text',
    (text) => {
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
    },
  );

  it.each(['Dupont', '12,50', 'E1', '', "O'Brien", 'a=b'])('leaves %j as it is', (text) => {
    expect(spreadsheetSafe(text)).toBe(text);
  });
});
