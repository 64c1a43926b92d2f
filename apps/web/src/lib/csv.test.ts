import { describe, expect, it } from 'vitest';
import { csvField, csvLine, toCsv } from './csv.ts';

describe('csvField', () => {
  it('leaves plain fields unquoted', () => {
    expect(csvField('Dupont')).toBe('Dupont');
    expect(csvField('Élodie, Marie')).toBe('Élodie, Marie');
    expect(csvField(12)).toBe('12');
    expect(csvField(false)).toBe('false');
  });

  it('neutralises a formula so spreadsheets show it as text', () => {
    expect(csvField('=HYPERLINK("http://x";"y")')).toBe('"\'=HYPERLINK(""http://x"";""y"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes null and undefined as an empty field', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes a field holding the separator', () => {
    expect(csvField('E1;E3')).toBe('"E1;E3"');
  });

  it('quotes a field holding a quote, and doubles its quotes', () => {
    expect(csvField('Lycée "Les Lilas"')).toBe('"Lycée ""Les Lilas"""');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes a field holding CR or LF', () => {
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });
});

describe('csvLine', () => {
  it('joins with semicolons, keeping empty fields', () => {
    expect(csvLine(['a', null, 'b;c', ''])).toBe('a;;"b;c";');
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const csv = toCsv([
      ['Numéro', 'Nom'],
      ['0001', 'Lefèvre'],
    ]);
    expect(csv).toBe('\uFEFFNuméro;Nom\r\n0001;Lefèvre\r\n');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('is just the BOM when there is no row', () => {
    expect(toCsv([])).toBe('\uFEFF');
  });

  it('keeps a multi-line field within one record', () => {
    expect(toCsv([['x', 'deux\r\nlignes']])).toBe('\uFEFFx;"deux\r\nlignes"\r\n');
  });
});
