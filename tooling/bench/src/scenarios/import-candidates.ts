import { join } from 'node:path';
import type { DatabaseHandle } from '@rattrapage/api/database';
import { sql } from 'kysely';
import { copyFile } from '../data/load-rows.ts';
import { BENCH_YEAR, type Population } from '../data/population.ts';
import { candidatesCsvChunks, copyTextChunks, importedCandidateRows } from '../data/table-rows.ts';
import type { DatabaseLocation } from '../processes/api-env.ts';
import type { ScenarioResult } from '../report/scenario-result.ts';
import type { BenchContext } from './bench-context.ts';
import {
  type PhaseLines,
  importResult,
  quarterOf,
  runImportCommand,
  writeChunks,
} from './import-command-run.ts';

/** The session the candidates file is imported into: the next one, empty. */
const NEXT_YEAR = BENCH_YEAR + 1;

/**
 * The next session, declared by copying the bench session's rows that a
 * candidate refers to (the session, its publication batches, its
 * specialties) under the next year: what `session define` would write for
 * the same calendar a year later, without the calendar's checks, which the
 * import does not read.
 */
async function declareNextSession(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    for (const table of ['exam_sessions', 'publication_batches', 'specialties']) {
      await sql`create temporary table next_rows on commit drop as
        select * from ${sql.table(table)} where year = ${BENCH_YEAR}`.execute(trx);
      await sql`update next_rows set year = ${NEXT_YEAR}`.execute(trx);
      await sql`insert into ${sql.table(table)} select * from next_rows`.execute(trx);
      await sql`drop table next_rows`.execute(trx);
    }
  });
}

/** The next session gone whole, as it came: its candidates first, then what the import recorded of it. */
async function dropNextSession(handle: DatabaseHandle): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    for (const table of [
      'candidates',
      'import_runs',
      'specialties',
      'publication_batches',
      'exam_sessions',
    ])
      await sql`delete from ${sql.table(table)} where year = ${NEXT_YEAR}`.execute(trx);
  });
  await sql`vacuum analyze candidates`.execute(handle.db);
}

/** The next session's candidates gone, and the table as a load leaves it. */
async function emptyNextSession(handle: DatabaseHandle): Promise<void> {
  await sql`delete from candidates where year = ${NEXT_YEAR}`.execute(handle.db);
  await sql`vacuum analyze candidates`.execute(handle.db);
}

async function nextSessionCandidates(handle: DatabaseHandle): Promise<number> {
  const counted = await sql<{
    n: string | number;
  }>`select count(*) as n from candidates where year = ${NEXT_YEAR}`.execute(handle.db);
  return Number(counted.rows[0]?.n ?? 0);
}

/**
 * The command's phases: "Vérification n/n" once the file has been read a
 * first time (lines checked, numbers without an account looked up),
 * "Écriture 0/n" once read again, staged, and its repeats and references
 * checked, "Écriture n/n" once merged and the accounts created.
 */
const PHASE_LINES: PhaseLines = [
  [
    'start, then check every line and look up the numbers without an account',
    /^Vérification : (\d+)\/\1$/,
  ],
  [
    'read, check and stage every line (streamed into COPY), find repeats and references',
    /^Écriture : 0\//,
  ],
  ['merge into candidates, create accounts', /^Écriture : (\d+)\/\1$/],
];

/**
 * Row 5 b: the exam office imports the candidates file of the next session
 * with `pnpm rattrapage import candidates` (read and check every line, look
 * up the numbers without an account, read again and stage with COPY, check
 * repeats and references, merge, in one transaction), against a bare COPY
 * of the same rows into the same table. Every number already has an
 * account (the bench's session holds the same candidates): no initial
 * password is drawn, so the figure is the import's own, not argon2id's
 * (row 2 measures that). The next session is emptied after each run.
 */
export async function importCandidates(
  ctx: BenchContext,
  handle: DatabaseHandle,
  location: DatabaseLocation,
  population: Population,
  data: string,
): Promise<ScenarioResult> {
  const rows = importedCandidateRows(population, NEXT_YEAR);
  const copyPath = join(ctx.workDir, 'candidates.copy');
  const csvPath = join(ctx.workDir, 'candidates.csv');
  const passwordsPath = join(ctx.workDir, 'initial-passwords.csv');
  ctx.progress(
    `import candidates: writing ${rows.count} candidates as COPY text and as the import CSV`,
  );
  await writeChunks(copyPath, copyTextChunks(rows.rows()));
  await writeChunks(csvPath, candidatesCsvChunks(population));
  await declareNextSession(handle);
  try {
    ctx.progress(`import candidates: COPY of the same rows into candidates (session ${NEXT_YEAR})`);
    const copyStarted = performance.now();
    await copyFile(handle, rows.table, rows.columns, copyPath);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    await emptyNextSession(handle);

    const candidatesImport = (path: string, logName: string) =>
      runImportCommand(
        ctx,
        location,
        ['candidates', path, '--year', String(NEXT_YEAR), '--passwords', passwordsPath],
        PHASE_LINES,
        logName,
      );
    // A quarter of the file first: the import's memory must not grow with the file.
    const quarterPath = join(ctx.workDir, 'candidates-quarter.csv');
    await writeChunks(quarterPath, candidatesCsvChunks(quarterOf(population)));
    ctx.progress(
      'import candidates: pnpm rattrapage import candidates, a quarter of the file (memory)',
    );
    const small = await candidatesImport(quarterPath, 'import-candidates-quarter.log');
    await emptyNextSession(handle);

    ctx.progress('import candidates: pnpm rattrapage import candidates (the API’s import command)');
    const whole = await candidatesImport(csvPath, 'import-candidates.log');
    const stored = await nextSessionCandidates(handle);

    return importResult({
      id: 'import-candidates',
      title: 'Import candidates (CSV)',
      data,
      rows: rows.count,
      stored,
      copySeconds: [copySeconds],
      whole: [whole],
      quarter: small,
      steps: 'start, check, stage, merge; no account to create',
    });
  } finally {
    await dropNextSession(handle);
  }
}
