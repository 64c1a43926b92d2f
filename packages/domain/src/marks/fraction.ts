/**
 * Exact non-negative rationals. Averages are compared with the 8 and 10
 * thresholds exactly: a float could put 9.999999 on the wrong side of 10
 * and fail a candidate who passed. BigInt keeps products of large sums exact.
 */
export interface Fraction {
  /** Numerator, in points (not hundredths). */
  readonly num: bigint;
  /** Denominator, always > 0. */
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

export function fraction(num: bigint, den: bigint): Fraction {
  if (den === 0n) throw new RangeError('denominator is zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Fraction = { num: 0n, den: 1n };

export function fromInteger(n: number): Fraction {
  return { num: BigInt(n), den: 1n };
}

/** A mark in hundredths of a point, as a fraction of points: 1250 → 25/2. */
export function fromHundredths(hundredths: number): Fraction {
  return fraction(BigInt(hundredths), 100n);
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subtract(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

export function divide(a: Fraction, b: Fraction): Fraction {
  if (b.num === 0n) throw new RangeError('division by zero');
  return fraction(a.num * b.den, a.den * b.num);
}

export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function max(a: Fraction, b: Fraction): Fraction {
  return compare(a, b) >= 0 ? a : b;
}

export function isAtLeast(a: Fraction, points: number): boolean {
  return compare(a, fromInteger(points)) >= 0;
}

/** Whether `a` reaches a threshold given in hundredths, exactly (no float). */
export function reachesHundredths(a: Fraction, hundredths: number): boolean {
  return compare(a, fromHundredths(hundredths)) >= 0;
}

/**
 * Truncated (never rounded) to the hundredth, so that a displayed 10,00
 * always means "at least 10" (docs/rules.md: averages are shown truncated).
 */
export function truncateToHundredths(a: Fraction): number {
  const scaled = a.num * 100n;
  // BigInt division truncates toward zero; floor for negatives (never used here).
  const q = scaled / a.den;
  return Number(scaled < 0n && q * a.den !== scaled ? q - 1n : q);
}

/** The least hundredth not below a non-negative fraction: 15/2 → 750, 22/3 → 734. */
export function roundUpToHundredths(a: Fraction): number {
  return Number((a.num * 100n + a.den - 1n) / a.den);
}

/** The irreducible fraction as "n/d": "2473/25", "10/1". */
export function toFractionString(a: Fraction): string {
  return `${a.num}/${a.den}`;
}
