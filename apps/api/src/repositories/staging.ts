import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What the streamed imports share on their way into a table: rows grouped
 * in batches, PostgreSQL's COPY text format in byte chunks, and multi-row
 * inserts where there is no COPY stream.
 */

/** Groups a stream into batches of `size`, the last one shorter. */
export async function* batchesOf<T>(
  items: AsyncIterable<T> | Iterable<T>,
  size: number,
): AsyncGenerator<T[]> {
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

/** The bytes of a COPY text chunk: a few thousand lines. */
export const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * Rows, in batches, as COPY text, one line each (`lineOf` ends it with a
 * newline), in chunks of at most `chunkBytes`. Each line is written into
 * its chunk's bytes as it comes, so that no row outlives its batch: strings
 * concatenated across batches would live long enough to leave V8's young
 * generation, and the heap would grow with the import.
 */
export async function* copyTextChunks<T>(
  rows: AsyncIterable<readonly T[]>,
  lineOf: (row: T) => string,
  chunkBytes = COPY_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  for await (const batch of rows)
    for (const row of batch) {
      const line = lineOf(row);
      // At most three bytes a UTF-16 unit: the line fits whenever this holds.
      if (used + line.length * 3 > chunkBytes) {
        if (used > 0) yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafe(Math.max(chunkBytes, line.length * 3));
        used = 0;
      }
      used += chunk.write(line, used);
    }
  if (used > 0) yield chunk.subarray(0, used);
}

/** Rows a multi-row insert carries: at 5 000, a row may have 13 parameters (PostgreSQL's limit is 65 535). */
const INSERT_BATCH_ROWS = 5000;

/**
 * Where there is no COPY stream (PGlite): the rows, in batches, in
 * multi-row inserts into `table`'s `columns`, `valuesOf` giving one row's
 * parenthesised list; a batch larger than an insert carries is cut.
 */
export async function insertInBatches<T>(
  db: Kysely<Database>,
  into: { readonly table: string; readonly columns: readonly string[] },
  rows: AsyncIterable<readonly T[]>,
  valuesOf: (row: T) => RawBuilder<unknown>,
): Promise<void> {
  const columns = sql.join(into.columns.map((c) => sql.ref(c)));
  for await (const batch of rows)
    for (let at = 0; at < batch.length; at += INSERT_BATCH_ROWS)
      await sql`insert into ${sql.table(into.table)} (${columns})
        values ${sql.join(batch.slice(at, at + INSERT_BATCH_ROWS).map(valuesOf))}`.execute(db);
}

/**
 * A temporary staging table, its columns and their types written once: its
 * CREATE (dropped at commit), its COPY statement and its inserts all follow
 * them. Names and types are the code's own constants, never input.
 */
export function stagingTable(table: string, columns: Readonly<Record<string, string>>) {
  const names = Object.keys(columns);
  return {
    table,
    columns: names,
    copyStatement: `COPY ${table} (${names.join(', ')}) FROM STDIN`,
    create: async (db: Kysely<Database>): Promise<void> => {
      const definitions = names.map((name) => `${name} ${columns[name] ?? ''}`).join(', ');
      await sql`create temporary table ${sql.table(table)} (${sql.raw(definitions)}) on commit drop`.execute(
        db,
      );
    },
  } as const;
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

/** Past this many written rows, the planner's statistics of a table are refreshed. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * Refreshes the planner's statistics of a table after a large write, inside
 * the import's transaction (they show once it commits, with its rows).
 * - first_group_marks, after the merge: deliberation then reads the new
 *   marks by index. Without it, a table that was empty when last analysed
 *   is read by sequential scans, batch after batch (39 s instead of 11 s
 *   for 2 M marks).
 * - candidates, after deliberation: the outcome filter has no index (so
 *   that outcomes are written in place, migration 2026120801) and is
 *   planned from the outcome's statistics; while they still say « every
 *   outcome is null », PostgreSQL expects no match and sorts the whole
 *   session for a page (100 ms at 250 000 candidates instead of 5 ms).
 */
export async function analyzeAfterLargeWrite(
  db: Kysely<Database>,
  table: 'first_group_marks' | 'candidates',
  written: number,
): Promise<void> {
  if (written >= ANALYZE_AFTER_ROWS) await sql`analyze ${sql.table(table)}`.execute(db);
}
