import { hashPassword } from '@rattrapage/api/accounts';
import { sql } from 'kysely';
import { createBenchDatabase } from './data/bench-database.ts';
import {
  BENCH_ORIGIN_ACADEMY,
  MARK_CODES,
  type Population,
  generatePopulation,
} from './data/population.ts';
import {
  analyze,
  vacuumAnalyze,
  defineSession,
  issueAcademyToken,
  loadCandidates,
  openCandidateSessions,
  openDatabase,
  spreadOver,
} from './data/seed-population.ts';
import { installPeerFunctions } from './peer/peer-functions.ts';
import type { DatabaseLocation } from './processes/api-env.ts';
import {
  type ServerProcess,
  startApi,
  startFloor,
  startPostGraphile,
} from './processes/http-server-process.ts';
import type { ScenarioResult } from './report/scenario-result.ts';
import { academyPaging } from './scenarios/academy-paging.ts';
import type { BenchContext } from './scenarios/bench-context.ts';
import { candidateReads, candidateReadsAgainstFloor } from './scenarios/candidate-reads.ts';
import { deliberate } from './scenarios/deliberate.ts';
import { embedded } from './scenarios/embedded.ts';
import { importCandidates } from './scenarios/import-candidates.ts';
import { importMarks } from './scenarios/import-marks.ts';
import { BENCH_PASSWORD, logInStorm, overload } from './scenarios/log-in.ts';
import { twoProcesses } from './scenarios/two-processes.ts';
import { costGrowthScenarios } from './scenarios/cost-growth.ts';
import { publicationInstant } from './scenarios/publication-instant.ts';
import { webShareScenario } from './scenarios/web-share.ts';
import { SCENARIO_ORDER, SCENARIO_TITLES, type ScenarioId, measures } from './scenario-ids.ts';

export interface SuiteOutcome {
  readonly scenarios: readonly ScenarioResult[];
  readonly postgresVersion: string;
}

/** A scenario that could not run still gets its row: no figure, target not met, and why. */
function failedScenario(id: string, title: string, error: unknown): ScenarioResult {
  const nothing = { label: '—', value: Number.NaN, unit: 'req/s' as const };
  return {
    id,
    title,
    data: '—',
    subject: nothing,
    peer: nothing,
    ratio: Number.NaN,
    target: '—',
    checks: [{ label: 'the scenario ran', met: false }],
    notes: [`Failed: ${error instanceof Error ? error.message : String(error)}`],
  };
}

/**
 * The whole run: data, servers, every scenario, in an order that loads each
 * thing once (the import loads the marks every later row reads).
 */
