import {
  ABSENT_AT_CONTROL_POLICIES,
  NATIONAL_RULES,
  OPTIONAL_TESTS_POLICIES,
  type OralDuration,
  type RuleSet,
} from './rule-set.ts';

export type RuleSetCheck =
  | { readonly ok: true; readonly rules: RuleSet }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Longest text cited, and most texts: a rules page, not a code. */
export const RULE_TEXT_MAX_LENGTH = 300;
export const RULE_TEXTS_MAX = 10;
/** A preparation or oral longer than two hours is a typing error, not a rule. */
const MAX_MINUTES = 120;
const MAX_HUNDREDTHS = 2000;
/** D643-15 has allowed three optional tests at most, then two: more is a typing error. */
const MAX_OPTIONAL_TESTS_ALLOWED = 3;

/**
 * A session's rule set from what an exam office wrote (a definition file, a
 * stored row): every field it omits is the national rule's, every field it
 * gives is checked, and every problem is listed in French. A rule set that
 * does not hold together (control threshold above admission) is refused.
 */
export function ruleSetFrom(input: unknown): RuleSetCheck {
  if (input === undefined || input === null) return { ok: true, rules: NATIONAL_RULES };
  if (!isRecord(input)) return refused(['Les règles de la session doivent être un objet.']);
  const problems: string[] = [];
  unknownKeys(input, NATIONAL_RULES, '', problems);

  const name = text(input.name, NATIONAL_RULES.name, 'Le nom des règles', problems);
  const texts = textList(input.texts, problems);
  const thresholds = thresholdsFrom(input.thresholds, problems);
  const maxOptionalTests = integerIn(
    input.maxOptionalTests,
    NATIONAL_RULES.maxOptionalTests,
    0,
    MAX_OPTIONAL_TESTS_ALLOWED,
    'Le nombre maximal d’épreuves facultatives',
    problems,
  );
  const optionalTests = oneOf(
    input.optionalTests,
    OPTIONAL_TESTS_POLICIES,
    NATIONAL_RULES.optionalTests,
    'La règle des épreuves facultatives',
    problems,
  );
  const absentAtControlOral = oneOf(
    input.absentAtControlOral,
    ABSENT_AT_CONTROL_POLICIES,
    NATIONAL_RULES.absentAtControlOral,
    'La règle de l’absence à l’épreuve de contrôle',
    problems,
  );
  const oralDurations = durationsFrom(input.oralDurations, problems);
  if (problems.length > 0) return refused(problems);
  return {
    ok: true,
    rules: {
      name,
      texts,
      thresholds,
      maxOptionalTests,
      optionalTests,
      absentAtControlOral,
      oralDurations,
    },
  };
}

/** What was received, short: a rule file may hold anything. */
function shown(value: unknown): string {
  // JSON.stringify gives undefined for a function or a symbol, whatever its type says.
  const text = (JSON.stringify(value) as string | undefined) ?? typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function refused(problems: readonly string[]): RuleSetCheck {
  return { ok: false, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A misspelt key would silently fall back to the national rule: refuse it instead. */
function unknownKeys(
  given: Record<string, unknown>,
  model: object,
  where: string,
  problems: string[],
): void {
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(model, key)) problems.push(`Règle inconnue : ${where}${key}.`);
  }
}

function text(value: unknown, fallback: string, what: string, problems: string[]): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${what} doit être un texte non vide.`);
    return fallback;
  }
  if (value.length > RULE_TEXT_MAX_LENGTH) {
    problems.push(`${what} dépasse ${RULE_TEXT_MAX_LENGTH} caractères.`);
    return fallback;
  }
  return value.trim();
}

function textList(value: unknown, problems: string[]): readonly string[] {
  if (value === undefined) return NATIONAL_RULES.texts;
  if (!Array.isArray(value) || value.length === 0 || value.length > RULE_TEXTS_MAX) {
    problems.push(
      `Les textes suivis doivent être une liste de 1 à ${RULE_TEXTS_MAX} références : le site doit dire quels textes il applique.`,
    );
    return NATIONAL_RULES.texts;
  }
  return value.map((v, i) => text(v, '', `La référence n° ${i + 1}`, problems));
}

function integerIn(
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  what: string,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${what} doit être un entier de ${min} à ${max} (reçu : ${shown(value)}).`);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  what: string,
  problems: string[],
): T {
  if (value === undefined) return fallback;
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    problems.push(`${what} doit être l’une de : ${allowed.join(', ')} (reçu : ${shown(value)}).`);
    return fallback;
  }
  return found;
}

function thresholdsFrom(value: unknown, problems: string[]): RuleSet['thresholds'] {
  const national = NATIONAL_RULES.thresholds;
  if (value === undefined) return national;
  if (!isRecord(value)) {
    problems.push('Les seuils doivent être un objet.');
    return national;
  }
  unknownKeys(value, national, 'thresholds.', problems);
  const at = (key: keyof typeof national, what: string): number =>
    integerIn(value[key], national[key], 0, MAX_HUNDREDTHS, `${what} (en centièmes)`, problems);
  const thresholds = {
    admittedHundredths: at('admittedHundredths', 'Le seuil d’admission'),
    controlHundredths: at('controlHundredths', 'Le seuil d’accès à l’épreuve de contrôle'),
    professionalHundredths: at('professionalHundredths', 'Le seuil du domaine professionnel'),
  };
  // Between the two thresholds lies the control: empty or inverted, no one could take it.
  if (thresholds.controlHundredths >= thresholds.admittedHundredths) {
    problems.push(
      'Le seuil d’accès à l’épreuve de contrôle doit être inférieur au seuil d’admission.',
    );
  }
  return thresholds;
}

function durationsFrom(value: unknown, problems: string[]): RuleSet['oralDurations'] {
  const national = NATIONAL_RULES.oralDurations;
  if (value === undefined) return national;
  if (!isRecord(value)) {
    problems.push('Les durées des oraux doivent être un objet.');
    return national;
  }
  unknownKeys(value, national, 'oralDurations.', problems);
  const one = (key: keyof typeof national, what: string): OralDuration => {
    const given = value[key];
    if (given === undefined) return national[key];
    if (!isRecord(given)) {
      problems.push(`${what} doit être un objet.`);
      return national[key];
    }
    unknownKeys(given, national[key], `oralDurations.${key}.`, problems);
    return {
      preparationMinutes: integerIn(
        given.preparationMinutes,
        national[key].preparationMinutes,
        0,
        MAX_MINUTES,
        `${what} : la préparation (minutes)`,
        problems,
      ),
      oralMinutes: integerIn(
        given.oralMinutes,
        national[key].oralMinutes,
        1,
        MAX_MINUTES,
        `${what} : l’oral (minutes)`,
        problems,
      ),
    };
  };
  return {
    standard: one('standard', 'La durée d’un oral'),
    language: one('language', 'La durée d’un oral de langue vivante'),
  };
}
