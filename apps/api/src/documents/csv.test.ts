import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes a BOM, ; separators and CRLF, quoting only what must be', () => {
    expect(toCsv(['Nom', 'Épreuves'], [['Dupont', 'E1;E3']])).toBe(
      '\uFEFFNom;Épreuves\r\nDupont;"E1;E3"\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = toCsv(['Nom'], [['=HYPERLINK("http://x")'], ['@SUM(A1)']]);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'@SUM(A1)`);
  });
});
