/** An académie (regional education authority), by its ministry code. */
export interface Academy {
  readonly code: string;
  readonly name: string;
}

/**
 * The académies and their codes, as the Ministry numbers them.
 * Codes are strings: their leading zero is part of them ("01" Paris).
 */
export const ACADEMIES: readonly Academy[] = Object.freeze(
  (
    [
      ['01', 'Paris'],
      ['02', 'Aix-Marseille'],
      ['03', 'Besançon'],
      ['04', 'Bordeaux'],
      ['06', 'Clermont-Ferrand'],
      ['07', 'Dijon'],
      ['08', 'Grenoble'],
      ['09', 'Lille'],
      ['10', 'Lyon'],
      ['11', 'Montpellier'],
      ['12', 'Nancy-Metz'],
      ['13', 'Poitiers'],
      ['14', 'Rennes'],
      ['15', 'Strasbourg'],
      ['16', 'Toulouse'],
      ['17', 'Nantes'],
      ['18', 'Orléans-Tours'],
      ['19', 'Reims'],
      ['20', 'Amiens'],
      ['22', 'Limoges'],
      ['23', 'Nice'],
      ['24', 'Créteil'],
      ['25', 'Versailles'],
      ['27', 'Corse'],
      ['28', 'La Réunion'],
      ['31', 'Martinique'],
      ['32', 'Guadeloupe'],
      ['33', 'Guyane'],
      ['43', 'Mayotte'],
      ['70', 'Normandie'],
    ] as const
  ).map(([code, name]) => Object.freeze({ code, name })),
);

/** Reims organises the exam of the specialties it pilots (seed document). */
export const PILOT_ACADEMY_CODE = '19';

const BY_CODE: ReadonlyMap<string, Academy> = new Map(ACADEMIES.map((a) => [a.code, a]));

/** The académie with that code, or undefined. Codes are matched exactly ("1" is not "01"). */
export function academyByCode(code: string): Academy | undefined {
  return BY_CODE.get(code);
}

export function isAcademyCode(code: string): boolean {
  return BY_CODE.has(code);
}
