import type { Insertable, Selectable } from 'kysely';
import type { CandidatesTable } from '../db/schema.ts';

/** A row of `candidates`, as Kysely reads it: derived from the table, never restated. */
export type CandidateRow = Selectable<CandidatesTable>;

/**
 * A candidate's own fields, named as the rest of the API names them. Every
 * shape that carries a candidate (a CSV line, a drawn demo candidate, a
 * record read back) builds on this one.
 */
export interface CandidateFields {
  readonly number: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly individual: boolean;
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
  readonly schoolUai: string | null;
  readonly email: string | null;
}

/** The one conversion from a candidate's fields to the columns written. */
export function candidateColumnsOf(
  year: number,
  c: CandidateFields,
): Omit<Insertable<CandidatesTable>, 'id' | 'first_group_outcome'> {
  return {
    year,
    number: c.number,
    last_name: c.lastName,
    first_name: c.firstName,
    individual: c.individual,
    specialty_code: c.specialtyCode,
    origin_academy_code: c.originAcademyCode,
    school_uai: c.schoolUai,
    email: c.email,
  };
}

/** The one conversion back, for the columns a query selected. */
export function candidateFieldsOf(
  row: Omit<CandidateRow, 'id' | 'year' | 'first_group_outcome' | 'email'>,
): Omit<CandidateFields, 'email'> {
  return {
    number: row.number,
    lastName: row.last_name,
    firstName: row.first_name,
    individual: row.individual,
    specialtyCode: row.specialty_code,
    originAcademyCode: row.origin_academy_code,
    schoolUai: row.school_uai,
  };
}
