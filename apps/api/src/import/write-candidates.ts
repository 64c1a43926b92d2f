import type { Kysely, Transaction } from 'kysely';
import type { ImportSession } from '../db/import-session.ts';
import type { Database } from '../db/schema.ts';
import {
  CANDIDATES_STAGING_KEY,
  COPY_CANDIDATES_STATEMENT,
  type StagedCandidate,
  type StagedCandidateProblem,
  stagedCandidateCopyLine,
  createCandidatesStaging,
  findStagedCandidateProblems,
  mergeStagedCandidates,
  numbersHeldByOtherAccounts,
  stageCandidatesByInsert,
} from '../repositories/import-candidates.repository.ts';
import {
  examSessionExists,
  existingSchoolUais,
  specialtyCodesOfYear,
  takenIdentifiers,
} from '../repositories/import-reference.repository.ts';
import {
  type WriteCounts,
  createCandidateAccounts,
} from '../repositories/import-writes.repository.ts';
import { lockSessionOutcomes } from '../repositories/outcome-lock.ts';
import { copyTextChunks } from '../repositories/staging.ts';
import { IMPORT_KINDS } from './import-kind.ts';
import { type ImportProblem, MAX_LISTED_PROBLEMS, problem } from './import-problem.ts';
import { ProblemTally, Refusal, requireSession } from './import-refusal.ts';
import { type Staging, stageFile } from './stage-file.ts';
import { hashAll, initialPassword } from './initial-passwords.ts';
import { type StreamedFile, parsedLines } from './parsed-lines.ts';
import { duplicateCandidateProblem, parseCandidateLine } from './parse-rows.ts';
import type { ImportProgress, InitialPassword } from './run-import.ts';

/**
 * The candidates file, streamed as the marks are: each line checked as it
 * is read and staged at once; duplicates, specialties and schools checked
 * by the database; one merge. Memory holds a chunk of the file, and the
 * accounts to create with their initial passwords (those are the import's
 * answer).
 */

export interface PendingAccount {
  readonly number: string;
  readonly password: string;
  readonly passwordHash: string;
}

const CANDIDATES_STAGING: Staging<StagedCandidate> = {
  columns: IMPORT_KINDS.CANDIDATES,
  parseLine: parseCandidateLine,
  copyStatement: COPY_CANDIDATES_STATEMENT,
  asCopyText: (rows) => copyTextChunks(rows, stagedCandidateCopyLine),
  insert: stageCandidatesByInsert,
  key: CANDIDATES_STAGING_KEY,
  duplicateProblem: duplicateCandidateProblem,
};

/** Whether this import creates candidates' accounts (the command line does), and those it will create. */
export interface CandidateAccounts {
  readonly create: boolean;
  readonly pending: readonly PendingAccount[];
}

/** Numbers that got no account because another candidature's account has them: the first ones, and how many. */
export interface NumbersWithAnotherAccount {
  readonly numbers: readonly string[];
  readonly total: number;
}

export const NO_NUMBERS: NumbersWithAnotherAccount = { numbers: [], total: 0 };

/** What writing a file did, as every kind answers it (the others create no account). */
export type FileWritten = WriteCounts & {
  rows: number;
  initialPasswords: InitialPassword[];
  numbersWithAnotherAccount: NumbersWithAnotherAccount;
};

/** How many numbers with another candidature's account the report lists (all are counted). */
const LISTED_NUMBERS = 100;

/** How many numbers are asked about at a time. */
const NUMBERS_PER_LOOKUP = 5000;

/**
 * The accounts this file would create, their passwords drawn and hashed:
 * a first reading of the file, before the transaction, so that no lock
 * waits on argon2id. Only the numbers without an account are kept. A file
 * the transaction will refuse has no password hashed (hashing a national
 * file takes most of an hour): for a session that does not exist, a line
 * with a problem of its own, an unknown specialty or school. The
 * transaction then says why, with what only it finds (repeated numbers).
 */
