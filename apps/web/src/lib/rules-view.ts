import { NATIONAL_RULES, type RuleSet, type RuleThresholds } from '@rattrapage/domain';

/** A session's thresholds as the API gives them (each a mark in hundredths). */
export interface ApiThresholds {
  readonly admitted: { readonly hundredths: number };
  readonly control: { readonly hundredths: number };
  readonly professional: { readonly hundredths: number };
}

/** A session's rules as the API gives them (ExamSession.rules). */
export interface ApiRules {
  readonly name: string;
  readonly texts: readonly string[];
  readonly thresholds: ApiThresholds;
  readonly absentAtControlOral: RuleSet['absentAtControlOral'];
  readonly oralDuration: { readonly preparationMinutes: number; readonly oralMinutes: number };
  readonly languageOralDuration: {
    readonly preparationMinutes: number;
    readonly oralMinutes: number;
  };
}

export function thresholdsOf(api: ApiThresholds): RuleThresholds {
  return {
    admittedHundredths: api.admitted.hundredths,
    controlHundredths: api.control.hundredths,
    professionalHundredths: api.professional.hundredths,
  };
}

/**
 * The rules the public page states: the current session's, or, when no
 * session is defined yet, the national rules the domain keeps as default.
 */
export function rulesView(
  api: ApiRules | null,
): Pick<RuleSet, 'name' | 'texts' | 'thresholds' | 'absentAtControlOral' | 'oralDurations'> {
  if (api === null) return NATIONAL_RULES;
  return {
    name: api.name,
    texts: api.texts,
    thresholds: thresholdsOf(api.thresholds),
    absentAtControlOral: api.absentAtControlOral,
    oralDurations: { standard: api.oralDuration, language: api.languageOralDuration },
  };
}
