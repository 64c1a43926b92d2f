import { join } from 'node:path';
import type { LoadRequest, LoadResult } from '../load/load-plan.ts';
import { threadCpuSecondsOf, threadCpuUsed } from '../measure/cpu-time.ts';
import { apiPasswordThreads } from '../processes/api-env.ts';
import { runNode } from '../processes/node-process.ts';
import { type ServerProcess, floorLogInUrl } from '../processes/http-server-process.ts';
import { formatNumber } from '../report/print-table.ts';
import {
  MB,
  type ScenarioResult,
  failedRequests,
  loadFigure,
  ratioOf,
} from '../report/scenario-result.ts';
import {
  type BenchContext,
  type LoadShape,
  type ServerLoad,
  loadServers,
  measureSlice,
  mergeSlices,
  warmUp,
} from './bench-context.ts';
import { LOG_IN, graphqlRequest } from './documents.ts';
import { sampleFailures } from './candidate-reads.ts';

/** The one password of every bench account (its hash is computed once: see table-rows.ts). */
export const BENCH_PASSWORD = 'mot de passe du banc d’essai';
const RSS_LIMIT_MB = 300;

export function logInRequests(identifiers: readonly string[]): LoadRequest[] {
  return identifiers.map((identifier) =>
    graphqlRequest(LOG_IN.api, { identifier, password: BENCH_PASSWORD }),
  );
}

interface RawRate {
  readonly verifications: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly cpuMsPerVerification: number;
}

/** Verifications per second of the API's verifyPassword, with no HTTP and no database (argon2-worker.ts). */
async function rawArgon2Rate(ctx: BenchContext, seconds: number): Promise<RawRate> {
  const worker = new URL('../measure/argon2-worker.ts', import.meta.url).pathname;
  // The API's own thread pool (passwordPool, as the API sizes it from the
  // same variables), with four in flight per thread: it never idles. Left
  // to libuv's default of four threads, two cores verified 10 % slower,
  // and the ratio flattered the API.
  const threads = apiPasswordThreads();
  const { output } = runNode(worker, [String(seconds), String(Number(threads) * 4)], {
    env: { ...process.env, UV_THREADPOOL_SIZE: threads },
    logFile: join(ctx.workDir, 'argon2-worker.log'),
  });
  return JSON.parse((await output).trim()) as RawRate;
}

export interface LogInStorm {
  readonly result: ScenarioResult;
  /** Successful log-ins per second the API sustained: the overload scenario's capacity. */
  readonly sustainable: number;
}

