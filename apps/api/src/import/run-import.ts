import { NATIONAL_RULES, type RuleSet } from '@rattrapage/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../access/viewer.ts';
import { type ImportSession, withImportSession } from '../db/import-session.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { recordImportRun } from '../repositories/import-runs.repository.ts';
import {
  type WriteCounts,
  upsertControlMarks,
  upsertSchools,
  upsertStructure,
} from '../repositories/import-writes.repository.ts';
import { currentSessionReferences } from '../services/reference-cache.ts';
import { checkControlMarkReferences, checkStructureReferences } from './check-references.ts';
import { decodeFile, fileOfBytes, inspectFile } from './import-file.ts';
import { IMPORT_KINDS, type ImportKind, TRAILING_COLUMNS } from './import-kind.ts';
import {
  type ImportProblem,
  MAX_LISTED_PROBLEMS,
  problem,
  sortProblems,
} from './import-problem.ts';
import { NoSession, Refusal, requireSession } from './import-refusal.ts';
import type { ImportFile } from './import-file.ts';
import type { StreamedFile } from './parsed-lines.ts';
import {
  type ControlMarkRow,
  type Parsed,
  type SchoolRow,
  type StructureRow,
  parseControlMarks,
  parseSchools,
  parseStructures,
} from './parse-rows.ts';
import { readCsv } from './read-csv.ts';
import {
  type CandidateAccounts,
  type FileWritten,
  NO_NUMBERS,
  type NumbersWithAnotherAccount,
  pendingAccounts,
  writeCandidates,
} from './write-candidates.ts';
import { writeMarks } from './write-marks.ts';

/**
 * Imports one CSV file: every line is checked first (format, then
 * references, inside the transaction), and only a file with no bad line is
 * written, in ONE transaction with its audit entry and its import_runs row.
 * Writes are upserts keyed by candidate number and test code that leave
 * identical rows alone, so a file imported twice changes nothing the second
 * time. After first-group marks change, the stored outcomes of the
 * candidates concerned are recomputed by the domain in the same transaction.
 */

export interface ImportActor {
  /** Null from the command line. */
  readonly accountId: string | null;
  readonly role: Role | null;
  /** 'cli' or the account's identifier, for the audit entry. */
  readonly label: string;
}

export type ImportPhase = 'checking' | 'reading' | 'passwords' | 'writing' | 'deliberating';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

/** The file: bytes already in memory (an upload), or read as a stream (the command line's file on disk). */
export type ImportBytes =
  | { readonly bytes: Uint8Array; readonly file?: never }
  | { readonly file: ImportFile; readonly bytes?: never };

export type ImportRequest = ImportBytes & {
  readonly kind: ImportKind;
  readonly year: number;
  readonly actor: ImportActor;
  readonly at: Date;
  /** argon2id (auth/password.ts) in production; tests may pass a cheaper one. */
  readonly hashPassword: (password: string) => Promise<string>;
  /**
   * CANDIDATES: whether to create the accounts of new candidates. Only where
   * their initial passwords can be handed over safely (the CLI writes them
   * to a file); the GraphQL import never creates them (see import.ts).
   */
  readonly createAccounts: boolean;
  readonly onProgress?: ImportProgress;
};

export interface InitialPassword {
  readonly number: string;
  readonly password: string;
}

export interface ImportReport {
  readonly kind: ImportKind;
  readonly year: number;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly fileSha256: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  /** CANDIDATES only: the accounts created by this import and their initial passwords. */
  readonly initialPasswords: readonly InitialPassword[];
  /**
   * CANDIDATES creating accounts only: the numbers that got none because
   * each is already the identifier of another candidature's account (an
   * earlier session's); the first ones, and how many.
   */
  readonly numbersWithAnotherAccount: NumbersWithAnotherAccount;
}

export type ImportOutcome =
  | { readonly kind: 'imported'; readonly report: ImportReport }
  | {
      readonly kind: 'refused';
      readonly fileSha256: string;
      /** Sorted by line, at most MAX_LISTED_PROBLEMS. */
      readonly problems: readonly ImportProblem[];
      readonly total: number;
    }
  | { readonly kind: 'unknownSession'; readonly year: number };

/**
 * The two kinds whose files can be large (a national candidates file, millions
 * of marks) are not parsed ahead: their lines stream from the file into a
 * staging table, in the transaction.
 */
type Source = Rows | ({ kind: 'MARKS' } & StreamedFile) | ({ kind: 'CANDIDATES' } & StreamedFile);

type Rows =
  | { kind: 'SCHOOLS'; rows: SchoolRow[] }
  | { kind: 'STRUCTURES'; rows: StructureRow[] }
  | { kind: 'CONTROL_MARKS'; rows: ControlMarkRow[] };

function parseKind(
  kind: Rows['kind'],
  lines: Parameters<typeof parseSchools>[0],
  rules: RuleSet,
): Rows & { problems: Parsed<unknown>['problems'] } {
  switch (kind) {
    case 'SCHOOLS':
      return { kind, ...parseSchools(lines) };
    case 'STRUCTURES':
      return { kind, ...parseStructures(lines, rules) };
    case 'CONTROL_MARKS':
      return { kind, ...parseControlMarks(lines) };
  }
}

function rowCount(parsed: Rows): number {
  return parsed.kind === 'STRUCTURES'
    ? parsed.rows.reduce((n, s) => n + s.lines.size, 0)
    : parsed.rows.length;
}

function refused(
  fileSha256: string,
  problems: readonly ImportProblem[],
  total = problems.length,
): ImportOutcome {
  return {
    kind: 'refused',
    fileSha256,
    problems: sortProblems(problems).slice(0, MAX_LISTED_PROBLEMS),
    total,
  };
}

