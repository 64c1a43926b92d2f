import { BENCH_YEAR } from '../data/population.ts';
import { ORIGIN_SHARE, type SizedSession, seedSessionsOfSizes } from '../data/seed-sizes.ts';
import type { ServerLoad } from '../load/load-plan.ts';
import { type ServerProcess, startApi } from '../processes/http-server-process.ts';
import { GROWTH_LIMIT, type SizedFigure, costGrowth } from '../report/cost-growth.ts';
import { formatNumber } from '../report/print-table.ts';
import {
  type Figure,
  type ScenarioResult,
  failedRequests,
  loadFigure,
  totalCpuMs,
} from '../report/scenario-result.ts';
import { type BenchContext, measureInTurns } from './bench-context.ts';
import { type Walk, pagingShape, walk } from './academy-paging.ts';
import { candidateReadShape, sampleFailures } from './candidate-reads.ts';
import { academyPage } from './documents.ts';

/**
 * A page as large as the issue's (500) where the smallest session fills
 * at least two: a page's cost is compared between sizes, and a last page
 * half full would cost less than a full one for no reason of size.
 */
export function growthPageSize(pageSize: number, smallest: number): number {
  return Math.max(10, Math.min(pageSize, Math.floor((smallest * ORIGIN_SHARE) / 2)));
}

/** What turns a walk's figure per page into one per full page: its last page may hold fewer rows. */
const fullPageScale = (walked: Walk, pageSize: number) =>
  (pageSize * walked.pages.length) / walked.rows;

/** A walk's CPU per page, scaled to a full page. */
function perFullPage(figure: Figure, walked: Walk, pageSize: number): Figure {
  const scale = fullPageScale(walked, pageSize);
  const scaled = (ms: number | undefined) => (ms === undefined ? undefined : ms * scale);
  const cpu = scaled(figure.cpuMsPerRequest);
  const database = scaled(figure.databaseCpuMsPerRequest);
  return {
    ...figure,
    ...(cpu === undefined ? {} : { cpuMsPerRequest: cpu }),
    ...(database === undefined ? {} : { databaseCpuMsPerRequest: database }),
  };
}

const sizeLabel = (candidates: number) => `${formatNumber(candidates)} candidates`;

/** One size's line: its rate, latency and what a request cost. */
function sizeNote(s: SizedFigure, per: string): string {
  const f = s.figure;
  return `${sizeLabel(s.candidates)}: ${formatNumber(f.value)} ${f.unit}, p99 ${formatNumber(f.p99Ms ?? Number.NaN)} ms, API ${(f.cpuMsPerRequest ?? Number.NaN).toFixed(2)} + PostgreSQL ${(f.databaseCpuMsPerRequest ?? Number.NaN).toFixed(2)} ms CPU per ${per}.`;
}

/**
 * PostgreSQL's blocks per request at each size: those it found in its
 * shared buffers and those it read from outside them. A request that needs
 * more blocks as the session grows, or the same blocks no longer held in the
 * buffers, costs the database more CPU for the same answer.
 */
function blocksNote(
  sizes: readonly number[],
  loads: readonly ServerLoad[],
  per: string,
  settleSeconds: number,
  scale: (i: number) => number = () => 1,
): string {
  const each = loads.map((l, i) => {
    const size = sizeLabel(sizes[i] ?? 0);
    const blocks = l.databaseBlocks;
    if (blocks === undefined || l.load.completed === 0) return `${size} not counted`;
    const perRequest = (n: number) => ((n * scale(i)) / l.load.completed).toFixed(1);
    return `${size} ${perRequest(blocks.inBuffers)} in its buffers and ${perRequest(blocks.fromOutside)} from outside them`;
  });
  return `PostgreSQL's blocks of 8 kB per ${per} (pg_stat_database, read ${settleSeconds} s after the warm-ups and after the turns): ${each.join('; ')}.`;
}

/** A row of the table: CPU per request at the largest size against the smallest, and whether it stayed within the bound. */
function growthResult(
  id: string,
  title: string,
  data: string,
  figures: readonly SizedFigure[],
  loads: readonly ServerLoad[],
  per: string,
  notes: readonly string[],
  raw: Record<string, unknown>,
): ScenarioResult {
  const growth = costGrowth(figures);
  const cpuFigure = (s: SizedFigure): Figure => ({
    ...s.figure,
    label: sizeLabel(s.candidates),
    value: totalCpuMs(s.figure),
    unit: 'ms CPU/request',
  });
  const failed = loads.reduce((n, l) => n + failedRequests(l.load), 0);
  return {
    id,
    title,
    data,
    subject: cpuFigure(growth.largest),
    peer: cpuFigure(growth.smallest),
    ratio: growth.ratio,
    target: `CPU per ${per} (API + PostgreSQL) ≤ ${GROWTH_LIMIT}× the smallest size's`,
    checks: [
      {
        label: `CPU per ${per} at ${sizeLabel(growth.largest.candidates)} ≤ ${GROWTH_LIMIT} × at ${sizeLabel(growth.smallest.candidates)}`,
        met: growth.met,
      },
      { label: 'no failed request', met: failed === 0 },
    ],
    notes: [
      ...figures.map((s) => sizeNote(s, per)),
      `Autovacuum workers on each size's database meanwhile, not counted above: ${figures
        .map(
          (s, i) =>
            `${sizeLabel(s.candidates)} ${(loads[i]?.autovacuumCpuSeconds ?? Number.NaN).toFixed(1)} s`,
        )
        .join(', ')}.`,
      ...notes,
      ...sampleFailures(...loads.map((l) => l.load.sampleFailure)),
    ],
    raw,
  };
}

