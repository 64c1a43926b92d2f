import type { ServerProcess } from '../processes/http-server-process.ts';
import {
  type ScenarioResult,
  cpuNote,
  loadFigure,
  ratioOf,
  totalCpuMs,
} from '../report/scenario-result.ts';
import { type BenchContext, type LoadShape, compareServers } from './bench-context.ts';
import { CANDIDATE_RESULTS, graphqlRequest, postGraphql } from './documents.ts';

/** A sample candidate's overall average as the API answers it, in hundredths. */
async function apiAverage(api: ServerProcess, token: string): Promise<number | undefined> {
  const answer = (await postGraphql(api.url, graphqlRequest(CANDIDATE_RESULTS.api, {}, token))) as {
    data?: {
      viewer?: { candidate?: { firstGroup?: { overallAverage?: { hundredths?: number } } } };
    };
  };
  return answer.data?.viewer?.candidate?.firstGroup?.overallAverage?.hundredths;
}

/** The same candidate's overall average, asked of both servers: the two answers must agree to be compared. */
async function averagesAgree(
  api: ServerProcess,
  other: ServerProcess,
  token: string,
  otherAverage: (answer: unknown) => number,
): Promise<string> {
  const a = await apiAverage(api, token);
  const p = otherAverage(
    await postGraphql(other.url, graphqlRequest(CANDIDATE_RESULTS.postgraphile, {}, token)),
  );
  return a !== undefined && a === p
    ? `Both answer the same overall average for a sample candidate (${a} hundredths).`
    : `The two answers differ for a sample candidate (API ${String(a)}, ${other.name} ${String(p)}): compare with care.`;
}

const postGraphileAverage = (answer: unknown) =>
  Number(
    (answer as { data?: { currentCandidate?: { overallAverage?: string } } }).data?.currentCandidate
      ?.overallAverage,
  );
const floorAverage = (answer: unknown) =>
  Number(
    (answer as { firstGroup?: { overallAverage?: { hundredths?: number } } }).firstGroup
      ?.overallAverage?.hundredths,
  );

export function candidateReadShape(
  ctx: BenchContext,
  tokens: readonly string[],
  server: 'api' | 'postgraphile' | 'floor',
): LoadShape {
  // The floor reads the body to its end and answers the one question it knows.
  const query = server === 'postgraphile' ? CANDIDATE_RESULTS.postgraphile : CANDIDATE_RESULTS.api;
  return {
    connections: ctx.options.readConnections,
    timeoutSeconds: 10,
    slowMs: 2000,
    okMarker:
      server === 'postgraphile' ? CANDIDATE_RESULTS.postgraphileOk : CANDIDATE_RESULTS.apiOk,
    requests: tokens.map((token) => graphqlRequest(query, {}, token)),
  };
}

/** Row 1: a candidate reads their own results, the API against PostGraphile on the same database. */
export async function candidateReads(
  ctx: BenchContext,
  api: ServerProcess,
  peer: ServerProcess,
  tokens: readonly string[],
  data: string,
): Promise<ScenarioResult> {
  const agreement = await averagesAgree(api, peer, tokens[0] ?? '', postGraphileAverage);
  ctx.progress(
    `candidate reads: API and PostGraphile in turn, ${ctx.options.readConnections} connections`,
  );
  const { a: fromApi, b: fromPeer } = await compareServers(
    ctx,
    { servers: [api], shape: candidateReadShape(ctx, tokens, 'api') },
    { servers: [peer], shape: candidateReadShape(ctx, tokens, 'postgraphile') },
  );
  const subject = loadFigure('API', fromApi);
  const other = loadFigure('PostGraphile', fromPeer);
  const ratio = ratioOf(subject.value, other.value);
  return {
    id: 'candidate-reads',
    title: 'Candidate reads own results',
    data,
    subject,
    peer: other,
    ratio,
    target: `≥ 2× PostGraphile, p99 ≤ 50 ms at ${ctx.options.readConnections} conn.`,
    checks: [
      { label: 'API req/s ≥ 2 × PostGraphile req/s', met: ratio >= 2 },
      { label: 'API p99 ≤ 50 ms', met: fromApi.load.latencyMs.p99 <= 50 },
      { label: 'no failed request', met: (subject.errors ?? 0) === 0 },
    ],
    notes: [
      `${tokens.length} candidate sessions in turn; authenticated with a bearer token on both sides.`,
      agreement,
      cpuNote(subject, other),
      ...sampleFailures(fromApi.load.sampleFailure, fromPeer.load.sampleFailure),
    ],
    raw: { api: fromApi, postgraphile: fromPeer },
  };
}

/**
 * Row 1b: the same reads against the floor (floor-server.ts): the smallest
 * server that answers the same question with the same authentication and
 * rules. What the API costs above it is what GraphQL, the framework and the
 * API's own choices cost.
 */
export async function candidateReadsAgainstFloor(
  ctx: BenchContext,
  api: ServerProcess,
  floor: ServerProcess,
  tokens: readonly string[],
  data: string,
): Promise<ScenarioResult> {
  const agreement = await averagesAgree(api, floor, tokens[0] ?? '', floorAverage);
  ctx.progress(
    `candidate reads: API and the floor in turn, ${ctx.options.readConnections} connections`,
  );
  const { a: fromApi, b: fromFloor } = await compareServers(
    ctx,
    { servers: [api], shape: candidateReadShape(ctx, tokens, 'api') },
    { servers: [floor], shape: candidateReadShape(ctx, tokens, 'floor') },
  );
  const subject = loadFigure('API', fromApi);
  const other = loadFigure('floor', fromFloor);
  const ratio = ratioOf(subject.value, other.value);
  const byCpu = ratioOf(totalCpuMs(other), totalCpuMs(subject));
  return {
    id: 'candidate-reads-floor',
    title: 'Candidate reads, against the floor',
    data,
    subject,
    peer: other,
    ratio,
    target: '≥ 0.5× the floor, in req/s and by CPU per request',
    checks: [
      { label: 'API req/s ≥ 0.5 × floor req/s', met: ratio >= 0.5 },
      { label: 'API CPU per request ≤ 2 × the floor’s', met: byCpu >= 0.5 },
      { label: 'no failed request', met: (subject.errors ?? 0) === 0 },
    ],
    notes: [
      'The floor: node:http and JSON, the same bearer-token session rules, one prepared statement for session, account, candidate, marks and jury decision, the domain for the outcome; no GraphQL, no framework, no logging.',
      agreement,
      cpuNote(subject, other),
      ...sampleFailures(fromApi.load.sampleFailure, fromFloor.load.sampleFailure),
    ],
    raw: { api: fromApi, floor: fromFloor },
  };
}

export function sampleFailures(...samples: readonly (string | null)[]): string[] {
  return samples.filter((s): s is string => s !== null).map((s) => `First failure seen: ${s}`);
}
