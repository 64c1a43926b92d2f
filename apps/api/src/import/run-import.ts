import { NATIONAL_RULES, type RuleSet } from '@rattrapage/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  COPY_MARKS_STATEMENT,
  createMarksStaging,
  findStagedMarkProblems,
  marksAsCopyText,
  analyzeMarksAfterMerge,
  findStagedDuplicates,
  mergeStagedMarks,
  stageMarksByInsert,
} from '../repositories/import-marks.repository.ts';
import {
  examSessionExists,
  takenIdentifiers,
} from '../repositories/import-reference.repository.ts';
import { recordImportRun } from '../repositories/import-runs.repository.ts';
import {
  type WriteCounts,
  createCandidateAccounts,
  upsertCandidates,
  upsertControlMarks,
  upsertSchools,
  upsertStructure,
} from '../repositories/import-writes.repository.ts';
import { deliberateChangedByImport } from '../services/deliberate.ts';
import { currentSessionReferences } from '../services/reference-cache.ts';
import {
  checkCandidateReferences,
  checkControlMarkReferences,
  checkStructureReferences,
} from './check-references.ts';
import {
  type FileEncoding,
  type ImportFile,
  decodeFile,
  decodedChunks,
  fileOfBytes,
  inspectFile,
} from './import-file.ts';
import { IMPORT_KINDS, type ImportKind, TRAILING_COLUMNS } from './import-kind.ts';
import {
  type ImportProblem,
  MAX_LISTED_PROBLEMS,
  problem,
  sortProblems,
} from './import-problem.ts';
import { type ImportSession, withImportSession } from '../db/import-session.ts';
import { hashAll, initialPassword } from './initial-passwords.ts';
import {
  type CandidateRow,
  type ControlMarkRow,
  type MarkRow,
  type Parsed,
  type SchoolRow,
  type StructureRow,
  parseCandidates,
  parseControlMarks,
  duplicateMarkProblem,
  parseMarkLine,
  parseSchools,
  parseStructures,
} from './parse-rows.ts';
import { readCsv, streamCsv } from './read-csv.ts';

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

export type ImportPhase = 'reading' | 'passwords' | 'writing' | 'deliberating';

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
  readonly onProgress?: (phase: ImportPhase, done: number, total: number) => void;
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

class Refusal extends Error {
  readonly problems: readonly ImportProblem[];
  readonly total: number;
  constructor(problems: readonly ImportProblem[], total = problems.length) {
    super('import refused');
    this.problems = problems;
    this.total = total;
  }
}

class NoSession extends Error {}

/** First-group marks are not parsed ahead: millions of lines stream from the file into the staging table. */
type Source = Rows | { kind: 'MARKS'; file: ImportFile; encoding: FileEncoding };

type Rows =
  | { kind: 'SCHOOLS'; rows: SchoolRow[] }
  | { kind: 'CANDIDATES'; rows: CandidateRow[] }
  | { kind: 'STRUCTURES'; rows: StructureRow[] }
  | { kind: 'CONTROL_MARKS'; rows: ControlMarkRow[] };

