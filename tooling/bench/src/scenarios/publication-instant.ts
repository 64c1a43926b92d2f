import type { DatabaseHandle } from '@rattrapage/api/database';
import { publishBatchAt } from '../data/publication-calendar.ts';
import { BENCH_STRUCTURE, BENCH_YEAR } from '../data/population.ts';
import {
  openCandidateSessions,
  openControlCandidateSessions,
  openSchoolSessions,
} from '../data/seed-population.ts';
import type { LoadResult } from '../load/load-plan.ts';
import { mergeLoads } from '../load/merge-loads.ts';
import type { DatabaseLocation } from '../processes/api-env.ts';
import { type ServerProcess, startApi } from '../processes/http-server-process.ts';
import { classifyAnswers } from '../report/answers.ts';
import { formatNumber } from '../report/print-table.ts';
import { MB, type ScenarioResult, ratioOf } from '../report/scenario-result.ts';
import { type BenchContext, type LoadShape, measureTogether } from './bench-context.ts';
import { type Walk, walk } from './academy-paging.ts';
import { sampleFailures } from './candidate-reads.ts';
import { LOG_IN, academyPage, postGraphql, webRequest } from './documents.ts';
import { logInRequests } from './log-in.ts';

/** Two tests a candidate allowed to the control may choose: whole tests of the general domain (art. D643-15). */
function controlChoice(): readonly [string, string] {
  const [first, second] = BENCH_STRUCTURE.tests
    .filter((t) => t.domain === 'GENERAL' && t.controlEligible && !t.optional)
    .map((t) => t.code);
  if (first === undefined || second === undefined)
    throw new Error('The bench specialty has fewer than two tests to choose for the control.');
  return [first, second];
}

interface Chooser {
  /** The candidate's id as the API gives it (opaque: the web reads it from the API too). */
  readonly candidateId: string;
  readonly token: string;
}

/** Each candidate's id as the web's choice action reads it before entering a choice (CandidateId). */
async function choosersOf(api: ServerProcess, tokens: readonly string[]): Promise<Chooser[]> {
  const choosers: Chooser[] = [];
  const CONCURRENT = 8;
  for (let i = 0; i < tokens.length; i += CONCURRENT) {
    const batch = tokens.slice(i, i + CONCURRENT);
    const answers = await Promise.all(
      batch.map((token) => postGraphql(api.url, webRequest('CandidateId', {}, token))),
    );
    answers.forEach((answer, n) => {
      const id = (answer.data as { viewer?: { candidate?: { id?: string } } } | undefined)?.viewer
        ?.candidate?.id;
      if (id === undefined) throw new Error(`No candidate id: ${JSON.stringify(answer)}`);
      choosers.push({ candidateId: id, token: batch[n] ?? '' });
    });
  }
  return choosers;
}

/** What the first minutes after a publication ask, kind by kind, each from a load process of its own. */
interface Kind {
  readonly name: string;
  readonly unit: string;
  readonly shape: LoadShape;
}

const TIMEOUTS = { timeoutSeconds: 10, slowMs: 2000 } as const;

/**
 * The kinds and their connections. Log-ins come at the rate row 2 measured
 * as sustainable (with connections enough to keep offering it when answers
 * slow down); the others as fast as they are answered, candidates' reads
 * the most, then choices, schools and one académie's programs, in the
 * proportions of the people behind them.
 */
function mixOf(
  ctx: BenchContext,
  input: {
    readonly identifiers: readonly string[];
    readonly sustainable: number;
    readonly readers: readonly string[];
    readonly choosers: readonly Chooser[];
    readonly schools: readonly string[];
    readonly academyWalk: Walk;
  },
): Kind[] {
  const testCodes = controlChoice();
  const rate = Math.max(1, Math.round(input.sustainable));
  return [
    {
      name: 'log-ins',
      unit: 'log-ins/s',
      shape: {
        ...TIMEOUTS,
        connections: Math.max(8, Math.ceil(rate * 2)),
        overallRate: rate,
        okMarker: LOG_IN.apiOk,
        requests: logInRequests(input.identifiers),
      },
    },
    {
      name: 'candidate reads',
      unit: 'req/s',
      shape: {
        ...TIMEOUTS,
        connections: Math.ceil(ctx.options.readConnections / 2),
        // Published: the first group carries an outcome.
        okMarker: '"outcome":"',
        requests: input.readers.map((token) => webRequest('CandidateSpace', {}, token)),
      },
    },
    {
      name: 'choice entries',
      unit: 'req/s',
      shape: {
        ...TIMEOUTS,
        connections: 8,
        okMarker: '"__typename":"ControlChoice"',
        requests: input.choosers.map(({ candidateId, token }) =>
          webRequest('ChooseControlTests', { candidateId, testCodes }, token),
        ),
      },
    },
    {
      name: 'school list pages',
      unit: 'req/s',
      shape: {
        ...TIMEOUTS,
        connections: 4,
        okMarker: '"edges":[{',
        // The school space's first page (apps/web/src/routes/etablissement: 50 a page).
        requests: input.schools.map((token) =>
          webRequest('SchoolCandidates', { year: BENCH_YEAR, first: 50, after: null }, token),
        ),
      },
    },
    {
      name: 'académie paging',
      unit: 'pages/s',
      shape: {
        ...TIMEOUTS,
        connections: Math.max(1, Math.floor(ctx.options.pagingConnections / 2)),
        okMarker: academyPage(ctx.options.pageSize, BENCH_YEAR).apiOk,
        requests: input.academyWalk.pages,
      },
    },
  ];
}

