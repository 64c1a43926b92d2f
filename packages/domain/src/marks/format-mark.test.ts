import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatCoefficient, formatHundredths, parseCoefficient, parseMark } from './format-mark.ts';

describe('formatHundredths (French)', () => {
  it.each([
    [987, '9,87'],
    [5, '0,05'],
    [50, '0,50'],
    [0, '0,00'],
    [1000, '10,00'],
    [1250, '12,50'],
    [999, '9,99'],
    [2000, '20,00'],
    [1, '0,01'],
    [-5, '-0,05'],
    [-1250, '-12,50'],
  ])('%i → "%s"', (hundredths, text) => {
    expect(formatHundredths(hundredths)).toBe(text);
  });
});

describe('parseMark', () => {
  it.each([
    ['12,5', 1250],
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['20', 2000],
    ['20,00', 2000],
    ['20,0', 2000],
    ['0', 0],
    ['0,05', 5],
    ['0,5', 50],
    ['9,87', 987],
    ['  9,87 ', 987],
    ['07', 700],
  ])('"%s" → %i', (text, hundredths) => {
    expect(parseMark(text)).toBe(hundredths);
  });

  it.each([
    '20,01',
    '21',
    '99,99',
    '12,345',
    '-1',
    '-0',
    '',
    '   ',
    '12,',
    ',5',
    '.5',
    '1 2',
    '12,5,0',
    'abc',
    '1e1',
    '+12',
    '100',
    '12/20',
    '１２', // full-width digits
  ])('"%s" → null', (text) => {
    expect(parseMark(text)).toBeNull();
  });

  it('reads back every mark it formats (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (h) => {
        expect(parseMark(formatHundredths(h))).toBe(h);
        expect(parseMark(formatHundredths(h).replace(',', '.'))).toBe(h);
      }),
    );
  });
});

describe('parseCoefficient', () => {
  it.each([
    ['3', 300],
    ['1,5', 150],
    ['1.5', 150],
    ['1.25', 125],
    ['1,05', 105],
    ['0,5', 50],
    ['0.01', 1],
    [' 2 ', 200],
    ['999,99', 99999],
  ])('"%s" → %i', (text, hundredths) => {
    expect(parseCoefficient(text)).toBe(hundredths);
  });

  it.each(['0', '0,00', '0.0', '-1', '', '1,255', '1000', 'x', '1,', ',5'])(
    '"%s" → null',
    (text) => {
      expect(parseCoefficient(text)).toBeNull();
    },
  );
});

describe('formatCoefficient', () => {
  it.each([
    [150, '1.5'],
    [300, '3'],
    [125, '1.25'],
    [105, '1.05'],
    [110, '1.1'],
    [5, '0.05'],
    [50, '0.5'],
    [1000, '10'],
  ])('%i → "%s"', (hundredths, text) => {
    expect(formatCoefficient(hundredths)).toBe(text);
  });

  it('is read back by parseCoefficient (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), (h) => {
        expect(parseCoefficient(formatCoefficient(h))).toBe(h);
      }),
    );
  });
});
