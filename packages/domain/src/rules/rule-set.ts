/**
 * The rules a session is run under. The texts change from one session to
 * the next (décret n° 2024-788 rewrote art. D643-15; the note de service of
 * 20 September 2024 replaced the 2022 one), so each session carries its own
 * rule set as data, checked by `ruleSetFrom`; `NATIONAL_RULES` is the default.
 */
export interface RuleSet {
  /** A short French title, shown on the public rules page. */
  readonly name: string;
  /** The texts the rule set follows, in French, as the rules page cites them. */
  readonly texts: readonly string[];
  /** Thresholds in hundredths of a point, compared exactly with the averages. */
  readonly thresholds: RuleThresholds;
  /** How many optional tests (épreuves facultatives) a specialty may have. */
  readonly maxOptionalTests: number;
  /**
   * Épreuves facultatives: by default only the points above 10, times the
   * coefficient, are added to the numerator; the coefficient is not added
   * to the denominator. 'IGNORED' leaves optional tests out altogether.
   */
  readonly optionalTests: OptionalTestsPolicy;
  /**
   * A candidate absent from a control oral keeps, by default, the
   * first-group mark for that test. 'FAIL' treats such an absence like an
   * unjustified absence: the candidate is ajourné.
   */
  readonly absentAtControlOral: AbsentAtControlPolicy;
  /** Preparation and oral time of each control oral, in minutes. */
  readonly oralDurations: OralDurations;
}

export interface RuleThresholds {
  /** An overall average at least this admits. */
  readonly admittedHundredths: number;
  /** Below admission, an overall average at least this allows to the control… */
  readonly controlHundredths: number;
  /** …with a professional-domain average at least this. */
  readonly professionalHundredths: number;
}

export const OPTIONAL_TESTS_POLICIES = ['POINTS_ABOVE_10', 'IGNORED'] as const;
export type OptionalTestsPolicy = (typeof OPTIONAL_TESTS_POLICIES)[number];
export const ABSENT_AT_CONTROL_POLICIES = ['KEEP_FIRST_GROUP_MARK', 'FAIL'] as const;
export type AbsentAtControlPolicy = (typeof ABSENT_AT_CONTROL_POLICIES)[number];

export interface OralDuration {
  readonly preparationMinutes: number;
  readonly oralMinutes: number;
}

export interface OralDurations {
  readonly standard: OralDuration;
  /** Modern languages. */
  readonly language: OralDuration;
}

/**
 * The national rules: art. D643-15 of the Code de l'éducation (admitted at
 * 10; allowed to the control at 8 with 10 in the professional domain; at
 * most two optional tests since décret n° 2024-788), art. D643-22 to
 * D643-24, the arrêté of 3 June 2022 (orals of 20 + 20 minutes, languages
 * 10 + 10). The policies are those of docs/rules.md.
 */
export const NATIONAL_RULES: RuleSet = {
  name: 'Règles nationales du BTS',
  texts: [
    'Code de l’éducation, art. D643-15 (rédaction issue du décret n° 2024-788 du 8 juillet 2024) et D643-22 à D643-24',
    'Arrêté du 3 juin 2022 (épreuves de contrôle du brevet de technicien supérieur)',
    'Note de service du 20 septembre 2024 (à partir de la session 2025)',
  ],
  thresholds: { admittedHundredths: 1000, controlHundredths: 800, professionalHundredths: 1000 },
  maxOptionalTests: 2,
  optionalTests: 'POINTS_ABOVE_10',
  absentAtControlOral: 'KEEP_FIRST_GROUP_MARK',
  oralDurations: {
    standard: { preparationMinutes: 20, oralMinutes: 20 },
    language: { preparationMinutes: 10, oralMinutes: 10 },
  },
};
