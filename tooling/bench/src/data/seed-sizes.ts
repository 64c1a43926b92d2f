import { join } from 'node:path';
import type { DatabaseHandle } from '@rattrapage/api/database';
import type { DatabaseLocation } from '../processes/api-env.ts';
import { runNode } from '../processes/node-process.ts';
import { type BenchDatabase, createBenchDatabase } from './bench-database.ts';
import { loadRows } from './load-rows.ts';
import { BENCH_YEAR, type PopulationSize, benchSchools, drawCandidates } from './population.ts';
import {
  analyze,
  vacuumAnalyze,
  defineSession,
  issueAcademyToken,
  openDatabase,
  openSessionsOf,
  spreadCandidates,
} from './seed-population.ts';
import { accountRows, candidateRows, markRows, schoolRows } from './table-rows.ts';

/** One session of a given size, ready to be served: its database and the tokens to read it with. */
export interface SizedSession {
  readonly candidates: number;
  readonly database: BenchDatabase;
  readonly location: DatabaseLocation;
  readonly candidateTokens: readonly string[];
  /**
   * Sessions, in this database, of the candidates the smallest session's
   * tokens read: the same reads in a larger database, which tells the
   * table's size apart from how widely the reads are spread through it.
   * The smallest session's own tokens in its own database.
   */
  readonly smallestsReaders: readonly string[];
  readonly academyToken: string;
}

/** Candidates held in memory at once while seeding: a million never are. */
const CHUNK = 25_000;
/** The share of candidates from the académie that pages, as in the main population. */
export const ORIGIN_SHARE = 0.2;

const DELIBERATE_WORKER = new URL('../measure/deliberate-worker.ts', import.meta.url).pathname;

/**
 * Sessions of several sizes, each in a database of its own, so that they
 * can be served side by side and measured in turns. One draw of the largest
 * size feeds them all, chunk by chunk: each database takes the prefix it
 * needs, so the smaller sessions are the first candidates of the larger
 * one, and memory holds one chunk whatever the size. The outcomes are
 * stored by the API's own deliberation, in a process of its own.
 */
export async function seedSessionsOfSizes(input: {
  readonly adminUrl: string;
  readonly stamp: string;
  readonly workDir: string;
  readonly sizes: readonly number[];
  readonly schoolsPerAcademy: number;
  readonly sessions: number;
  readonly passwordHash: string;
  readonly progress: (message: string) => void;
}): Promise<SizedSession[]> {
  const largest = Math.max(...input.sizes);
  const opened: { size: number; database: BenchDatabase; handle: DatabaseHandle }[] = [];
  try {
    for (const size of input.sizes) {
      const database = await createBenchDatabase(input.adminUrl, input.stamp, `size_${size}`);
      await defineSession({ kind: 'postgres', url: database.url }, input.workDir);
      const handle = await openDatabase({ kind: 'postgres', url: database.url });
      opened.push({ size, database, handle });
      await loadRows(
        handle,
        schoolRows({ schools: benchSchools(input.schoolsPerAcademy), candidates: [] }),
      );
    }
    const draw: PopulationSize = {
      candidates: largest,
      ofOrigin: Math.round(largest * ORIGIN_SHARE),
      schoolsPerAcademy: input.schoolsPerAcademy,
    };
    let offset = 0;
    for (const chunk of chunksOf(drawCandidates(draw), CHUNK)) {
      for (const { size, handle } of opened) {
        if (size <= offset) continue;
        const population = { schools: [], candidates: chunk.slice(0, size - offset) };
        await loadRows(handle, candidateRows(population));
        await loadRows(handle, accountRows(population, input.passwordHash));
        await loadRows(handle, markRows(population));
      }
      offset += chunk.length;
      input.progress(`cost growth: ${offset} of ${largest} candidates drawn and loaded`);
    }
    const smallest = opened.reduce((a, b) => (b.size < a.size ? b : a));
    const smallestsReaders = await spreadCandidates(smallest.handle, input.sessions);
    const sessions: SizedSession[] = [];
    for (const { size, database, handle } of opened) {
      // Statistics first, as an import takes them before it deliberates:
      // the deliberation's statements are not planned blind.
      await analyze(handle);
      await runNode(DELIBERATE_WORKER, ['deliberate', String(BENCH_YEAR)], {
        env: { ...process.env, DATABASE_URL: database.url },
        logFile: join(input.workDir, 'deliberate-worker.log'),
      }).output;
      // Deliberation rewrote every candidate's row: vacuumed, as autovacuum
      // would soon do, so that each size is read in the same settled state.
      await vacuumAnalyze(handle);
      const isSmallest = handle === smallest.handle;
      const readers = isSmallest
        ? smallestsReaders
        : await spreadCandidates(handle, input.sessions);
      const candidateTokens = await openSessionsOf(handle, readers, 12);
      sessions.push({
        candidates: size,
        database,
        location: { kind: 'postgres', url: database.url },
        candidateTokens,
        smallestsReaders: isSmallest
          ? candidateTokens
          : await openSessionsOf(handle, smallestsReaders, 12),
        academyToken: await issueAcademyToken(handle, input.passwordHash),
      });
    }
    return sessions;
  } finally {
    for (const { handle } of opened) await handle.close();
  }
}

function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