export async function runSuite(ctx: BenchContext, stamp: string): Promise<SuiteOutcome> {
  const { adminUrl } = ctx;
  const { options } = ctx;
  const results: ScenarioResult[] = [];
  // A scenario that fails still gets its rows: no figure, target not met, and why.
  const attemptRows = async (
    ids: readonly ScenarioId[],
    run: () => Promise<readonly ScenarioResult[]>,
  ) => {
    if (!ids.some((id) => measures(options.only, id))) return;
    try {
      results.push(...(await run()));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      for (const id of ids) {
        ctx.progress(`${SCENARIO_TITLES[id]}: failed (${why})`);
        results.push(failedScenario(id, SCENARIO_TITLES[id], error));
      }
    }
  };
  const attempt = (id: ScenarioId, run: () => Promise<ScenarioResult>) =>
    attemptRows([id], async () => [await run()]);

  const size = options.population;
  ctx.progress(`data: drawing ${size.candidates} candidates (seeded)`);
  const population: Population = generatePopulation(size);
  const marks = size.candidates * MARK_CODES.length;
  const data = `${size.candidates} candidates, ${marks} marks`;
  // One argon2id hash for every bench account: 250 000 hashes would take most of an hour.
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const database = await createBenchDatabase(adminUrl, stamp);
  const location: DatabaseLocation = { kind: 'postgres', url: database.url };
  ctx.progress(`data: database ${database.name}; session 2024 (pnpm rattrapage session define)`);
  await defineSession(location, ctx.workDir);
  const handle = await openDatabase(location);
  const servers: ServerProcess[] = [];
  let postgresVersion = 'unknown';
  let serverFailure: unknown = null;
  try {
    ctx.progress('data: schools, candidates and accounts (COPY)');
    await loadCandidates(handle, population, passwordHash);
    await analyze(handle);
    const version = await sql<{ server_version: string }>`show server_version`.execute(handle.db);
    postgresVersion = version.rows[0]?.server_version ?? postgresVersion;

    await attempt('import-marks', () =>
      importMarks(ctx, handle, location, population, `${marks} rows`),
    );
    await vacuumAnalyze(handle);
    await attempt('deliberate', () =>
      deliberate(ctx, database.url, `${size.candidates} candidates`),
    );
    await attempt('import-candidates', () =>
      importCandidates(ctx, handle, location, population, `${size.candidates} candidates`),
    );

    ctx.progress(`data: ${options.sessions} candidate sessions, an académie API token`);
    const tokens = await openCandidateSessions(handle, options.sessions, 12);
    const academyToken = await issueAcademyToken(handle, passwordHash);
    await installPeerFunctions(handle.db);
    // Deliberation rewrote outcomes: the reads meet the tables as autovacuum
    // leaves them, not half-way through its work (which would count as theirs).
    await vacuumAnalyze(handle);

    try {
      ctx.progress('servers: the API and PostGraphile');
      const api = await startApi('api-a', location, ctx.workDir);
      servers.push(api);
      const peer = await startPostGraphile('postgraphile', database.url, ctx.workDir);
      servers.push(peer);
      await attempt('candidate-reads', () => candidateReads(ctx, api, peer, tokens, data));
      await attempt('academy-paging', () =>
        academyPaging(
          ctx,
          api,
          peer,
          academyToken,
          `${size.ofOrigin} of académie ${BENCH_ORIGIN_ACADEMY}`,
        ),
      );
      await peer.process.stop();
      const floor = await startFloor('floor', database.url, ctx.workDir);
      servers.push(floor);
      await attempt('candidate-reads-floor', () =>
        candidateReadsAgainstFloor(ctx, api, floor, tokens, data),
      );
      await floor.process.stop();
      await attempt('web-share', () => webShareScenario(ctx, api, tokens, data));

      const identifiers = spreadOver(
        population.candidates.map((c) => c.number),
        options.loginAccounts,
      );
      // A fresh process: the storm's peak memory is the storm's, not that of the pages served before.
      await api.process.stop();
      const logInApi = await startApi('api-log-in', location, ctx.workDir);
      servers.push(logInApi);
      let sustainable = Number.NaN;
      await attempt('log-in-storm', async () => {
        const logInFloor = await startFloor('floor-log-in', database.url, ctx.workDir);
        servers.push(logInFloor);
        try {
          const storm = await logInStorm(ctx, logInApi, logInFloor, identifiers, data);
          sustainable = storm.sustainable;
          return storm.result;
        } finally {
          await logInFloor.process.stop();
        }
      });
      await attempt('overload', () => {
        if (!(sustainable > 0)) throw new Error('no sustainable log-in rate was measured');
        return overload(ctx, logInApi, identifiers, sustainable, data);
      });
      await logInApi.process.stop();
      // Moves the session's calendar to now: the rows after this one read a batch just published.
      await attempt('publication-instant', () => {
        if (!(sustainable > 0)) throw new Error('no sustainable log-in rate was measured');
        return publicationInstant(ctx, {
          handle,
          location,
          identifiers,
          sustainable,
          academyToken,
          passwordHash,
          data,
        });
      });

      await attempt('two-processes', async () => {
        const first = await startApi('api-1-of-2', location, ctx.workDir);
        servers.push(first);
        const second = await startApi('api-2-of-2', location, ctx.workDir);
        servers.push(second);
        return twoProcesses(ctx, first, second, tokens, data);
      });
    } catch (error) {
      // No server, no figures: every scenario still missing gets its row, saying why.
      ctx.progress(`servers: ${error instanceof Error ? error.message : String(error)}`);
      serverFailure = error;
    }
    for (const server of servers) await server.process.stop();
  } finally {
    await Promise.all(servers.map((s) => s.process.stop()));
    await handle.close();
    await database.drop();
  }

  await attempt('embedded', () => embedded(ctx, adminUrl, stamp, passwordHash));
  // Two rows from one run: the sizes are seeded and served once for both.
  await attemptRows(['cost-growth-reads', 'cost-growth-paging'], () =>
    costGrowthScenarios(ctx, stamp, passwordHash),
  );
  for (const id of SCENARIO_ORDER)
    if (measures(options.only, id) && !results.some((r) => r.id === id))
      results.push(failedScenario(id, SCENARIO_TITLES[id], serverFailure ?? new Error('not run')));
  const order: readonly string[] = SCENARIO_ORDER;
  return {
    scenarios: results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
    postgresVersion,
  };
}
