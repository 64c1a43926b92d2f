import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DatabaseHandle } from '@rattrapage/api/database';
import { sql } from 'kysely';
import { copyFile } from '../data/load-rows.ts';
import { BENCH_YEAR, type Population } from '../data/population.ts';
import { copyTextChunks, markRows, marksCsvChunks } from '../data/table-rows.ts';
import { watchPeakRss } from '../measure/peak-rss.ts';
import { API_SOURCE, type DatabaseLocation, apiDatabaseEnv } from '../processes/api-env.ts';
import { runNode } from '../processes/node-process.ts';
import { MB, type ScenarioResult, ratioOf } from '../report/scenario-result.ts';
import type { BenchContext } from './bench-context.ts';

async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), createWriteStream(path));
}

async function emptyMarks(handle: DatabaseHandle): Promise<void> {
  await sql`truncate first_group_marks`.execute(handle.db);
  await sql`update candidates set first_group_outcome = null where first_group_outcome is not null`.execute(
    handle.db,
  );
}

/**
 * The import command's phases, from the progress lines it prints
 * (import/progress.ts): "Écriture n/n" once every line is read, checked
 * and staged (one stream), "Délibération 0/1"
 * once checked and merged, "Délibération 1/1" once deliberated.
 */
const PHASE_LINES = [
  ['start, then read, check and stage every line (streamed into COPY)', /^Écriture : (\d+)\/\1$/],
  ['check and merge into first_group_marks', /^Délibération : 0\//],
  ['deliberate every candidate', /^Délibération : 1\//],
] as const;

function phaseTimes(startedAt: number, seen: ReadonlyMap<string, number>, endedAt: number): string {
  let previous = startedAt;
  const parts: string[] = [];
  for (const [label] of PHASE_LINES) {
    const at = seen.get(label);
    if (at === undefined) continue;
    parts.push(`${label} ${((at - previous) / 1000).toFixed(1)} s`);
    previous = at;
  }
  parts.push(`record and commit ${((endedAt - previous) / 1000).toFixed(1)} s`);
  return parts.join('; ');
}

/** One run of the import command on a file, in a process of its own: its time, phases and peak memory. */
async function importCommand(
  ctx: BenchContext,
  location: DatabaseLocation,
  csvPath: string,
  logName: string,
) {
  const startedAt = performance.now();
  const seen = new Map<string, number>();
  const run = runNode(
    join(API_SOURCE, 'import', 'import-command.ts'),
    ['marks', csvPath, '--year', String(BENCH_YEAR)],
    {
      env: { ...process.env, ...apiDatabaseEnv(location), LOG_LEVEL: 'warn' },
      logFile: join(ctx.workDir, logName),
      onLine: (line) => {
        const phase = PHASE_LINES.find(([, pattern]) => pattern.test(line));
        if (phase !== undefined && !seen.has(phase[0])) seen.set(phase[0], performance.now());
      },
    },
  );
  const memory = watchPeakRss(run.pid);
  const report = await run.output;
  const endedAt = performance.now();
  return {
    startedAt,
    endedAt,
    seconds: (endedAt - startedAt) / 1000,
    seen,
    report,
    peak: memory.stop(),
  };
}

/**
 * Row 5: the exam office imports the first-group marks from its CSV file
 * with `pnpm rattrapage import marks` (the API's import: parse, check every
 * line, stage with COPY, merge, deliberate, in one transaction), against a
 * bare COPY of the same rows into the same, equally empty, table. The
 * import is left in place: it is what loads the marks of every later row.
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

  ctx.progress('import: COPY of the same rows into first_group_marks');
  await emptyMarks(handle);
  const copyStarted = performance.now();
  await copyFile(handle, rows.table, rows.columns, copyPath);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  await emptyMarks(handle);
  await sql`vacuum analyze first_group_marks`.execute(handle.db);

  // A quarter of the file first: the import's memory must not grow with the file.
  const quarter = {
    ...population,
    candidates: population.candidates.slice(0, Math.ceil(population.candidates.length / 4)),
  };
  const quarterPath = join(ctx.workDir, 'marks-quarter.csv');
  await writeChunks(quarterPath, marksCsvChunks(quarter));
  ctx.progress('import: pnpm rattrapage import marks, a quarter of the file (memory)');
  const small = await importCommand(ctx, location, quarterPath, 'import-quarter.log');
  await emptyMarks(handle);
  await sql`vacuum analyze first_group_marks`.execute(handle.db);

  ctx.progress('import: pnpm rattrapage import marks (the API’s import command)');
  const whole = await importCommand(ctx, location, csvPath, 'import.log');
  const { seconds: importSeconds, peak, report } = whole;
  const counted = await sql<{
    n: string | number;
  }>`select count(*) as n from first_group_marks`.execute(handle.db);
  const stored = Number(counted.rows[0]?.n ?? 0);

  const subject = {
    label: 'import',
    value: rows.count / importSeconds,
    unit: 'rows/s' as const,
    peakRssMb: peak / MB,
  };
  const peer = { label: 'COPY', value: rows.count / copySeconds, unit: 'rows/s' as const };
  const ratio = ratioOf(subject.value, peer.value);
  return {
    id: 'import-marks',
    title: 'Import first-group marks (CSV)',
    data,
    subject,
    peer,
    ratio,
    target: '≥ 0.5× the COPY rate; peak RSS ≤ 300 MB, a quarter of the file within 20 %',
    checks: [
      { label: 'import rows/s ≥ 0.5 × COPY rows/s', met: ratio >= 0.5 },
      { label: 'import peak RSS ≤ 300 MB', met: peak / MB <= 300 },
      {
        label: 'peak RSS of the whole file within 20 % of a quarter of it',
        met: peak <= small.peak * 1.2,
      },
      { label: 'every row imported', met: stored === rows.count },
    ],
    notes: [
      `Import ${importSeconds.toFixed(1)} s (a new process: start, read, check, stage, merge, deliberate all candidates), COPY ${copySeconds.toFixed(1)} s.`,
      `Import phases: ${phaseTimes(whole.startedAt, whole.seen, whole.endedAt)}.`,
      `Peak RSS: ${(peak / MB).toFixed(0)} MB for the whole file, ${(small.peak / MB).toFixed(0)} MB for a quarter of it (${small.seconds.toFixed(1)} s).`,
      `The import said: ${report.trim().split('\n').at(-1) ?? ''}`,
    ],
    raw: {
      importSeconds,
      copySeconds,
      rows: rows.count,
      stored,
      importPeakRssBytes: peak,
      quarterPeakRssBytes: small.peak,
    },
  };
}
