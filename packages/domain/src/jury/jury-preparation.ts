import { formatHundredths, formatPoints } from '../marks/format-mark.ts';
import { type Fraction, ZERO, compare, fromHundredths, subtract } from '../marks/fraction.ts';
import type { RuleThresholds } from '../rules/rule-set.ts';
import type { JuryStage } from './apply-jury-decision.ts';

/**
 * The jury's preparation sheet: before it deliberates, the jury reads its
 * candidates from the best average down, and looks first at those an
 * average just below a threshold leaves on the wrong side of it (the
 * sovereign jury may raise them). « Just below »: under the threshold by at
 * most the distance the exam office chooses.
 */
/** FIRST_GROUP before the first-group jury, FINAL before the final one (after the control). */
export type PreparationStage = JuryStage;

export interface PreparationCandidate {
  readonly number: string;
  /** Null when it cannot be computed (a mark is missing). */
  readonly overallAverage: Fraction | null;
  /** First group only; null when not computable. */
  readonly professionalAverage: Fraction | null;
}

/** Which threshold an average is just below, and by how much (exact). */
export interface PreparationFlag {
  readonly threshold: 'ADMISSION' | 'CONTROL' | 'PROFESSIONAL';
  readonly thresholdHundredths: number;
  readonly shortfall: Fraction;
}

export interface PreparationRow<C extends PreparationCandidate> {
  readonly candidate: C;
  readonly flags: readonly PreparationFlag[];
}

function below(
  average: Fraction | null,
  threshold: PreparationFlag['threshold'],
  thresholdHundredths: number,
  distance: Fraction,
): PreparationFlag[] {
  if (average === null) return [];
  const shortfall = subtract(fromHundredths(thresholdHundredths), average);
  const under = compare(shortfall, ZERO) > 0;
  return under && compare(shortfall, distance) <= 0
    ? [{ threshold, thresholdHundredths, shortfall }]
    : [];
}

/**
 * The candidates sorted by overall average, best first (those without one
 * last, then by number), each with the thresholds it is just below: at the
 * first group, admission and the control on the overall average and the
 * professional-domain threshold on its own average; after the control,
 * admission only.
 */
export function juryPreparation<C extends PreparationCandidate>(
  candidates: readonly C[],
  stage: PreparationStage,
  thresholds: RuleThresholds,
  distanceHundredths: number,
): PreparationRow<C>[] {
  const distance = fromHundredths(distanceHundredths);
  const sorted = [...candidates].sort((a, b) => {
    if (a.overallAverage === null || b.overallAverage === null)
      return (
        (a.overallAverage === null ? 1 : 0) - (b.overallAverage === null ? 1 : 0) ||
        a.number.localeCompare(b.number)
      );
    return compare(b.overallAverage, a.overallAverage) || a.number.localeCompare(b.number);
  });
  return sorted.map((candidate) => ({
    candidate,
    flags:
      stage === 'FINAL'
        ? below(candidate.overallAverage, 'ADMISSION', thresholds.admittedHundredths, distance)
        : [
            ...below(
              candidate.overallAverage,
              'ADMISSION',
              thresholds.admittedHundredths,
              distance,
            ),
            ...below(candidate.overallAverage, 'CONTROL', thresholds.controlHundredths, distance),
            ...below(
              candidate.professionalAverage,
              'PROFESSIONAL',
              thresholds.professionalHundredths,
              distance,
            ),
          ],
  }));
}

const THRESHOLD_NAMES: Readonly<Record<PreparationFlag['threshold'], string>> = {
  ADMISSION: 'Admission',
  CONTROL: 'Épreuves de contrôle',
  PROFESSIONAL: 'Domaine professionnel',
};

/**
 * « Admission (10) : manque 0,26 » — the shortfall rounded up to the
 * hundredth, so that it is never less than what is missing.
 */
export function preparationFlagText(flag: PreparationFlag): string {
  const { num, den } = flag.shortfall;
  const hundredths = Number((num * 100n + den - 1n) / den);
  return `${THRESHOLD_NAMES[flag.threshold]} (${formatPoints(flag.thresholdHundredths)}) : manque ${formatHundredths(hundredths)}`;
}
