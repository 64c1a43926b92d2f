import { DomainInputError } from '../errors.ts';
import type { ExamTest } from '../marks/exam-structure.ts';
import { oralDurationOf } from '../control/oral-duration.ts';
import { NATIONAL_RULES, type OralDurations } from '../rules/rule-set.ts';

/**
 * Extra preparation time granted as an exam accommodation (aménagement
 * d'épreuve, Code de l'éducation art. D351-27 et suivants: « majoration du
 * temps imparti », commonly one third). Kept exact, as a fraction of the
 * regular preparation time.
 */
export interface ExtraPreparationRatio {
  readonly numerator: number;
  readonly denominator: number;
}

export interface Accommodation {
  /** null: no extra preparation time. */
  readonly extraPreparation: ExtraPreparationRatio | null;
  readonly accessibleRoomRequired: boolean;
  readonly note: string | null;
}

export interface OralTiming {
  readonly preparationMinutes: number;
  readonly oralMinutes: number;
  /** Included in `preparationMinutes`. */
  readonly extraPreparationMinutes: number;
}

/** A ratio is a non-negative fraction with a positive denominator, at most 1 (double time). */
export function isValidExtraPreparation(ratio: ExtraPreparationRatio): boolean {
  return (
    Number.isSafeInteger(ratio.numerator) &&
    Number.isSafeInteger(ratio.denominator) &&
    ratio.numerator >= 0 &&
    ratio.denominator > 0 &&
    ratio.numerator <= ratio.denominator
  );
}

/**
 * The extra minutes for a regular preparation of `minutes`: exact, then
 * rounded UP to the whole minute, so that the candidate never gets less
 * than the accommodation grants (20 min × 1/3 = 6,67 → 7 min).
 */
export function extraPreparationMinutes(
  minutes: number,
  ratio: ExtraPreparationRatio | null,
): number {
  if (ratio === null) return 0;
  if (!isValidExtraPreparation(ratio)) {
    throw new DomainInputError(
      'INVALID_EXTRA_PREPARATION',
      `Majoration du temps de préparation invalide : ${ratio.numerator}/${ratio.denominator}.`,
    );
  }
  const num = BigInt(minutes) * BigInt(ratio.numerator);
  const den = BigInt(ratio.denominator);
  return Number((num + den - 1n) / den);
}

/**
 * Preparation and oral of one control oral for one candidate: the regular
 * durations of the session's rules (national: 20 + 20, languages 10 + 10) with the
 * accommodation's extra preparation time. The oral itself is not lengthened.
 */
export function oralTimingOf(
  test: ExamTest,
  accommodation: Accommodation | null,
  durations: OralDurations = NATIONAL_RULES.oralDurations,
): OralTiming {
  const regular = oralDurationOf(test, durations);
  const extra = extraPreparationMinutes(
    regular.preparationMinutes,
    accommodation?.extraPreparation ?? null,
  );
  return {
    preparationMinutes: regular.preparationMinutes + extra,
    oralMinutes: regular.oralMinutes,
    extraPreparationMinutes: extra,
  };
}

/**
 * What a convocation states about the accommodation, in French, or null when
 * nothing differs from a regular convocation.
 */
export function describeAccommodation(
  accommodation: Accommodation | null,
  extraMinutes: number,
): string | null {
  if (accommodation === null) return null;
  const parts: string[] = [];
  if (extraMinutes > 0) {
    const r = accommodation.extraPreparation;
    const ratio = r === null ? '' : ` (${r.numerator}/${r.denominator})`;
    parts.push(`temps de préparation majoré de ${extraMinutes} min${ratio}`);
  }
  if (accommodation.accessibleRoomRequired) parts.push('salle accessible');
  if (accommodation.note !== null) parts.push(accommodation.note);
  if (parts.length === 0) return null;
  const text = parts.join(' ; ');
  return `Aménagement : ${text}.`;
}
