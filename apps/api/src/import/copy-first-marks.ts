import { type Transaction, sql } from 'kysely';
import { SQLSTATE, databaseErrorOf } from '../db/database-error.ts';
import { type ImportSession, copyInParts } from '../db/import-session.ts';
import type { Database } from '../db/schema.ts';
import {
  COPY_FIRST_MARKS_STATEMENT,
  type ResolvedMark,
  firstMarkCopyLine,
  insertFirstMarks,
  noteCandidatesChanged,
  sessionHasMarks,
  sessionMarkCodesBySpecialty,
} from '../repositories/first-marks.repository.ts';
import { examSessionExists } from '../repositories/import-reference.repository.ts';
import { lockSessionOutcomes } from '../repositories/outcome-lock.ts';
import { COPY_CHUNK_BYTES, copyTextChunks } from '../repositories/staging.ts';
import { IMPORT_KINDS } from './import-kind.ts';
import { ProblemTally } from './import-refusal.ts';
import { type StreamedFile, parsedLines } from './parsed-lines.ts';
import { parseMarkLine } from './parse-rows.ts';
import { SessionCandidates } from './session-candidates.ts';

/**
 * A COPY statement's text, about 200 000 marks (their foreign-key checks
 * run at its end), in chunks of COPY_CHUNK_BYTES.
 */
export const FIRST_MARKS_COPY = { chunkBytes: COPY_CHUNK_BYTES, partBytes: 12 * 1024 * 1024 };

/** A line this path does not report on: it stops, and the staged import reads the file again. */
class NotWrittenHere extends Error {}

/**
 * A session's first marks (the session exists, none of its candidates has
 * a mark yet), written straight into first_group_marks: each line's
 * candidate and code are resolved against the session as the line is read
 * (SessionCandidates), and the server writes one part and checks its
 * foreign keys while the process reads the next (copyInParts), where the
 * staged import reads the whole file, then merges it (docs/performance.md).
 *
 * This path reports nothing. At the first line with a problem of its own,
 * an unknown candidate or code, or a repeated candidate and code (the
 * table's primary key), what it wrote is rolled back to a savepoint and it
 * returns null: the staged import then reads the file again and lists every
 * problem, as it does for any file. Null as well when the session is
 * unknown or already has marks (a re-import merges).
 *
 * The session's outcomes lock is taken before anything is read and held to
 * the commit, so that no other import of the session writes marks between
 * the check that there are none and this one's; a re-import, which merges,
 * takes it only once its file is staged.
 */
export async function copyFirstMarks(
  trx: Transaction<Database>,
  session: ImportSession,
  source: StreamedFile,
  year: number,
  onBytes: (bytesRead: number) => void,
  sizes = FIRST_MARKS_COPY,
): Promise<{ rows: number } | null> {
  if (!(await examSessionExists(trx, year)) || (await sessionHasMarks(trx, year))) return null;
  // Asked again under the lock: another import may have written some since.
  await lockSessionOutcomes(trx, year, 'exclusive');
  if (await sessionHasMarks(trx, year)) return null;
  const candidates = await SessionCandidates.load(trx, year);
  const codes = await sessionMarkCodesBySpecialty(trx, year);

  const tally = new ProblemTally();
  let written = 0;
  async function* resolved(): AsyncGenerator<readonly ResolvedMark[]> {
    for await (const rows of parsedLines(
      source,
      IMPORT_KINDS.MARKS,
      parseMarkLine,
      tally,
      onBytes,
    )) {
      if (tally.total > 0) throw new NotWrittenHere();
      const marks: ResolvedMark[] = [];
      for (const row of rows) {
        const at = candidates.positionOf(row.number);
        if (at === undefined || codes.get(candidates.specialtyAt(at))?.has(row.code) !== true)
          throw new NotWrittenHere();
        candidates.noteWritten(at);
        marks.push({ candidateId: candidates.idAt(at), code: row.code, entry: row.entry });
      }
      written += marks.length;
      yield marks;
    }
    if (tally.total > 0) throw new NotWrittenHere();
  }

  await sql`savepoint first_marks`.execute(trx);
  try {
    if (session.copy === null) await insertFirstMarks(trx, resolved());
    else
      await copyInParts(
        session.copy,
        COPY_FIRST_MARKS_STATEMENT,
        copyTextChunks(resolved(), firstMarkCopyLine, sizes.chunkBytes),
        Math.max(1, Math.floor(sizes.partBytes / sizes.chunkBytes)),
      );
  } catch (error) {
    const repeated = databaseErrorOf(error)?.code === SQLSTATE.UNIQUE_VIOLATION;
    if (!(error instanceof NotWrittenHere) && !repeated) throw error;
    await sql`rollback to savepoint first_marks`.execute(trx);
    return null;
  }
  await sql`release savepoint first_marks`.execute(trx);
  await noteCandidatesChanged(trx, candidates.writtenIds());
  return { rows: written };
}