export async function runImport(
  db: Kysely<Database>,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const { kind, year, actor, at } = request;
  const progress = request.onProgress ?? (() => undefined);
  const file = request.file ?? fileOfBytes(request.bytes);
  const { sha256: fileSha256, encoding } = await inspectFile(file);
  let parsed: Source;
  if (kind === 'MARKS') parsed = { kind, file, encoding };
  else if (kind === 'CANDIDATES') parsed = { kind, file, encoding };
  else {
    const text = await decodeFile(file, encoding);
    const reading = readCsv(text, IMPORT_KINDS[kind], TRAILING_COLUMNS[kind]);
    if (!reading.ok) return refused(fileSha256, reading.problems);
    progress('reading', reading.lines.length, reading.lines.length);
    // A session's rules never change once it is defined: read before the
    // transaction (from the reference the requests share), they are the ones
    // the import is written under. An unknown session is refused inside it
    // (unknownSession).
    const rules =
      kind === 'STRUCTURES'
        ? ((await currentSessionReferences(db, [year]))[0]?.policy ?? NATIONAL_RULES)
        : NATIONAL_RULES;
    const rowsAndProblems = parseKind(kind, reading.lines, rules);
    if (rowsAndProblems.problems.length > 0) return refused(fileSha256, rowsAndProblems.problems);
    parsed = rowsAndProblems;
  }

  if (parsed.kind === 'CONTROL_MARKS' && actor.accountId === null) {
    // control_marks.recorded_by_account_id names who recorded each mark.
    return refused(fileSha256, [
      problem(
        1,
        null,
        null,
        'un import de notes de contrôle se fait au nom d’un compte (option --account)',
      ),
    ]);
  }

  try {
    // Hashing is slow by design (argon2id): it is done before the
    // transaction, for the numbers that have no account yet.
    const pending =
      parsed.kind === 'CANDIDATES' && request.createAccounts
        ? await pendingAccounts(db, parsed, year, request.hashPassword, progress)
        : [];
    return await withImportSession(db, (session) =>
      session.db.transaction().execute(async (trx) => {
        const accounts = { create: request.createAccounts, pending };
        const counts = await write(trx, session, parsed, year, actor, at, accounts, progress);
        const rows = counts.rows;
        const changed: WriteCounts = { inserted: counts.inserted, updated: counts.updated };
        const report: ImportReport = {
          kind,
          year,
          rows,
          inserted: changed.inserted,
          updated: changed.updated,
          unchanged: rows - changed.inserted - changed.updated,
          fileSha256,
          encoding,
          initialPasswords: counts.initialPasswords,
          numbersWithAnotherAccount: counts.numbersWithAnotherAccount,
        };
        await appendAudit(trx, {
          at,
          actorAccountId: actor.accountId,
          actorRole: actor.role,
          action: `IMPORT_${kind}`,
          after: {
            by: actor.label,
            year,
            fileSha256,
            rows,
            inserted: report.inserted,
            updated: report.updated,
            unchanged: report.unchanged,
            accountsCreated: report.initialPasswords.length,
          },
        });
        await recordImportRun(trx, {
          year,
          kind,
          fileSha256,
          actorAccountId: actor.accountId,
          at,
          rows,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
        });
        return { kind: 'imported' as const, report };
      }),
    );
  } catch (error) {
    if (error instanceof Refusal) return refused(fileSha256, error.problems, error.total);
    if (error instanceof NoSession) return { kind: 'unknownSession', year };
    throw error;
  }
}

async function write(
  trx: Transaction<Database>,
  session: ImportSession,
  parsed: Source,
  year: number,
  actor: ImportActor,
  at: Date,
  accounts: CandidateAccounts,
  progress: ImportProgress,
): Promise<FileWritten> {
  // A file's own problems are reported before an unknown session, whatever the kind.
  if (parsed.kind === 'MARKS')
    return {
      ...(await writeMarks(trx, session, parsed, year, progress)),
      initialPasswords: [],
      numbersWithAnotherAccount: NO_NUMBERS,
    };
  if (parsed.kind === 'CANDIDATES')
    return writeCandidates(trx, session, parsed, year, accounts, progress);
  await requireSession(trx, year);
  return {
    ...(await writeRows(trx, parsed, year, actor, at)),
    initialPasswords: [],
    numbersWithAnotherAccount: NO_NUMBERS,
    rows: rowCount(parsed),
  };
}

async function writeRows(
  trx: Transaction<Database>,
  parsed: Rows,
  year: number,
  actor: ImportActor,
  at: Date,
): Promise<WriteCounts> {
  switch (parsed.kind) {
    case 'SCHOOLS':
      return upsertSchools(trx, parsed.rows);
    case 'STRUCTURES': {
      const problems = await checkStructureReferences(trx, year, parsed.rows);
      if (problems.length > 0) throw new Refusal(problems);
      const counts = { inserted: 0, updated: 0 };
      for (const s of parsed.rows) {
        const c = await upsertStructure(trx, year, s.structure);
        counts.inserted += c.inserted;
        counts.updated += c.updated;
      }
      return counts;
    }
    case 'CONTROL_MARKS': {
      const { problems, candidates } = await checkControlMarkReferences(trx, year, parsed.rows);
      if (problems.length > 0) throw new Refusal(problems);
      return upsertControlMarks(
        trx,
        parsed.rows.map((r) => ({
          candidateId: candidates.get(r.number)?.id ?? '',
          testCode: r.testCode,
          entry: r.entry,
        })),
        actor.accountId ?? '',
        at,
      );
    }
  }
}
