import type { Transaction } from 'kysely';
import type { CopyChunk, ImportSession } from '../db/import-session.ts';
import type { Database } from '../db/schema.ts';
import { type StagingKey, findStagedDuplicates } from '../repositories/staging.ts';
import { type ImportProblem, MAX_LISTED_PROBLEMS } from './import-problem.ts';
import { ProblemTally } from './import-refusal.ts';
import { type StreamedFile, parsedLines } from './parsed-lines.ts';
import type { CsvLine } from './read-csv.ts';

/** How one kind of file is read into its staging table. */
export interface Staging<T> {
  readonly columns: readonly string[];
  readonly parseLine: (line: CsvLine, problems: ImportProblem[]) => T | null;
  /** COPY … FROM STDIN into the staging table, and the rows (in batches) as its text. */
  readonly copyStatement: string;
  readonly asCopyText: (rows: AsyncIterable<readonly T[]>) => AsyncIterable<CopyChunk>;
  /** Where there is no COPY stream (PGlite). */
  readonly insert: (db: Transaction<Database>, rows: AsyncIterable<readonly T[]>) => Promise<void>;
  readonly key: StagingKey;
  readonly duplicateProblem: (line: number, value: string, firstLine: number) => ImportProblem;
}

/**
 * Streams a file's good lines into its staging table (the table created
 * first), then refuses the file if any line had a problem of its own or
 * repeats an earlier line's key: the problems a file shows whatever the
 * database holds, reported before an unknown session. Returns how many
 * lines were staged.
 */
export async function stageFile<T>(
  trx: Transaction<Database>,
  session: ImportSession,
  source: StreamedFile,
  staging: Staging<T>,
  onBytes: (bytesRead: number) => void,
): Promise<number> {
  const tally = new ProblemTally();
  let rows = 0;
  async function* valid(): AsyncGenerator<readonly T[]> {
    for await (const batch of parsedLines(
      source,
      staging.columns,
      staging.parseLine,
      tally,
      onBytes,
    )) {
      rows += batch.length;
      yield batch;
    }
  }
  if (session.copy === null) await staging.insert(trx, valid());
  else await session.copy(staging.copyStatement, staging.asCopyText(valid()));
  const repeated = await findStagedDuplicates(trx, staging.key, MAX_LISTED_PROBLEMS);
  tally.refuseIfAny(
    repeated.duplicates.map((d) => staging.duplicateProblem(d.line, d.value, d.firstLine)),
    repeated.total,
  );
  return rows;
}
