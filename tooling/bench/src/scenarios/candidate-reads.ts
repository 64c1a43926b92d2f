import type { ServerProcess } from '../processes/http-server-process.ts';
import { type ScenarioResult, cpuNote, loadFigure, ratioOf } from '../report/scenario-result.ts';
import { type BenchContext, type LoadShape, compareServers } from './bench-context.ts';
import { CANDIDATE_RESULTS, graphqlRequest, postGraphql } from './documents.ts';

/** The same candidate's overall average, asked of both servers: the two queries must agree to be compared. */
async function averagesAgree(
  api: ServerProcess,
  peer: ServerProcess,
  token: string,
): Promise<string> {
  const fromApi = (await postGraphql(
    api.graphqlUrl,
    graphqlRequest(CANDIDATE_RESULTS.api, {}, token),
  )) as {
    data?: {
      viewer?: { candidate?: { firstGroup?: { overallAverage?: { hundredths?: number } } } };
    };
  };
  const fromPeer = (await postGraphql(
    peer.graphqlUrl,
    graphqlRequest(CANDIDATE_RESULTS.postgraphile, {}, token),
  )) as { data?: { currentCandidate?: { overallAverage?: string } } };
  const a = fromApi.data?.viewer?.candidate?.firstGroup?.overallAverage?.hundredths;
  const p = Number(fromPeer.data?.currentCandidate?.overallAverage);
  return a !== undefined && a === p
    ? `Both answer the same overall average for a sample candidate (${a} hundredths).`
    : `The two answers differ for a sample candidate (API ${String(a)}, PostGraphile ${String(p)}): compare with care.`;
}

export function candidateReadShape(
  ctx: BenchContext,
  tokens: readonly string[],
  server: 'api' | 'postgraphile',
): LoadShape {
  const query = server === 'api' ? CANDIDATE_RESULTS.api : CANDIDATE_RESULTS.postgraphile;
  return {
    connections: ctx.options.readConnections,
    timeoutSeconds: 10,
    slowMs: 2000,
    okMarker: server === 'api' ? CANDIDATE_RESULTS.apiOk : CANDIDATE_RESULTS.postgraphileOk,
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
  const agreement = await averagesAgree(api, peer, tokens[0] ?? '');
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
    target: `≥ 1.5× PostGraphile, p99 ≤ 50 ms at ${ctx.options.readConnections} conn.`,
    checks: [
      { label: 'API req/s ≥ 1.5 × PostGraphile req/s', met: ratio >= 1.5 },
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

export function sampleFailures(...samples: readonly (string | null)[]): string[] {
  return samples.filter((s): s is string => s !== null).map((s) => `First failure seen: ${s}`);
}