function parseKind(
  kind: Exclude<ImportKind, 'MARKS'>,
  lines: Parameters<typeof parseSchools>[0],
  rules: RuleSet,
): Rows & { problems: Parsed<unknown>['problems'] } {
  switch (kind) {
    case 'SCHOOLS':
      return { kind, ...parseSchools(lines) };
    case 'CANDIDATES':
      return { kind, ...parseCandidates(lines) };
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

  // Hashing is slow by design (argon2id): it is done before the transaction,
  // for the numbers that have no account yet, so no lock waits on it.
  let pending: { number: string; password: string; passwordHash: string }[] = [];
  if (parsed.kind === 'CANDIDATES' && request.createAccounts) {
    const taken = await takenIdentifiers(
      db,
      parsed.rows.map((r) => r.number),
    );
    const fresh = parsed.rows.filter((r) => !taken.has(r.number));
    const passwords = fresh.map(() => initialPassword());
    progress('passwords', 0, fresh.length);
    const hashes = await hashAll(passwords, request.hashPassword, (done) => {
      progress('passwords', done, fresh.length);
    });
    pending = fresh.map((r, i) => ({
      number: r.number,
      password: passwords[i] ?? '',
      passwordHash: hashes[i] ?? '',
    }));
  }

  try {
    return await withImportSession(db, (session) =>
      session.db.transaction().execute(async (trx) => {
        const counts = await write(trx, session, parsed, year, actor, at, pending, progress);
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
  pending: readonly { number: string; password: string; passwordHash: string }[],
  progress: NonNullable<ImportRequest['onProgress']>,
): Promise<WriteCounts & { initialPasswords: InitialPassword[]; rows: number }> {
  // A file's own problems are reported before an unknown session, whatever the kind.
  if (parsed.kind === 'MARKS') return writeMarks(trx, session, parsed, year, progress);
  await requireSession(trx, year);
  const rows = rowCount(parsed);
  return { ...(await writeRows(trx, parsed, year, actor, at, pending, progress)), rows };
}

async function requireSession(trx: Transaction<Database>, year: number): Promise<void> {
  if (!(await examSessionExists(trx, year))) throw new NoSession();
}

async function writeRows(
  trx: Transaction<Database>,
  parsed: Rows,
  year: number,
  actor: ImportActor,
  at: Date,
  pending: readonly { number: string; password: string; passwordHash: string }[],
  progress: NonNullable<ImportRequest['onProgress']>,
): Promise<WriteCounts & { initialPasswords: InitialPassword[] }> {
  const none: InitialPassword[] = [];
  switch (parsed.kind) {
    case 'SCHOOLS':
      return { ...(await upsertSchools(trx, parsed.rows)), initialPasswords: none };
    case 'STRUCTURES': {
      const problems = await checkStructureReferences(trx, year, parsed.rows);
      if (problems.length > 0) throw new Refusal(problems);
      const counts = { inserted: 0, updated: 0 };
      for (const s of parsed.rows) {
        const c = await upsertStructure(trx, year, s.structure);
        counts.inserted += c.inserted;
        counts.updated += c.updated;
      }
      return { ...counts, initialPasswords: none };
    }
    case 'CANDIDATES': {
      const problems = await checkCandidateReferences(trx, year, parsed.rows);
      if (problems.length > 0) throw new Refusal(problems);
      const counts = await upsertCandidates(trx, year, parsed.rows, (done) => {
        progress('writing', done, parsed.rows.length);
      });
      const created = await createCandidateAccounts(trx, year, pending);
      const initialPasswords = pending
        .filter((p) => created.has(p.number))
        .map((p) => ({ number: p.number, password: p.password }));
      return { ...counts, initialPasswords };
    }
    case 'CONTROL_MARKS': {
      const { problems, candidates } = await checkControlMarkReferences(trx, year, parsed.rows);
      if (problems.length > 0) throw new Refusal(problems);
      const counts = await upsertControlMarks(
        trx,
        parsed.rows.map((r) => ({
          candidateId: candidates.get(r.number)?.id ?? '',
          testCode: r.testCode,
          entry: r.entry,
        })),
        actor.accountId ?? '',
        at,
      );
      return { ...counts, initialPasswords: none };
    }
  }
}

/**
 * First-group marks, streamed: each line is checked as it is read and
 * staged at once (COPY on PostgreSQL), so memory holds a chunk, not the
 * file; duplicates and references are then found by the database. A file
 * with any problem is refused whole (the transaction rolls back).
 */
async function writeMarks(
  trx: Transaction<Database>,
  session: ImportSession,
  source: { file: ImportFile; encoding: FileEncoding },
  year: number,
  progress: NonNullable<ImportRequest['onProgress']>,
): Promise<WriteCounts & { initialPasswords: InitialPassword[]; rows: number }> {
  await createMarksStaging(trx);
  const { file, encoding } = source;
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of decodedChunks(file, encoding)) {
      yield chunk.text;
      progress('reading', chunk.bytesRead, file.size);
    }
  }
  // The first problems by line, and how many: a wholly wrong file lists a page, not millions.
  const listed: ImportProblem[] = [];
  let total = 0;
  const note = (found: readonly ImportProblem[]) => {
    total += found.length;
    for (const p of found) if (listed.length < MAX_LISTED_PROBLEMS) listed.push(p);
  };
  let rows = 0;
  async function* valid(): AsyncGenerator<MarkRow> {
    for await (const read of streamCsv(text(), IMPORT_KINDS.MARKS)) {
      if ('problem' in read) {
        note([read.problem]);
        continue;
      }
      const found: ImportProblem[] = [];
      const row = parseMarkLine(read.line, found);
      note(found);
      if (row !== null) {
        rows++;
        yield row;
      }
    }
  }
  if (session.copy === null) await stageMarksByInsert(trx, valid());
  else await session.copy(COPY_MARKS_STATEMENT, marksAsCopyText(valid()));
  progress('writing', rows, rows);
  const repeated = await findStagedDuplicates(trx, MAX_LISTED_PROBLEMS);

  total += repeated.total;
  if (total > 0)
    throw new Refusal(
      sortProblems([
        ...listed,
        ...repeated.duplicates.map((d) => duplicateMarkProblem(d.line, d.code, d.firstLine)),
      ]).slice(0, MAX_LISTED_PROBLEMS),
      total,
    );
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
  await analyzeMarksAfterMerge(trx, counts.inserted + counts.updated);
  if (counts.inserted + counts.updated > 0) {
    progress('deliberating', 0, 1);
    await deliberateChangedByImport(trx, year);
    progress('deliberating', 1, 1);
  }
  return { ...counts, initialPasswords: [], rows };
}
