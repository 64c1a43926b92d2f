import { join } from 'node:path';
import type { DatabaseHandle } from '@rattrapage/api/database';
import { sql } from 'kysely';
import { copyFile } from '../data/load-rows.ts';
import { BENCH_YEAR, type Population } from '../data/population.ts';
import { copyTextChunks, markRows, marksCsvChunks } from '../data/table-rows.ts';
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

async function emptyMarks(handle: DatabaseHandle): Promise<void> {
  await sql`truncate first_group_marks`.execute(handle.db);
  await sql`update candidates set first_group_outcome = null where first_group_outcome is not null`.execute(
    handle.db,
  );
}

/**
 * The import command's phases: "Écriture n/n" once every line is read,
 * checked and written (one stream: a session's first marks straight into
 * first_group_marks, as here, any other file into the staging table),
 * "Délibération 0/1" once a staged file is checked and merged, and the new
 * marks analysed, "Délibération 1/1" once deliberated.
 */
const PHASE_LINES: PhaseLines = [
  [
    'start, then read, check and write every line (COPY into first_group_marks, in parts)',
    /^Écriture : (\d+)\/\1$/,
  ],
  ['merge (a staged file only) and analyse', /^Délibération : 0\//],
  ['deliberate every candidate', /^Délibération : 1\//],
];

const marksImport = (
  ctx: BenchContext,
  location: DatabaseLocation,
  csvPath: string,
  logName: string,
) =>
  runImportCommand(
    ctx,
    location,
    ['marks', csvPath, '--year', String(BENCH_YEAR)],
    PHASE_LINES,
    logName,
  );

/**
 * Row 5: the exam office imports the first-group marks from its CSV file
 * with `pnpm rattrapage import marks` (the API's import: parse and check
 * every line, COPY the session's first marks into first_group_marks,
 * deliberate, in one transaction), against a bare COPY of the same rows
 * into the same, equally empty and vacuumed, table. Each is measured twice,
 * in turns (COPY, import, COPY, import), a quarter of the file between the
 * two turns; the last import is left in place: it is what loads the marks
 * of every later row.
 */
export async function importMarks(
  ctx: BenchContext,
  handle: DatabaseHandle,
  location: DatabaseLocation,
  population: Population,
  data: string,
): Promise<ScenarioResult> {
  const rows = markRows(population);
  const copyPath = join(ctx.workDir, 'marks.copy');
  const csvPath = join(ctx.workDir, 'marks.csv');
  ctx.progress(`import: writing ${rows.count} marks as COPY text and as the import CSV`);
  await writeChunks(copyPath, copyTextChunks(rows.rows()));
  await writeChunks(csvPath, marksCsvChunks(population));
  const quarterPath = join(ctx.workDir, 'marks-quarter.csv');
  await writeChunks(quarterPath, marksCsvChunks(quarterOf(population)));

  // Every run meets the same tables: no marks, no outcome, no dead row left by the run before.
  const emptied = async () => {
    await emptyMarks(handle);
    await sql`vacuum analyze first_group_marks, candidates`.execute(handle.db);
  };
  const copied = async (turn: number) => {
    ctx.progress(`import: COPY of the same rows into first_group_marks (turn ${String(turn)})`);
    await emptied();
    const started = performance.now();
    await copyFile(handle, rows.table, rows.columns, copyPath);
    return (performance.now() - started) / 1000;
  };
  const imported = async (turn: number) => {
    ctx.progress(
      `import: pnpm rattrapage import marks, the API’s import command (turn ${String(turn)})`,
    );
    await emptied();
    return marksImport(ctx, location, csvPath, `import-${String(turn)}.log`);
  };

  const firstCopy = await copied(1);
  const firstImport = await imported(1);
  // A quarter of the file: the import's memory must not grow with the file.
  ctx.progress('import: pnpm rattrapage import marks, a quarter of the file (memory)');
  await emptied();
  const small = await marksImport(ctx, location, quarterPath, 'import-quarter.log');
  const secondCopy = await copied(2);
  const secondImport = await imported(2);
  const counted = await sql<{
    n: string | number;
  }>`select count(*) as n from first_group_marks`.execute(handle.db);
  const stored = Number(counted.rows[0]?.n ?? 0);

  return importResult({
    id: 'import-marks',
    title: 'Import first-group marks (CSV)',
    data,
    rows: rows.count,
    stored,
    copySeconds: [firstCopy, secondCopy],
    whole: [firstImport, secondImport],
    quarter: small,
    steps: 'start, read, check, COPY in parts, deliberate all candidates',
  });
}