/**
 * Row 9 (issue #13 item 6): the cost of a candidate's read and of an
 * académie's page at several sizes of session, each size its own database
 * and API process, measured in turns. A read that scans, or an index that
 * stops fitting, shows as CPU per request growing with the size.
 */
export async function costGrowthScenarios(
  ctx: BenchContext,
  stamp: string,
  passwordHash: string,
): Promise<ScenarioResult[]> {
  const { growthSizes } = ctx.options;
  const pageSize = growthPageSize(ctx.options.pageSize, Math.min(...growthSizes));
  ctx.progress(`cost growth: sessions of ${growthSizes.join(', ')} candidates, one database each`);
  const sessions: SizedSession[] = await seedSessionsOfSizes({
    adminUrl: ctx.adminUrl,
    stamp,
    workDir: ctx.workDir,
    sizes: growthSizes,
    schoolsPerAcademy: ctx.options.population.schoolsPerAcademy,
    sessions: ctx.options.sessions,
    passwordHash,
    progress: (message) => {
      ctx.progress(message);
    },
  });
  const servers: ServerProcess[] = [];
  try {
    for (const s of sessions)
      servers.push(await startApi(`api-${s.candidates}`, s.location, ctx.workDir));
    const served = sessions.map((s, i) => ({ session: s, api: servers[i] as ServerProcess }));

    ctx.progress(`cost growth: candidate reads at each size in turn`);
    const reads = await measureInTurns(
      ctx,
      served.map(({ session, api }) => ({
        servers: [api],
        shape: candidateReadShape(ctx, session.candidateTokens, 'api'),
      })),
      { countBlocks: true },
    );
    ctx.progress(
      'cost growth: one pager through the académie at each size, then every page in turn',
    );
    const walks: Walk[] = [];
    for (const { session, api } of served)
      walks.push(await walk(api, 'api', session.academyToken, pageSize));
    const okMarker = academyPage(pageSize, BENCH_YEAR).apiOk;
    const pages = await measureInTurns(
      ctx,
      served.map(({ api }, i) => ({
        servers: [api],
        shape: pagingShape(ctx, walks[i] as Walk, okMarker),
      })),
      { countBlocks: true },
    );

    const sized = (loads: readonly ServerLoad[], figure: (l: ServerLoad, i: number) => Figure) =>
      loads.map((l, i) => ({ candidates: sessions[i]?.candidates ?? 0, figure: figure(l, i) }));
    const readFigures = sized(reads, (l) => loadFigure('API', l));
    const pageFigures = sized(pages, (l, i) =>
      perFullPage(loadFigure('API', l, 'pages/s'), walks[i] as Walk, pageSize),
    );
    const data = `${growthSizes.map(formatNumber).join(' / ')} candidates, one database each`;
    return [
      growthResult(
        'cost-growth-reads',
        'Cost growth: candidate reads',
        `${data}, ${ctx.options.sessions} sessions each`,
        readFigures,
        reads,
        'read',
        [
          `Row 1's reads, ${ctx.options.readConnections} connections, the sizes in turn.`,
          blocksNote(growthSizes, reads, 'read', ctx.options.statisticsSettleSeconds),
        ],
        { sizes: growthSizes, reads },
      ),
      growthResult(
        'cost-growth-paging',
        'Cost growth: académie paging',
        `${data}, a fifth of them of the paging académie`,
        pageFigures,
        pages,
        `page of ${pageSize}`,
        [
          `Pages of ${pageSize} (${walks.map((w) => `${w.pages.length} pages, ${w.rows} rows`).join('; ')}), every page in turn over ${ctx.options.pagingConnections} connections, the sizes in turn; CPU scaled to a full page where the last one holds fewer rows.`,
          blocksNote(
            growthSizes,
            pages,
            `page of ${pageSize}`,
            ctx.options.statisticsSettleSeconds,
            (i) => fullPageScale(walks[i] as Walk, pageSize),
          ),
        ],
        {
          sizes: growthSizes,
          pages,
          walks: walks.map((w) => ({ pages: w.pages.length, rows: w.rows, seconds: w.seconds })),
        },
      ),
    ];
  } finally {
    for (const server of servers) await server.process.stop();
    for (const s of sessions) await s.database.drop();
  }
}
