import { type RawBuilder, sql } from 'kysely';

/**
 * `column = any($1::uuid[])` instead of `column in ($1, $2, …)`: one
 * statement text and one parameter whatever the number of ids, so
 * PostgreSQL plans it once per shape and a batch of 2 000 ids sends one
 * array rather than 2 000 parameters.
 */
export function anyId(ids: readonly string[]): RawBuilder<string> {
  return sql<string>`any(${[...ids]}::uuid[])`;
}
