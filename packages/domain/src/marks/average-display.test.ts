import { describe, it, expect } from 'vitest';
import { viewAverage } from './average-display.ts';
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
