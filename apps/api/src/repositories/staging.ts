import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What the streamed imports share on their way into a staging table: rows
 * grouped in batches, and PostgreSQL's COPY text format.
 */

/** Groups a stream into batches of `size`, the last one shorter. */
export async function* batchesOf<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** One value of COPY's text format: backslash, tab and line breaks escaped; null is \N. */
export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A staging table and the columns one line each is keyed by; `shown` is the value a duplicate's problem quotes. */
export interface StagingKey {
  readonly table: string;
  readonly key: readonly string[];
  readonly shown: string;
}

/**
 * Lines that repeat an earlier line's key, found by the database rather
 * than by a map of every key in memory; the first `limit` by line, and how
 * many.
 */
export async function findStagedDuplicates(
  db: Kysely<Database>,
  { table, key, shown }: StagingKey,
  limit: number,
): Promise<{ duplicates: { line: number; value: string; firstLine: number }[]; total: number }> {
  // Byte order ("C") sorts millions of keys much faster than the
  // database's locale, and equal keys are equal in both.
  const partition = sql.join(key.map((k) => sql`${sql.ref(k)} collate "C"`));
  const { rows } = await sql<{
    line: number;
    value: string;
    first_line: number;
    total: number | bigint;
  }>`
    select line, value, first_line, count(*) over () as total
    from (select line, ${sql.ref(shown)} as value,
                 min(line) over (partition by ${partition}) as first_line
          from ${sql.table(table)}) d
    where line > first_line
    order by line
    limit ${limit}`.execute(db);
  return {
    duplicates: rows.map((r) => ({ line: r.line, value: r.value, firstLine: r.first_line })),
    total: Number(rows[0]?.total ?? 0),
  };
}