/** Row 2: candidates log in all at once; the API against the raw argon2id rate. */
export async function logInStorm(
  ctx: BenchContext,
  api: ServerProcess,
  floor: ServerProcess,
  identifiers: readonly string[],
  data: string,
): Promise<LogInStorm> {
  const shape = {
    connections: ctx.options.loginConnections,
    timeoutSeconds: 10,
    slowMs: 2000,
    okMarker: LOG_IN.apiOk,
    requests: logInRequests(identifiers),
  };
  ctx.progress(
    `log-in storm: API and the floor (${shape.connections} connections), raw argon2id verifications, in turn`,
  );
  const floorLogIns = { ...floor, url: floorLogInUrl(floor) };
  await warmUp(ctx, { servers: [api], shape });
  await warmUp(ctx, { servers: [floorLogIns], shape });
  // In turn, slice after slice, like the servers compared elsewhere (compareServers).
  const { slices } = ctx.options;
  const raws: RawRate[] = [];
  const apiSlices = new ThreadSlices();
  const floorSlices = new ThreadSlices();
  for (let i = 0; i < slices; i++) {
    const seconds = ctx.options.measureSeconds / slices;
    raws.push(await rawArgon2Rate(ctx, ctx.options.argon2Seconds / slices));
    floorSlices.add(await sliceByThread(ctx, floorLogIns, shape, seconds));
    apiSlices.add(await sliceByThread(ctx, api, shape, seconds));
  }
  const storm = mergeSlices(apiSlices.loads);
  const atFloor = mergeSlices(floorSlices.loads);
  const { threads } = apiSlices;
  // Then one after the other on one connection: the same work per log-in
  // with nothing beside it, so that a thread's CPU per log-in here and in
  // the storm tells work from contention.
  ctx.progress('log-in storm: one log-in at a time, for the CPU of each thread without contention');
  const calm = await sliceByThread(
    ctx,
    api,
    { ...shape, connections: 1 },
    ctx.options.measureSeconds,
  );
  const verifications = raws.reduce((n, r) => n + r.verifications, 0);
  const raw = {
    perSecond: verifications / raws.reduce((n, r) => n + r.seconds, 0),
    cpuMsPerVerification:
      raws.reduce((n, r) => n + r.cpuMsPerVerification * r.verifications, 0) / verifications,
  };
  // Refusals by the admission queue are its answer to a storm, not failures: counted apart.
  const subject = {
    ...loadFigure('API', storm, 'log-ins/s'),
    errors: failedRequests(storm.load, [429, 503]),
  };
  const refused = (storm.load.statusCounts['429'] ?? 0) + (storm.load.statusCounts['503'] ?? 0);
  const ratio = ratioOf(subject.value, raw.perSecond);
  const floorFigure = loadFigure('floor', atFloor, 'log-ins/s');
  return {
    sustainable: subject.value,
    result: {
      id: 'log-in-storm',
      title: 'Log-in storm',
      data,
      subject,
      peer: {
        label: 'raw argon2id',
        value: raw.perSecond,
        unit: 'verifications/s',
        cpuMsPerRequest: raw.cpuMsPerVerification,
      },
      ratio,
      target: `≥ 0.9× raw rate; peak RSS ≤ ${RSS_LIMIT_MB} MB`,
      checks: [
        { label: 'API log-ins/s ≥ 0.9 × raw argon2id verifications/s', met: ratio >= 0.9 },
        {
          label: `API peak RSS ≤ ${RSS_LIMIT_MB} MB`,
          met: (storm.peakRss[0] ?? Infinity) <= RSS_LIMIT_MB * MB,
        },
        { label: 'no failed request (refusals apart)', met: subject.errors === 0 },
      ],
      notes: [
        `${identifiers.length} candidate accounts in turn, each log-in a real one (argon2id check, throttle, new session).`,
        `CPU per log-in ${subject.cpuMsPerRequest?.toFixed(1) ?? '?'} ms in the API (and ${subject.databaseCpuMsPerRequest?.toFixed(1) ?? '?'} ms in PostgreSQL) against ${raw.cpuMsPerVerification.toFixed(1)} ms per raw verification: ${ratioOf(raw.cpuMsPerVerification, (subject.cpuMsPerRequest ?? 0) + (subject.databaseCpuMsPerRequest ?? 0)).toFixed(2)}× as CPU-efficient, a ratio the machine's other work does not move.`,
        // Per log-in, not per answer: refusals cost CPU too, and the rate counts log-ins.
        `The API's CPU per log-in by thread: ${threadShares(threads, storm.load.ok)}.`,
        `The floor (node:http, the same statements, throttle and argon2id check, on as many threads; no GraphQL, no framework, no log) in the same turns: ${formatNumber(floorFigure.value)} log-ins/s, ${ratioOf(floorFigure.value, raw.perSecond).toFixed(2)}× the raw rate; the API ${ratioOf(subject.value, floorFigure.value).toFixed(2)}× the floor. Its CPU per log-in ${floorFigure.cpuMsPerRequest?.toFixed(1) ?? '?'} ms (PostgreSQL ${floorFigure.databaseCpuMsPerRequest?.toFixed(1) ?? '?'} ms), by thread: ${threadShares(floorSlices.threads, atFloor.load.ok)}.`,
        `One log-in at a time (1 connection, ${calm.load.load.durationSeconds.toFixed(0)} s): ${formatNumber(calm.load.load.ok / calm.load.load.durationSeconds)} log-ins/s; the API's CPU per log-in by thread: ${threadShares(calm.threads, calm.load.load.ok)}. Where a thread costs more in the storm than here, the difference is the cores and caches argon2id shares with it, not more work.`,
        `Refused (429/503) with ${ctx.options.loginConnections} log-ins in flight: ${refused} of ${storm.load.completed}; p50 ${storm.load.latencyMs.p50.toFixed(0)} ms.`,
        ...sampleFailures(storm.load.sampleFailure),
      ],
      raw: {
        api: storm,
        rawArgon2: raw,
        threadCpuSeconds: Object.fromEntries(threads),
        floor: { load: atFloor, threadCpuSeconds: Object.fromEntries(floorSlices.threads) },
        oneAtATime: { api: calm.load, threadCpuSeconds: Object.fromEntries(calm.threads) },
      },
    },
  };
}

/** A server's slices of a storm, and the CPU of each of its threads over all of them. */
class ThreadSlices {
  readonly loads: ServerLoad[] = [];
  readonly threads = new Map<string, number>();

  add(slice: { readonly load: ServerLoad; readonly threads: ReadonlyMap<string, number> }): void {
    this.loads.push(slice.load);
    for (const [name, s] of slice.threads)
      this.threads.set(name, (this.threads.get(name) ?? 0) + s);
  }
}

/** A measured slice of log-ins, with the CPU each of the server's threads used meanwhile. */
async function sliceByThread(
  ctx: BenchContext,
  server: ServerProcess,
  shape: LoadShape,
  seconds: number,
): Promise<{ readonly load: ServerLoad; readonly threads: Map<string, number> }> {
  const before = threadCpuSecondsOf(server.process.pid);
  const load = await measureSlice(ctx, [server], shape, seconds);
  return { load, threads: threadCpuUsed(before, threadCpuSecondsOf(server.process.pid)) };
}

