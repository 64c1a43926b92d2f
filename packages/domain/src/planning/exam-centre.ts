/**
 * The establishment where an académie holds the orals of some specialties
 * on one day: the convocation's place is this address, then the room.
 */
export interface ExamCentre {
  readonly name: string;
  readonly street: string;
  /** French postcode, five digits (overseas 97xxx, Corse 20xxx included). */
  readonly postcode: string;
  readonly city: string;
}

export interface ExamCentreDeclaration {
  /** Paris calendar day, "YYYY-MM-DD". */
  readonly day: string;
  readonly specialtyCodes: readonly string[];
  readonly centre: ExamCentre;
}

const POSTCODE = /^\d{5}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with an académie's exam centres, in French (empty when
 * nothing): a blank field, a malformed postcode or day, a specialty without
 * a centre that day being fine, but one with two centres the same day not.
 */
export function examCentreProblems(declarations: readonly ExamCentreDeclaration[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of declarations) {
    const label = d.centre.name.trim() === '' ? 'centre d’épreuves' : `« ${d.centre.name} »`;
    if (d.centre.name.trim() === '') problems.push('centre d’épreuves sans nom');
    if (d.centre.street.trim() === '') problems.push(`${label} : adresse (rue) manquante`);
    if (d.centre.city.trim() === '') problems.push(`${label} : commune manquante`);
    if (!POSTCODE.test(d.centre.postcode))
      problems.push(`${label} : code postal invalide « ${d.centre.postcode} » (cinq chiffres)`);
    if (!DAY.test(d.day)) problems.push(`${label} : date mal formée « ${d.day} »`);
    if (d.specialtyCodes.length === 0) problems.push(`${label} : aucune spécialité`);
    for (const code of d.specialtyCodes) {
      const key = `${d.day} ${code}`;
      if (seen.has(key)) problems.push(`spécialité ${code} : deux centres d’épreuves le ${d.day}`);
      seen.add(key);
    }
  }
  return problems;
}

/** The centre of a specialty's orals on a day, or null when none is declared. */
export function examCentreFor(
  declarations: readonly ExamCentreDeclaration[],
  day: string,
  specialtyCode: string,
): ExamCentre | null {
  return (
    declarations.find((d) => d.day === day && d.specialtyCodes.includes(specialtyCode))?.centre ??
    null
  );
}
