import { DomainInputError } from '../errors.ts';
import {
  type Fraction,
  compare,
  fraction,
  fromHundredths,
  subtract,
  toFractionString,
  truncateToHundredths,
} from './fraction.ts';
import { formatHundredths } from './format-mark.ts';

/** An average as shown to people and programs: truncated, French, and exact. */
export interface AverageView {
  /** Truncated to the hundredth: 9,999 → 999. */
  readonly hundredths: number;
  /** French, truncated: "9,99". */
  readonly display: string;
  /** The irreducible fraction of points: "2473/25". */
  readonly exact: string;
}

export function viewAverage(average: Fraction): AverageView {
  const hundredths = truncateToHundredths(average);
  return { hundredths, display: formatHundredths(hundredths), exact: toFractionString(average) };
}

/** The `exact` of an AverageView read back: "2473/25" → 2473/25. */
export function parseExactAverage(exact: string): Fraction {
  const match = /^(\d{1,30})\/(\d{1,30})$/.exec(exact);
  if (match === null || BigInt(match[2] as string) === 0n)
    throw new DomainInputError(
      'INVALID_FRACTION',
      `Moyenne exacte mal formée : « ${exact} » (attendu : « n/d »).`,
    );
  return fraction(BigInt(match[1] as string), BigInt(match[2] as string));
}

/**
 * How far an average lies below a threshold that its display hides: when
 * the truncated display reads one hundredth under the threshold (9,99 for
 * 10, 7,99 for 8), the candidate cannot tell 9,991 from 9,9999. Null for
 * any other average. The threshold is in hundredths, as a rule set gives it.
 */
export function shortfallJustBelow(
  average: Fraction,
  thresholdHundredths: number,
): Fraction | null {
  const threshold = fromHundredths(thresholdHundredths);
  if (compare(average, threshold) >= 0) return null;
  if (truncateToHundredths(average) !== thresholdHundredths - 1) return null;
  return subtract(threshold, average);
}