export async function pendingAccounts(
  db: Kysely<Database>,
  source: StreamedFile,
  year: number,
  hashPassword: (password: string) => Promise<string>,
  progress: ImportProgress,
): Promise<PendingAccount[]> {
  if (!(await examSessionExists(db, year))) return [];
  const specialties = await specialtyCodesOfYear(db, year);
  const tally = new ProblemTally();
  let refused = false;
  // A number repeated in the file is refused later, by the database: it is asked about once.
  const fresh = new Set<string>();
  let numbers = new Set<string>();
  let schools = new Set<string>();
  const ask = async (): Promise<void> => {
    const known = await existingSchoolUais(db, [...schools]);
    if (known.size < schools.size) refused = true;
    const taken = await takenIdentifiers(db, [...numbers]);
    for (const number of numbers) if (!taken.has(number)) fresh.add(number);
    numbers = new Set();
    schools = new Set();
  };
  for await (const rows of parsedLines(
    source,
    IMPORT_KINDS.CANDIDATES,
    parseCandidateLine,
    tally,
    (bytes) => {
      progress('checking', bytes, source.file.size);
    },
  ))
    for (const row of rows) {
      if (!specialties.has(row.specialtyCode)) refused = true;
      // Refused already: the rest is read for the progress only.
      if (refused || tally.total > 0) break;
      if (fresh.has(row.number)) continue;
      numbers.add(row.number);
      if (row.schoolUai !== null) schools.add(row.schoolUai);
      if (numbers.size === NUMBERS_PER_LOOKUP) await ask();
    }
  if (numbers.size > 0) await ask();
  if (refused || tally.total > 0) return [];
  const drawn = [...fresh];
  const passwords = drawn.map(() => initialPassword());
  progress('passwords', 0, drawn.length);
  const hashes = await hashAll(passwords, hashPassword, (done) => {
    progress('passwords', done, drawn.length);
  });
  return drawn.map((number, i) => ({
    number,
    password: passwords[i] ?? '',
    passwordHash: hashes[i] ?? '',
  }));
}

function describeReference(p: StagedCandidateProblem, year: number): ImportProblem {
  switch (p.kind) {
    case 'unknown_specialty':
      return problem(p.line, 'specialty', p.value, `spécialité inconnue pour la session ${year}`);
    case 'specialty_fixed':
      return problem(
        p.line,
        'specialty',
        p.value,
        `ce candidat a déjà des notes ou une décision du jury au premier groupe en ${p.stored ?? '?'} : sa spécialité ne peut plus changer`,
      );
    case 'unknown_school':
      return problem(p.line, 'school_uai', p.value, 'établissement inconnu');
  }
}

export async function writeCandidates(
  trx: Transaction<Database>,
  session: ImportSession,
  source: StreamedFile,
  year: number,
  accounts: CandidateAccounts,
  progress: ImportProgress,
): Promise<FileWritten> {
  await createCandidatesStaging(trx);
  const rows = await stageFile(trx, session, source, CANDIDATES_STAGING, (bytes) => {
    progress('reading', bytes, source.file.size);
  });
  // Before the session's rows are read or any of them locked, as every
  // writer of outcomes takes it (outcome-lock.ts): no marks import or jury
  // decision can give a first group to a candidate between the check of
  // their specialty and the merge.
  await lockSessionOutcomes(trx, year, 'exclusive');
  await requireSession(trx, year);
  const references = await findStagedCandidateProblems(trx, year, MAX_LISTED_PROBLEMS);
  if (references.total > 0)
    throw new Refusal(
      references.problems.map((p) => describeReference(p, year)),
      references.total,
    );
  progress('writing', 0, rows);
  const counts = await mergeStagedCandidates(trx, year);
  const created = await createCandidateAccounts(trx, year, accounts.pending);
  // Said, since no account is made for them: their number already logs in
  // to another candidature (an earlier session's), which keeps it.
  const numbersWithAnotherAccount = accounts.create
    ? await numbersHeldByOtherAccounts(trx, year, LISTED_NUMBERS)
    : NO_NUMBERS;
  progress('writing', rows, rows);
  const initialPasswords = accounts.pending
    .filter((p) => created.has(p.number))
    .map((p) => ({ number: p.number, password: p.password }));
  return { ...counts, rows, initialPasswords, numbersWithAnotherAccount };
}
