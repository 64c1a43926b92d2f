import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { parseExactAverage, shortfallJustBelow, viewAverage } from './average-display.ts';
import { add, truncateToHundredths } from './fraction.ts';
import { frac } from '../../test/fixtures.ts';

describe('viewAverage: truncated, French, exact', () => {
  it.each([
    // value, hundredths, display, exact
    [frac(10), 1000, '10,00', '10/1'],
    [frac(20), 2000, '20,00', '20/1'],
    [frac(0), 0, '0,00', '0/1'],
    [frac(8), 800, '8,00', '8/1'],
    [frac(799, 100), 799, '7,99', '799/100'],
    [frac(19999, 2000), 999, '9,99', '19999/2000'], // 9.9995: never "10,00"
    [frac(1999, 200), 999, '9,99', '1999/200'], // 9.995
    [frac(2, 3), 66, '0,66', '2/3'], // rounding would give 0,67
    [frac(20, 3), 666, '6,66', '20/3'],
    [frac(29, 3), 966, '9,66', '29/3'],
    [frac(68, 7), 971, '9,71', '68/7'],
    [frac(2473, 25), 9892, '98,92', '2473/25'],
    [frac(4946, 50), 9892, '98,92', '2473/25'], // exact is irreducible
    [frac(1, 20), 5, '0,05', '1/20'],
  ])('%o → %i, "%s", "%s"', (value, hundredths, display, exact) => {
    expect(viewAverage(value)).toEqual({ hundredths, display, exact });
  });
});

describe('parseExactAverage', () => {
  it('reads back what viewAverage writes', () => {
    expect(parseExactAverage(viewAverage(frac(6121, 700)).exact)).toEqual(frac(6121, 700));
    expect(parseExactAverage('10/1')).toEqual(frac(10));
  });
  it.each(['', '1/0', '1.5', '-1/2', '1/2/3', 'abc'])('refuses « %s »', (text) => {
    expect(() => parseExactAverage(text)).toThrow(/mal formée/);
  });
});

describe('shortfallJustBelow: the gap a truncated 9,99 or 7,99 hides', () => {
  it.each([
    // average, threshold, shortfall (null: nothing hidden)
    [frac(6999, 700), 1000, frac(1, 700)], // 9,998… → 1/700 point short
    [frac(1999, 200), 1000, frac(1, 200)], // 9,995
    [frac(999, 100), 1000, frac(1, 100)], // exactly 9,99
    [frac(5599, 700), 800, frac(1, 700)], // 7,998…
    [frac(11899, 1400), 850, frac(1, 1400)], // 8,499… under a threshold of 8,5
    [frac(10), 1000, null],
    [frac(998, 100), 1000, null], // 9,98: the display already says it
    [frac(6121, 700), 1000, null], // 8,74
    [frac(6121, 700), 800, null],
    [frac(1099, 100), 1000, null],
  ])('%o below %i → %o', (average, threshold, expected) => {
    expect(shortfallJustBelow(average, threshold)).toEqual(expected);
  });

  it('is exact: the shortfall plus the average is the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 2000 }),
        (den, t) => {
          // The largest average over den below the threshold t (hundredths).
          const average = frac(t * den - 1, den * 100);
          const shortfall = shortfallJustBelow(average, t);
          if (truncateToHundredths(average) !== t - 1) expect(shortfall).toBeNull();
          else expect(shortfall && add(shortfall, average)).toEqual(frac(t, 100));
        },
      ),
    );
  });
});
