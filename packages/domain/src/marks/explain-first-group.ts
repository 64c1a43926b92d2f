import { THRESHOLDS, type FirstGroupReason } from './first-group-outcome.ts';

export interface FirstGroupExplanationInput {
  readonly reason: FirstGroupReason;
  /** French, truncated display of the overall average: "9,12". */
  readonly overall: string;
  /** French display of the professional average, or null when there is none. */
  readonly professional: string | null;
  /** Codes of the tests missed without justification. */
  readonly unjustifiedAbsences: readonly string[];
}

/**
 * The first-group outcome in plain French, for the candidate: which rule
 * decided, with the averages that decided it.
 */
export function explainFirstGroup(input: FirstGroupExplanationInput): string {
  const { overall } = input;
  const professional = input.professional ?? '—';
  switch (input.reason) {
    case 'CONTROL_THRESHOLDS_MET':
      return `Votre moyenne générale est de ${overall} et votre moyenne du domaine professionnel de ${professional} : vous êtes admis à vous présenter aux épreuves de contrôle.`;
    case 'OVERALL_AT_LEAST_10':
      return `Votre moyenne générale est de ${overall}, au moins égale à ${THRESHOLDS.admitted} : vous êtes admis.`;
    case 'OVERALL_BELOW_8':
      return `Votre moyenne générale est de ${overall}, inférieure à ${THRESHOLDS.control} : vous êtes ajourné.`;
    case 'PROFESSIONAL_BELOW_10':
      return `Votre moyenne générale est de ${overall}, mais votre moyenne du domaine professionnel est de ${professional}, inférieure à ${THRESHOLDS.professional} : vous êtes ajourné.`;
    case 'NO_PROFESSIONAL_AVERAGE':
      return `Votre moyenne générale est de ${overall}, mais aucune épreuve du domaine professionnel n’a été prise en compte : vous êtes ajourné.`;
    case 'UNJUSTIFIED_ABSENCE':
      return `Vous avez été absent sans justification (${input.unjustifiedAbsences.join(', ')}) : le diplôme ne peut pas être délivré, vous êtes ajourné.`;
  }
}
