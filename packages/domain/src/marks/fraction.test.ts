import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ZERO,
  add,
  compare,
  divide,
  fraction,
  fromHundredths,
  fromInteger,
  isAtLeast,
  max,
  multiply,
  roundUpToHundredths,
  subtract,
  toFractionString,
  truncateToHundredths,
} from './fraction.ts';

const f = (n: bigint, d: bigint) => fraction(n, d);

/** Integer part up to 10⁶ (hundredths stay exact as a number); huge denominators. */
const nonNegativeFraction = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 10n ** 6n }),
    fc.bigInt({ min: 0n, max: 10n ** 25n }),
    fc.bigInt({ min: 1n, max: 10n ** 25n }),
  )
  .map(([units, r, d]) => f(units * d + (r % d), d));

describe('fraction: normalisation', () => {
  it.each([
    [4n, 8n, 1n, 2n],
    [10n, 1n, 10n, 1n],
    [0n, 7n, 0n, 1n],
    [0n, -7n, 0n, 1n],
    [3n, -6n, -1n, 2n],
    [-3n, -6n, 1n, 2n],
    [-4n, 6n, -2n, 3n],
    [19999n, 2000n, 19999n, 2000n],
    [2000n, 100n, 20n, 1n],
  ])('%s/%s → %s/%s', (num, den, n, d) => {
    expect(fraction(num, den)).toEqual({ num: n, den: d });
  });

  it('refuses a zero denominator', () => {
    expect(() => fraction(1n, 0n)).toThrow(RangeError);
    expect(() => fraction(0n, 0n)).toThrow(RangeError);
  });

  it('builds from integers and hundredths', () => {
    expect(fromInteger(10)).toEqual({ num: 10n, den: 1n });
    expect(fromHundredths(1250)).toEqual({ num: 25n, den: 2n });
    expect(fromHundredths(999)).toEqual({ num: 999n, den: 100n });
    expect(fromHundredths(0)).toEqual(ZERO);
    expect(fromHundredths(2000)).toEqual({ num: 20n, den: 1n });
  });

  it('always gives an irreducible fraction with a positive denominator (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        (n, d) => {
          fc.pre(d !== 0n);
          const r = fraction(n, d);
          expect(r.den > 0n).toBe(true);
          // Same value: n/d = r.num/r.den.
          expect(n * r.den).toBe(r.num * d);
          // Irreducible: a second normalisation changes nothing.
          expect(fraction(r.num, r.den)).toEqual(r);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fraction: arithmetic', () => {
  it.each([
    ['add', add(f(1n, 3n), f(1n, 6n)), '1/2'],
    ['subtract', subtract(f(1n, 3n), f(1n, 2n)), '-1/6'],
    ['subtract to zero', subtract(f(5n, 10n), f(1n, 2n)), '0/1'],
    ['multiply', multiply(f(2n, 3n), f(9n, 4n)), '3/2'],
    ['divide', divide(f(2n, 3n), f(4n, 9n)), '3/2'],
    ['divide by a negative', divide(f(1n, 2n), f(-1n, 4n)), '-2/1'],
  ])('%s', (_name, result, expected) => {
    expect(toFractionString(result)).toBe(expected);
  });

  it('refuses a division by zero', () => {
    expect(() => divide(f(1n, 2n), ZERO)).toThrow(RangeError);
  });
});

describe('fraction: compare, max, isAtLeast', () => {
  it.each([
    [f(1n, 2n), f(2n, 4n), 0],
    [f(1n, 3n), f(1n, 2n), -1],
    [f(1n, 2n), f(1n, 3n), 1],
    [f(-1n, 2n), ZERO, -1],
    [f(19999n, 2000n), fromInteger(10), -1],
    [f(20000n, 2000n), fromInteger(10), 0],
    [f(20001n, 2000n), fromInteger(10), 1],
  ])('compare(%o, %o) = %i', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });

  it('compares exactly where floats cannot tell', () => {
    // 10 − 10⁻²⁰ is 10 as a float, but not as a fraction.
    const almostTen = f(10n * 10n ** 20n - 1n, 10n ** 20n);
    expect(Number(almostTen.num) / Number(almostTen.den)).toBe(10);
    expect(compare(almostTen, fromInteger(10))).toBe(-1);
    expect(isAtLeast(almostTen, 10)).toBe(false);
    expect(isAtLeast(fromInteger(10), 10)).toBe(true);
    expect(isAtLeast(f(8n, 1n), 8)).toBe(true);
    expect(isAtLeast(fromHundredths(799), 8)).toBe(false);
  });

  it('max keeps the larger (the first when equal)', () => {
    const a = f(1n, 2n);
    const b = f(2n, 4n);
    expect(max(a, f(1n, 3n))).toBe(a);
    expect(max(f(1n, 3n), a)).toBe(a);
    expect(max(a, b)).toBe(a);
  });

  it('agrees with the order of the real numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        (a, b, c, d) => {
          // a/b vs c/d, via integers: exact for these sizes.
          const expected = Math.sign(a * d - c * b);
          expect(compare(f(BigInt(a), BigInt(b)), f(BigInt(c), BigInt(d)))).toBe(expected || 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fraction: truncateToHundredths', () => {
  it.each([
    ['exactly 10', fromInteger(10), 1000],
    ['exactly 8', fromInteger(8), 800],
    ['exactly 20', fromInteger(20), 2000],
    ['zero', ZERO, 0],
    ['9.9995 (19999/2000) stays 9,99', f(19999n, 2000n), 999],
    ['9.995 (1999/200) stays 9,99', f(1999n, 200n), 999],
    ['9.999999… stays 9,99', f(10n ** 12n - 1n, 10n ** 11n), 999],
    ['2/3 → 0,66 (not 0,67)', f(2n, 3n), 66],
    ['20/3 → 6,66', f(20n, 3n), 666],
    ['1/100 exactly', f(1n, 100n), 1],
    ['just below 1/100', f(99n, 10000n), 0],
    ['12,345 → 12,34', f(12345n, 1000n), 1234],
    ['negative (floored): -1/3 → -0,34', f(-1n, 3n), -34],
    ['negative exact: -1/2 → -0,50', f(-1n, 2n), -50],
  ])('%s', (_name, value, expected) => {
    expect(truncateToHundredths(value)).toBe(expected);
  });

  it('is the largest h with h/100 ≤ value (property)', () => {
    fc.assert(
      fc.property(nonNegativeFraction, (value) => {
        const h = BigInt(truncateToHundredths(value));
        expect(compare(fraction(h, 100n), value) <= 0).toBe(true);
        expect(compare(fraction(h + 1n, 100n), value) > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fraction: roundUpToHundredths', () => {
  it.each([
    ['exactly 10', fromInteger(10), 1000],
    ['zero', ZERO, 0],
    ['15/2 exactly 7,50', f(15n, 2n), 750],
    ['22/3 → 7,34 (not 7,33)', f(22n, 3n), 734],
    ['2/3 → 0,67', f(2n, 3n), 67],
    ['1/100 exactly', f(1n, 100n), 1],
    ['just above 1/100 → 0,02', f(101n, 10000n), 2],
    ['just below 1/100 → 0,01', f(99n, 10000n), 1],
    ['9.9995 (19999/2000) → 10,00', f(19999n, 2000n), 1000],
    ['a hair above 20 → 20,01', f(2n * 10n ** 12n + 1n, 10n ** 11n), 2001],
  ])('%s', (_name, value, expected) => {
    expect(roundUpToHundredths(value)).toBe(expected);
  });

  it("is the least h with h/100 ≥ value, truncation's h or the next (property)", () => {
    fc.assert(
      fc.property(nonNegativeFraction, (value) => {
        const h = roundUpToHundredths(value);
        expect(compare(fraction(BigInt(h), 100n), value) >= 0).toBe(true);
        expect(compare(fraction(BigInt(h) - 1n, 100n), value) < 0).toBe(true);
        expect(h - truncateToHundredths(value)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fraction: BigInt sizes', () => {
  it('stays exact with numerators and denominators far beyond 2⁵³', () => {
    // Sum of 1/k for k = 1..60: a denominator in the tens of digits.
    let h = ZERO;
    for (let k = 1n; k <= 60n; k++) h = add(h, f(1n, k));
    expect(h.den > 2n ** 53n).toBe(true);
    // Subtracting the same terms back gives exactly zero.
    let back = h;
    for (let k = 60n; k >= 1n; k--) back = subtract(back, f(1n, k));
    expect(back).toEqual(ZERO);
    // H60 ≈ 4.67987…
    expect(truncateToHundredths(h)).toBe(467);
  });

  it('keeps a 40-digit average exact and truncates it', () => {
    const big = 10n ** 40n;
    const value = f(10n * big - 1n, big); // 10 − 10⁻⁴⁰
    expect(truncateToHundredths(value)).toBe(999);
    expect(isAtLeast(value, 10)).toBe(false);
    expect(toFractionString(value)).toBe(`${10n * big - 1n}/${big}`);
  });
});

describe('toFractionString', () => {
  it.each([
    [fromInteger(10), '10/1'],
    [fromHundredths(1250), '25/2'],
    [f(2473n, 25n), '2473/25'],
    [ZERO, '0/1'],
  ])('%o → %s', (value, text) => {
    expect(toFractionString(value)).toBe(text);
  });
});
