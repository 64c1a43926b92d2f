import type { Transaction } from 'kysely';
import type { ImportSession } from '../db/import-session.ts';
import type { Database } from '../db/schema.ts';
import {
  COPY_MARKS_STATEMENT,
  MARKS_STAGING_KEY,
  createMarksStaging,
  findStagedMarkProblems,
  stagedMarkCopyLine,
  mergeStagedMarks,
  stageMarksByInsert,
} from '../repositories/import-marks.repository.ts';
import { analyzeAfterLargeWrite, copyTextChunks } from '../repositories/staging.ts';
import type { WriteCounts } from '../repositories/import-writes.repository.ts';
import { deliberateChangedByImport } from '../services/deliberate.ts';
import { copyFirstMarks } from './copy-first-marks.ts';
import { IMPORT_KINDS } from './import-kind.ts';
import { MAX_LISTED_PROBLEMS, problem } from './import-problem.ts';
import { Refusal, requireSession } from './import-refusal.ts';
import type { StreamedFile } from './parsed-lines.ts';
import { type Staging, stageFile } from './stage-file.ts';
import { type MarkRow, duplicateMarkProblem, parseMarkLine } from './parse-rows.ts';
import type { ImportProgress } from './run-import.ts';

const MARKS_STAGING: Staging<MarkRow> = {
  columns: IMPORT_KINDS.MARKS,
  parseLine: parseMarkLine,
  copyStatement: COPY_MARKS_STATEMENT,
  asCopyText: (rows) => copyTextChunks(rows, stagedMarkCopyLine),
  insert: stageMarksByInsert,
  key: MARKS_STAGING_KEY,
  duplicateProblem: duplicateMarkProblem,
};

/**
 * First-group marks, streamed: each line is checked as it is read and
 * written at once (COPY on PostgreSQL), so memory holds a chunk, not the
 * file. A session's first marks go straight into first_group_marks
 * (copyFirstMarks); any other file, or a first one with a problem, is
 * staged, its duplicates and references found by the database, then merged.
 * A file with any problem is refused whole (the transaction rolls back).
 */
export async function writeMarks(
  trx: Transaction<Database>,
  session: ImportSession,
  source: StreamedFile,
  year: number,
  progress: ImportProgress,
): Promise<WriteCounts & { rows: number }> {
  await createMarksStaging(trx);
  const reading = (bytes: number) => {
    progress('reading', bytes, source.file.size);
  };
  const first = await copyFirstMarks(trx, session, source, year, reading);
  const { rows, counts } =
    first === null
      ? await stageAndMerge(trx, session, source, year, reading, progress)
      : { rows: first.rows, counts: { inserted: first.rows, updated: 0 } };
  if (first !== null) progress('writing', rows, rows);
  await analyzeAfterLargeWrite(trx, 'first_group_marks', counts.inserted + counts.updated);
  if (counts.inserted + counts.updated > 0) {
    progress('deliberating', 0, 1);
    const outcomes = await deliberateChangedByImport(trx, year);
    const deliberated = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
    await analyzeAfterLargeWrite(trx, 'candidates', deliberated);
    progress('deliberating', 1, 1);
  }
  return { ...counts, rows };
}

/** The staged import: the file into a staging table, its problems listed, then merged. */
async function stageAndMerge(
  trx: Transaction<Database>,
  session: ImportSession,
  source: StreamedFile,
  year: number,
  reading: (bytes: number) => void,
  progress: ImportProgress,
): Promise<{ rows: number; counts: WriteCounts }> {
  const rows = await stageFile(trx, session, source, MARKS_STAGING, reading);
  progress('writing', rows, rows);
  await requireSession(trx, year);
  const references = await findStagedMarkProblems(trx, year, MAX_LISTED_PROBLEMS);
  if (references.total > 0)
    throw new Refusal(
      references.problems.map((p) =>
        p.kind === 'UNKNOWN_CANDIDATE'
          ? problem(p.line, 'number', p.value, `candidat inconnu pour la session ${year}`)
          : problem(
              p.line,
              'code',
              p.value,
              `ni une épreuve ni une sous-épreuve de la spécialité ${p.specialtyCode ?? ''}`,
            ),
      ),
      references.total,
    );
  return { rows, counts: await mergeStagedMarks(trx, year) };
}
