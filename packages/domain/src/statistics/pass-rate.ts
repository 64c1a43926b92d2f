import { DomainInputError } from '../errors.ts';
import { type Fraction, fraction, multiply, truncateToHundredths } from '../marks/fraction.ts';

export interface PassRate {
  readonly passed: number;
  readonly presented: number;
  /** passed / presented, irreducible; null when nobody was presented. */
  readonly exact: Fraction | null;
  /** The percentage in hundredths of a percent, truncated (never rounded up to 100 %). */
  readonly percentHundredths: number | null;
}

/**
 * A pass rate, exact, and its percentage truncated like every average shown
 * (a displayed value never overstates, docs/rules.md), so 2/3 shows 66,66 %.
 */
export function passRate(passed: number, presented: number): PassRate {
  if (!Number.isSafeInteger(passed) || !Number.isSafeInteger(presented))
    throw new DomainInputError('INVALID_COUNT', 'Les effectifs doivent être des entiers.');
  if (passed < 0 || presented < 0 || passed > presented)
    throw new DomainInputError(
      'INVALID_COUNT',
      `Taux de réussite impossible : ${passed}/${presented}.`,
    );
  if (presented === 0) return { passed, presented, exact: null, percentHundredths: null };
  const exact = fraction(BigInt(passed), BigInt(presented));
  return {
    passed,
    presented,
    exact,
    percentHundredths: truncateToHundredths(multiply(exact, { num: 100n, den: 1n })),
  };
}
