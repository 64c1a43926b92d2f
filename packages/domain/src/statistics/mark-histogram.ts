import { isValidHundredths } from '../marks/mark-entry.ts';
import { DomainInputError } from '../errors.ts';

/** Buckets 0..20: bucket k holds the marks from k (inclusive) to k + 1 (exclusive); 20 holds 20/20. */
export const HISTOGRAM_BUCKETS = 21;

/**
 * The whole-point bucket of a mark: marks are truncated, never rounded, as
 * averages are (docs/rules.md, « Averages and display »): 9,99 is in bucket 9.
 */
export function markBucket(hundredths: number): number {
  if (!isValidHundredths(hundredths))
    throw new DomainInputError('INVALID_MARK', `Note invalide : ${String(hundredths)} centièmes.`);
  return Math.floor(hundredths / 100);
}

/**
 * A histogram by whole point from exact counts per mark (as SQL counts them,
 * grouped by mark): the sum of the buckets is the sum of the counts.
 */
export function markHistogram(
  counts: Iterable<{ readonly hundredths: number; readonly count: number }>,
): number[] {
  const buckets = Array.from({ length: HISTOGRAM_BUCKETS }, () => 0);
  for (const { hundredths, count } of counts) {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new DomainInputError('INVALID_COUNT', `Effectif invalide : ${String(count)}.`);
    const k = markBucket(hundredths);
    buckets[k] = (buckets[k] ?? 0) + count;
  }
  return buckets;
}