/** « MainThread 1.4 ms, libuv-worker 21.0 ms, … »: where a log-in's CPU went in a server's process. */
function threadShares(threads: ReadonlyMap<string, number>, logIns: number): string {
  const used = [...threads].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  if (used.length === 0 || logIns === 0) return 'not read';
  return used.map(([name, s]) => `${name} ${((s * 1000) / logIns).toFixed(2)} ms`).join(', ');
}

function statusesOtherThan(load: LoadResult, allowed: readonly string[]): number {
  return Object.entries(load.statusCounts)
    .filter(([status]) => !allowed.includes(status))
    .reduce((n, [, count]) => n + count, 0);
}

/**
 * Row 3: three times the sustainable log-in rate, offered for a minute. The
 * load generator keeps enough connections open to offer that rate even if
 * answers take two seconds, so a server that queues everything shows up as
 * slow answers and timeouts rather than as a politely lower offered load.
 */
export async function overload(
  ctx: BenchContext,
  api: ServerProcess,
  identifiers: readonly string[],
  sustainable: number,
  data: string,
): Promise<ScenarioResult> {
  const offered = Math.max(3, Math.round(3 * sustainable));
  const connections = Math.min(1500, Math.max(50, Math.ceil(offered * 2)));
  ctx.progress(
    `overload: ${offered} log-ins/s offered for ${ctx.options.overloadSeconds} s (${connections} connections)`,
  );
  const run = await loadServers(
    ctx,
    [api],
    {
      connections,
      overallRate: offered,
      timeoutSeconds: 10,
      slowMs: 2000,
      okMarker: LOG_IN.apiOk,
      requests: logInRequests(identifiers),
    },
    { seconds: ctx.options.overloadSeconds, warmup: false },
  );
  const { load } = run;
  const subject = loadFigure('API under 3×', run, 'log-ins/s');
  const refused = (load.statusCounts['429'] ?? 0) + (load.statusCounts['503'] ?? 0);
  const ratio = ratioOf(subject.value, sustainable);
  const other5xx = Object.entries(load.statusCounts)
    .filter(([s]) => s.startsWith('5') && s !== '503')
    .reduce((n, [, c]) => n + c, 0);
  return {
    id: 'overload',
    title: 'Overload: 3× log-in rate',
    data,
    subject: { ...subject, errors: failedRequests(load, [429, 503]) },
    peer: { label: 'sustainable', value: sustainable, unit: 'log-ins/s' },
    ratio,
    target: '≥ 0.9× capacity; fast 429/503 + Retry-After; none > 2 s; no other 5xx',
    checks: [
      { label: 'successful log-ins/s ≥ 0.9 × the sustainable rate', met: ratio >= 0.9 },
      {
        label: 'the excess is refused (429/503), each with Retry-After',
        met: refused > 0 && load.retryAfterMissing === 0,
      },
      {
        label: 'refusals are fast (p99 ≤ 100 ms)',
        met: refused > 0 && load.rejectLatencyMs.p99 <= 100,
      },
      {
        label: 'no request answered after 2 s or left unanswered',
        met: load.slow === 0 && load.timeouts === 0 && load.connectionErrors === 0,
      },
      { label: 'no 5xx other than 503', met: other5xx === 0 },
      {
        label: `API peak RSS ≤ ${RSS_LIMIT_MB} MB`,
        met: (run.peakRss[0] ?? Infinity) <= RSS_LIMIT_MB * MB,
      },
    ],
    notes: [
      `Offered ${offered} log-ins/s for ${ctx.options.overloadSeconds} s; answered ${load.completed} (${JSON.stringify(load.statusCounts)}).`,
      `Refused: ${refused}, p50 ${load.rejectLatencyMs.p50.toFixed(0)} ms, p99 ${load.rejectLatencyMs.p99.toFixed(0)} ms; answers over 2 s: ${load.slow}; timeouts (10 s): ${load.timeouts}; connection errors: ${load.connectionErrors}; max latency ${(load.latencyMs.max / 1000).toFixed(1)} s.`,
      ...(load.sendLagMs === undefined
        ? []
        : [
            `Requests left evenly spaced over up to ${connections} connections; the load process sent them p99 ${load.sendLagMs.p99.toFixed(1)} ms after their instant (max ${load.sendLagMs.max.toFixed(1)} ms).`,
          ]),
      `Other statuses than 200/429/503: ${statusesOtherThan(load, ['200', '429', '503'])}.`,
      ...sampleFailures(load.sampleFailure),
    ],
    raw: { api: run },
  };
}