function kindNote(kind: Kind, load: LoadResult): string {
  const answers = classifyAnswers(load);
  return `${kind.name}: ${formatNumber(load.okPerSecond)} ${kind.unit}, p99 ${formatNumber(load.latencyMs.p99)} ms; ${answers.refused} refused (503 + Retry-After), ${answers.errors} errors of ${load.completed} answers.`;
}

/**
 * Row 10 (issue #13 item 7): the first minutes after a batch's results are
 * published, all at once on one fresh API process: log-ins at the
 * sustainable rate, candidates reading their page, candidates entering
 * their choice, schools listing their candidates, an académie paging. Each
 * kind's rate and p99, the errors (none allowed but 503 with Retry-After),
 * the process's peak memory.
 */
export async function publicationInstant(
  ctx: BenchContext,
  input: {
    readonly handle: DatabaseHandle;
    readonly location: DatabaseLocation;
    readonly identifiers: readonly string[];
    readonly sustainable: number;
    readonly academyToken: string;
    readonly passwordHash: string;
    readonly data: string;
  },
): Promise<ScenarioResult> {
  const { handle, sustainable } = input;
  const { sessions, mixSeconds } = ctx.options;
  const publishedAt = new Date();
  await publishBatchAt(handle, publishedAt);
  ctx.progress('publication instant: sessions of readers, of candidates to choose, of schools');
  const readers = await openCandidateSessions(handle, sessions, 12);
  const choosing = await openControlCandidateSessions(handle, sessions);
  const schools = await openSchoolSessions(handle, Math.ceil(sessions / 10), input.passwordHash);

  // A fresh process: its peak memory is the instant's.
  const api: ServerProcess = await startApi('api-publication', input.location, ctx.workDir);
  try {
    const academyWalk = await walk(api, 'api', input.academyToken, ctx.options.pageSize);
    const choosers = await choosersOf(api, choosing);
    const kinds = mixOf(ctx, {
      identifiers: input.identifiers,
      sustainable,
      readers,
      choosers,
      schools,
      academyWalk,
    });
    ctx.progress(
      `publication instant: ${kinds.map((k) => k.name).join(', ')} together for ${mixSeconds} s`,
    );
    const measured = await measureTogether(
      ctx,
      [api],
      kinds.map((k) => k.shape),
      mixSeconds,
    );
    // Merged on its own, each load drops its latency samples (the results file keeps the figures).
    const loads = measured.loads.map((l) => mergeLoads([l]));
    const answers = loads.map(classifyAnswers);
    const ok = answers.reduce((n, a) => n + a.ok, 0);
    const errors = answers.reduce((n, a) => n + a.errors, 0);
    const refused = answers.reduce((n, a) => n + a.refused, 0);
    const logIns = loads[0];
    if (logIns === undefined) throw new Error('No log-in load was measured.');
    const peakRss = measured.servers.peakRss[0] ?? Number.NaN;
    const perOk = (seconds: number) => (ok === 0 ? Number.NaN : (seconds * 1000) / ok);
    const subject = {
      label: 'log-ins in the mix',
      value: logIns.okPerSecond,
      unit: 'log-ins/s' as const,
      p50Ms: logIns.latencyMs.p50,
      p99Ms: logIns.latencyMs.p99,
      errors,
      peakRssMb: peakRss / MB,
      cpuMsPerRequest: perOk(measured.servers.cpuSeconds[0] ?? Number.NaN),
      ...(measured.servers.databaseCpuSeconds === null
        ? {}
        : { databaseCpuMsPerRequest: perOk(measured.servers.databaseCpuSeconds) }),
      machineBusyPercent: measured.servers.machineBusy * 100,
    };
    return {
      id: 'publication-instant',
      title: 'Publication instant, all at once',
      data: input.data,
      subject,
      peer: { label: 'sustainable alone', value: sustainable, unit: 'log-ins/s' },
      ratio: ratioOf(subject.value, sustainable),
      target: 'no error but 503 + Retry-After; each kind’s rate and p99, peak RSS reported',
      checks: [{ label: 'no error (503 with Retry-After apart), in any kind', met: errors === 0 }],
      notes: [
        `Batch published at the start (${publishedAt.toISOString()}), the choice window open; ${mixSeconds} s, every kind at once.`,
        ...kinds.map((k, i) => kindNote(k, loads[i] as LoadResult)),
        `All kinds: ${ok} answers with data, ${refused} refused, ${errors} errors; peak RSS ${formatNumber(peakRss / MB)} MB; CPU per answer with data (all kinds): API ${subject.cpuMsPerRequest.toFixed(2)} ms${subject.databaseCpuMsPerRequest === undefined ? '' : ` + PostgreSQL ${subject.databaseCpuMsPerRequest.toFixed(2)} ms`}.`,
        `${readers.length} readers, ${choosers.length} candidates allowed to the control choosing (again and again: the latest entry wins), ${schools.length} schools, one académie's ${academyWalk.pages.length} pages, ${input.identifiers.length} accounts logging in.`,
        ...sampleFailures(...loads.map((l) => l.sampleFailure)),
      ],
      raw: {
        publishedAt: publishedAt.toISOString(),
        kinds: Object.fromEntries(kinds.map((k, i) => [k.name, loads[i]])),
        api: measured.servers,
      },
    };
  } finally {
    await api.process.stop();
  }
}
