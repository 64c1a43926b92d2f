/**
 * What a candidate got at one test (or one part of a test).
 *
 * - MARK: an ordinary mark, in hundredths of a point, 0..2000.
 * - KEPT (bénéfice): a mark ≥ 10 kept from an earlier session; counts as a mark.
 * - EXEMPT (dispensé): left out of both sums.
 * - ABSENT_JUSTIFIED (force majeure): counts as 0.
 * - ABSENT (unjustified absence from a compulsory test): the diploma cannot
 *   be awarded, whatever the averages (Code de l'éducation, art. D643-15).
 */
export type MarkStatus = 'MARK' | 'KEPT' | 'EXEMPT' | 'ABSENT_JUSTIFIED' | 'ABSENT';

export type MarkEntry =
  | { readonly status: 'MARK'; readonly hundredths: number }
  | { readonly status: 'KEPT'; readonly hundredths: number }
  | { readonly status: 'EXEMPT' }
  | { readonly status: 'ABSENT_JUSTIFIED' }
  | { readonly status: 'ABSENT' };

/**
 * A candidate's first-group marks, keyed by the code of what was assessed:
 * the part code (E21, E22) for a test with parts, the test code otherwise.
 * An entry under the code of a test with parts applies to the whole test
 * (e.g. exempt from E2 altogether) and takes precedence over its parts.
 * A compulsory test with no entry is missing: no outcome can be given yet.
 */
export type CandidateMarks = ReadonlyMap<string, MarkEntry>;

export const MAX_MARK_HUNDREDTHS = 2000;

/** A bénéfice is a mark kept because it was at least 10. */
export const KEPT_MARK_MINIMUM_HUNDREDTHS = 1000;

export const MARK_STATUSES: readonly MarkStatus[] = [
  'MARK',
  'KEPT',
  'EXEMPT',
  'ABSENT_JUSTIFIED',
  'ABSENT',
];

export function isValidHundredths(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_MARK_HUNDREDTHS;
}
