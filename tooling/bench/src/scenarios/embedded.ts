import { join } from 'node:path';
import { createBenchDatabase } from '../data/bench-database.ts';
import { BENCH_ORIGIN_ACADEMY, generatePopulation } from '../data/population.ts';
import {
  analyze,
  defineSession,
  loadCandidates,
  loadMarksAndDeliberate,
  openCandidateSessions,
  openDatabase,
} from '../data/seed-population.ts';
import type { DatabaseLocation } from '../processes/api-env.ts';
import { type ServerProcess, startApi } from '../processes/http-server-process.ts';
import { type ScenarioResult, cpuNote, loadFigure, ratioOf } from '../report/scenario-result.ts';
import { type BenchContext, compareServers } from './bench-context.ts';
import { candidateReadShape, sampleFailures } from './candidate-reads.ts';

/** Loads the small population into one database and opens its candidate sessions. */
async function prepare(
  ctx: BenchContext,
  location: DatabaseLocation,
  passwordHash: string,
): Promise<string[]> {
  const candidates = ctx.options.embeddedCandidates;
  const population = generatePopulation({
    candidates,
    ofOrigin: Math.round(candidates / 5),
    schoolsPerAcademy: 3,
  });
  await defineSession(location, ctx.workDir);
  const handle = await openDatabase(location);
  try {
    await loadCandidates(handle, population, passwordHash);
    await loadMarksAndDeliberate(handle, population);
    await analyze(handle);
    return await openCandidateSessions(handle, Math.min(ctx.options.sessions, candidates), 12);
  } finally {
    await handle.close();
  }
}

/**
 * Row 8: the candidate reads of row 1 on the embedded PostgreSQL (PGlite,
 * the default with no DATABASE_URL), against the same data on PostgreSQL,
 * each a small database of its own. Only the ratio is asked for.
 */
export async function embedded(
  ctx: BenchContext,
  adminUrl: string,
  stamp: string,
  passwordHash: string,
): Promise<ScenarioResult> {
  const candidates = ctx.options.embeddedCandidates;
  ctx.progress(`embedded: ${candidates} candidates on PGlite and on PostgreSQL`);
  const database = await createBenchDatabase(adminUrl, stamp, 'small');
  const onPostgres: DatabaseLocation = { kind: 'postgres', url: database.url };
  const onPglite: DatabaseLocation = { kind: 'pglite', dataDir: join(ctx.workDir, 'pglite') };
  const postgresTokens = await prepare(ctx, onPostgres, passwordHash);
  const pgliteTokens = await prepare(ctx, onPglite, passwordHash);
  const servers: ServerProcess[] = [];
  let measured;
  try {
    servers.push(await startApi('api-pglite', onPglite, ctx.workDir));
    servers.push(await startApi('api-postgres-small', onPostgres, ctx.workDir));
    const [pglite, postgres] = servers as [ServerProcess, ServerProcess];
    ctx.progress(
      `embedded: candidate reads on PGlite and on PostgreSQL in turn, ${ctx.options.readConnections} connections`,
    );
    measured = await compareServers(
      ctx,
      { servers: [pglite], shape: candidateReadShape(ctx, pgliteTokens, 'api') },
      { servers: [postgres], shape: candidateReadShape(ctx, postgresTokens, 'api') },
    );
  } finally {
    for (const server of servers) await server.process.stop();
  }
  await database.drop();
  const { a: fromPglite, b: fromPostgres } = measured;
  const subject = loadFigure('PGlite', fromPglite);
  const peer = loadFigure('PostgreSQL', fromPostgres);
  return {
    id: 'embedded',
    title: 'Embedded (PGlite) candidate reads',
    data: `${candidates} candidates, ${Math.round(candidates / 5)} of académie ${BENCH_ORIGIN_ACADEMY}`,
    subject,
    peer,
    ratio: ratioOf(subject.value, peer.value),
    target: 'report the ratio',
    checks: [],
    notes: [
      'PGlite is one connection in the API process: every query of every request waits its turn.',
      `${cpuNote(subject, peer)} (PGlite's database work is inside the API process)`,
      ...sampleFailures(fromPglite.load.sampleFailure, fromPostgres.load.sampleFailure),
    ],
    raw: { pglite: fromPglite, postgres: fromPostgres },
  };
}
