import { BENCH_YEAR } from '../data/population.ts';
import type { LoadRequest } from '../load/load-plan.ts';
import type { ServerProcess } from '../processes/http-server-process.ts';
import { type ScenarioResult, cpuNote, loadFigure, ratioOf } from '../report/scenario-result.ts';
import { type BenchContext, type LoadShape, compareServers } from './bench-context.ts';
import { academyPage, graphqlRequest, postGraphql } from './documents.ts';
import { sampleFailures } from './candidate-reads.ts';

export interface Walk {
  /** The request of each page, in order (the first without a cursor). */
  readonly pages: readonly LoadRequest[];
  readonly rows: number;
  readonly seconds: number;
}

interface Connection {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly count: number;
}

function connectionOf(answer: { data?: unknown }, server: 'api' | 'postgraphile'): Connection {
  if (server === 'api') {
    const c = (
      answer.data as { candidates?: { pageInfo: Connection['pageInfo']; edges: unknown[] } }
    ).candidates;
    if (c === undefined) throw new Error(`API page without candidates: ${JSON.stringify(answer)}`);
    return { pageInfo: c.pageInfo, count: c.edges.length };
  }
  const c = (
    answer.data as {
      currentAcademy?: {
        candidatesByOriginAcademyCode: { pageInfo: Connection['pageInfo']; nodes: unknown[] };
      } | null;
    }
  ).currentAcademy?.candidatesByOriginAcademyCode;
  if (c === undefined)
    throw new Error(`PostGraphile page without candidates: ${JSON.stringify(answer)}`);
  return { pageInfo: c.pageInfo, count: c.nodes.length };
}

/**
 * Pages through every candidate once, as one program would, one page after
 * the other: it gives each page's cursor (the load then asks for all the
 * pages in turn) and the time a single pager takes.
 */
export async function walk(
  server: ServerProcess,
  kind: 'api' | 'postgraphile',
  token: string,
  pageSize: number,
): Promise<Walk> {
  const document = academyPage(pageSize, BENCH_YEAR);
  const query = kind === 'api' ? document.api : document.postgraphile;
  const pages: LoadRequest[] = [];
  let after: string | null = null;
  let rows = 0;
  const startedAt = performance.now();
  for (;;) {
    const request = graphqlRequest(query, after === null ? {} : { after }, token);
    pages.push(request);
    const page = connectionOf(await postGraphql(server.url, request), kind);
    rows += page.count;
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) break;
    after = page.pageInfo.endCursor;
  }
  return { pages, rows, seconds: (performance.now() - startedAt) / 1000 };
}

/** Every page of a walk in turn, over a few connections, as several of the académie's programs would. */
export function pagingShape(ctx: BenchContext, w: Walk, okMarker: string): LoadShape {
  return {
    connections: ctx.options.pagingConnections,
    timeoutSeconds: 30,
    slowMs: 10_000,
    okMarker,
    requests: w.pages,
  };
}

/** Row 4: an académie pages through all its candidates with their marks, the API against PostGraphile. */
export async function academyPaging(
  ctx: BenchContext,
  api: ServerProcess,
  peer: ServerProcess,
  token: string,
  data: string,
): Promise<ScenarioResult> {
  const { pageSize, pagingConnections } = ctx.options;
  ctx.progress('académie paging: one pager through every page, API then PostGraphile');
  const apiWalk = await walk(api, 'api', token, pageSize);
  const peerWalk = await walk(peer, 'postgraphile', token, pageSize);
  const document = academyPage(pageSize, BENCH_YEAR);
  const shape = (w: Walk, okMarker: string) => pagingShape(ctx, w, okMarker);
  ctx.progress(
    `académie paging: every page over ${pagingConnections} connections, API and PostGraphile in turn`,
  );
  const { a: fromApi, b: fromPeer } = await compareServers(
    ctx,
    { servers: [api], shape: shape(apiWalk, document.apiOk) },
    { servers: [peer], shape: shape(peerWalk, document.postgraphileOk) },
  );
  const rowsPerPage = (w: Walk) => w.rows / w.pages.length;
  const subject = loadFigure('API', fromApi, 'rows/s', rowsPerPage(apiWalk));
  const other = loadFigure('PostGraphile', fromPeer, 'rows/s', rowsPerPage(peerWalk));
  const ratio = ratioOf(subject.value, other.value);
  const single = (w: Walk) =>
    `${Math.round(w.rows / w.seconds)} rows/s (${w.seconds.toFixed(1)} s)`;
  return {
    id: 'academy-paging',
    title: 'Académie pages its candidates',
    data,
    subject,
    peer: other,
    ratio,
    target: '≥ 1.5× PostGraphile rows/s',
    checks: [
      { label: 'API rows/s ≥ 1.5 × PostGraphile rows/s', met: ratio >= 1.5 },
      { label: 'both page through the same rows', met: apiWalk.rows === peerWalk.rows },
      { label: 'no failed request', met: (subject.errors ?? 0) === 0 },
    ],
    notes: [
      `first: ${pageSize}, ${apiWalk.pages.length} pages, ${apiWalk.rows} candidates of the académie (PostGraphile: ${peerWalk.rows}).`,
      `One pager, page after page: API ${single(apiWalk)}, PostGraphile ${single(peerWalk)}.`,
      `${cpuNote(subject, other)} (per page of ${pageSize})`,
      ...sampleFailures(fromApi.load.sampleFailure, fromPeer.load.sampleFailure),
    ],
    raw: {
      api: fromApi,
      postgraphile: fromPeer,
      singlePager: {
        api: { rows: apiWalk.rows, seconds: apiWalk.seconds },
        postgraphile: { rows: peerWalk.rows, seconds: peerWalk.seconds },
      },
    },
  };
}
