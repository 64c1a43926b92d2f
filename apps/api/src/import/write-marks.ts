import type { Transaction } from 'kysely';
import type { ImportSession } from '../db/import-session.ts';
import type { Database } from '../db/schema.ts';
import {
  COPY_MARKS_STATEMENT,
  MARKS_STAGING_KEY,
  createMarksStaging,
  findStagedMarkProblems,
  marksAsCopyText,
  mergeStagedMarks,
  stageMarksByInsert,
} from '../repositories/import-marks.repository.ts';
import { analyzeAfterLargeWrite } from '../repositories/staging.ts';
import type { WriteCounts } from '../repositories/import-writes.repository.ts';
import { deliberateChangedByImport } from '../services/deliberate.ts';
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
  asCopyText: (rows) => marksAsCopyText(rows),
  insert: stageMarksByInsert,
  key: MARKS_STAGING_KEY,
  duplicateProblem: duplicateMarkProblem,
};

/**
 * First-group marks, streamed: each line is checked as it is read and
 * staged at once (COPY on PostgreSQL), so memory holds a chunk, not the
 * file; duplicates and references are then found by the database. A file
 * with any problem is refused whole (the transaction rolls back).
 */
export async function writeMarks(
  trx: Transaction<Database>,
  session: ImportSession,
  source: StreamedFile,
  year: number,
  progress: ImportProgress,
): Promise<WriteCounts & { rows: number }> {
  await createMarksStaging(trx);
  const rows = await stageFile(trx, session, source, MARKS_STAGING, (bytes) => {
    progress('reading', bytes, source.file.size);
  });
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
  const counts = await mergeStagedMarks(trx, year);
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
