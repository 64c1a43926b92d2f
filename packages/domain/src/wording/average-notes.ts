import type { Fraction } from '../marks/fraction.ts';
import { parseExactAverage, shortfallJustBelow } from '../marks/average-display.ts';
import { formatPoints } from '../marks/format-mark.ts';

const THOUSANDTHS = 1000n;

/**
 * A shortfall below a hundredth of a point, in words a candidate reads:
 * thousandths of a point, rounded up so that the sentence stays true
 * (« moins de 0,002 point » when the exact gap is 1/700).
 */
function shortfallWords(shortfall: Fraction): string {
  const scaled = shortfall.num * THOUSANDTHS;
  const k = (scaled + shortfall.den - 1n) / shortfall.den; // ceiling
  const digits = String(k).padStart(3, '0').replace(/0+$/, '');
  const amount = `0,${digits} point`;
  return scaled % shortfall.den === 0n ? amount : `moins de ${amount}`;
}

/**
 * What a truncated display hides from a candidate just under a threshold:
 * « Il manque moins de 0,002 point à cette moyenne pour atteindre 10. » for an average
 * shown 9,99, checked against each threshold (in hundredths, as the
 * session's rule set gives them) in turn; null when the display already says
 * everything. The exact fraction stays in the API's `exact`.
 */
export function averageShortfallNote(
  average: Fraction | string | null,
  thresholdsHundredths: readonly number[],
): string | null {
  // A missing mark leaves no average (« non calculable »): nothing falls short.
  if (average === null) return null;
  const value = typeof average === 'string' ? parseExactAverage(average) : average;
  for (const threshold of thresholdsHundredths) {
    const shortfall = shortfallJustBelow(value, threshold);
    if (shortfall !== null)
      return `Il manque ${shortfallWords(shortfall)} à cette moyenne pour atteindre ${formatPoints(threshold)}.`;
  }
  return null;
}
