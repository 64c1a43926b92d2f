import { NATIONAL_RULES, type RuleThresholds } from '../rules/rule-set.ts';
import type { FirstGroupOutcome, FirstGroupReason } from './first-group-outcome.ts';
import { formatPoints } from './format-mark.ts';

export interface FirstGroupExplanationInput {
  /** Which rule computed the outcome; null when none could (a mark is missing) and the jury decided. */
  readonly reason: FirstGroupReason | null;
  /**
   * The outcome shown (after the jury). When it is not the one the reason
   * gives, the jury decided otherwise, and the explanation says so.
   */
  readonly outcome?: FirstGroupOutcome;
  /** French, truncated display of the overall average: "9,12"; null when not computable. */
  readonly overall: string | null;
  /** French display of the professional average, or null when there is none. */
  readonly professional: string | null;
  /** Codes of the tests missed without justification. */
  readonly unjustifiedAbsences: readonly string[];
  /** The session's thresholds (its rule set); the national ones when omitted. */
  readonly thresholds?: RuleThresholds;
}

/**
 * The first-group outcome in plain French, for the candidate: which rule
 * decided, with the averages that decided it.
 */
export function explainFirstGroup(input: FirstGroupExplanationInput): string {
  const reason = input.reason;
  if (reason === null || (input.outcome !== undefined && input.outcome !== OUTCOME_OF[reason]))
    return juryExplanation(input.outcome ?? null, input.overall);
  const overall = input.overall ?? 'non calculable';
  const professional = input.professional ?? '—';
  const t = input.thresholds ?? NATIONAL_RULES.thresholds;
  switch (reason) {
    case 'CONTROL_THRESHOLDS_MET':
      return `Votre moyenne générale est de ${overall} et votre moyenne du domaine professionnel de ${professional} : vous êtes admis à vous présenter aux épreuves de contrôle.`;
    case 'OVERALL_AT_LEAST_10':
      return `Votre moyenne générale est de ${overall}, au moins égale à ${formatPoints(t.admittedHundredths)} : vous êtes admis.`;
    case 'OVERALL_BELOW_8':
      return `Votre moyenne générale est de ${overall}, inférieure à ${formatPoints(t.controlHundredths)} : vous êtes ajourné.`;
    case 'PROFESSIONAL_BELOW_10':
      return `Votre moyenne générale est de ${overall}, mais votre moyenne du domaine professionnel est de ${professional}, inférieure à ${formatPoints(t.professionalHundredths)} : vous êtes ajourné.`;
    case 'NO_PROFESSIONAL_AVERAGE':
      return `Votre moyenne générale est de ${overall}, mais aucune épreuve du domaine professionnel n’a été prise en compte : vous êtes ajourné.`;
    case 'UNJUSTIFIED_ABSENCE':
      return `Vous avez été absent sans justification (${input.unjustifiedAbsences.join(', ')}) : le diplôme ne peut pas être délivré, vous êtes ajourné.`;
  }
}

/** The outcome each rule gives (first-group-outcome.ts, decideFirstGroup). */
const OUTCOME_OF: Readonly<Record<FirstGroupReason, FirstGroupOutcome>> = {
  UNJUSTIFIED_ABSENCE: 'FAILED',
  OVERALL_AT_LEAST_10: 'ADMITTED',
  CONTROL_THRESHOLDS_MET: 'CONTROL_ALLOWED',
  OVERALL_BELOW_8: 'FAILED',
  PROFESSIONAL_BELOW_10: 'FAILED',
  NO_PROFESSIONAL_AVERAGE: 'FAILED',
};

const DECIDED: Readonly<Record<FirstGroupOutcome, string>> = {
  ADMITTED: 'vous êtes admis',
  CONTROL_ALLOWED: 'vous êtes admis à vous présenter aux épreuves de contrôle',
  FAILED: 'vous êtes ajourné',
};

/** The jury is sovereign (art. D643-22): its decision is explained as its own. */
function juryExplanation(outcome: FirstGroupOutcome | null, overall: string | null): string {
  const decision =
    outcome === null ? 'Le jury a délibéré.' : `Le jury a délibéré : ${DECIDED[outcome]}.`;
  return overall === null
    ? `${decision} Votre moyenne n’est pas calculable : une note manque.`
    : `${decision} Votre moyenne générale est de ${overall}.`;
}
