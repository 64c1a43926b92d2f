import { type Fraction, toFractionString, truncateToHundredths } from './fraction.ts';
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
