import { type RawBuilder, sql } from 'kysely';

/**
 * The codes a first-group mark of the session may carry, with the specialty
 * they belong to: the session's tests and their parts. One definition for
 * the staged import's check (a join) and the first import's (read whole).
 */
export function sessionMarkCodes(year: number): RawBuilder<unknown> {
  return sql`select specialty_code, code from tests where year = ${year}
    union
    select specialty_code, code from test_parts where year = ${year}`;
}
