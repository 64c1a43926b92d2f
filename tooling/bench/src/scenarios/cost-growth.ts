import { BENCH_YEAR } from '../data/population.ts';
import { ORIGIN_SHARE, type SizedSession, seedSessionsOfSizes } from '../data/seed-sizes.ts';
import type { ServerLoad } from '../load/load-plan.ts';
import { type ServerProcess, startApi } from '../processes/http-server-process.ts';
import {
  EQUAL_RATE_SHARE,
  GROWTH_LIMIT,
  type CostGrowth,
  type SizedFigure,
  costGrowth,
  equalRate,
} from '../report/cost-growth.ts';
import { formatNumber } from '../report/print-table.ts';
import {
  type Figure,
  type ScenarioResult,
  failedRequests,
  loadFigure,
  ratioOf,
  totalCpuMs,
} from '../report/scenario-result.ts';
import { type BenchContext, type Side, measureInTurns } from './bench-context.ts';
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

/** What a request cost, each part apart. */
const cpuParts = (f: Figure, per: string) =>
  `API ${(f.cpuMsPerRequest ?? Number.NaN).toFixed(2)} + PostgreSQL ${(f.databaseCpuMsPerRequest ?? Number.NaN).toFixed(2)} ms CPU per ${per}`;

/** One size's part of a line: its rate, latency and what a request cost. */
function sizeNote(s: SizedFigure, per: string): string {
  const f = s.figure;
  return `${sizeLabel(s.candidates)} ${formatNumber(f.value)} ${f.unit}, p99 ${formatNumber(f.p99Ms ?? Number.NaN)} ms, ${cpuParts(f, per)}`;
}

type Part = (f: Figure) => number | undefined;
const apiPart: Part = (f) => f.cpuMsPerRequest;
const databasePart: Part = (f) => f.databaseCpuMsPerRequest;

/** How one part of a request's CPU grew from one figure to another. */
const partGrowth = (to: Figure, from: Figure, part: Part) =>
  `${ratioOf(part(to) ?? Number.NaN, part(from) ?? Number.NaN).toFixed(2)}×`;

/** The growth of each part apart, at the one rate: the API's own work, and PostgreSQL's. */
function partsNote(growth: CostGrowth): string {
  const [to, from] = [growth.largest.figure, growth.smallest.figure];
  return `At the one rate, from ${sizeLabel(growth.smallest.candidates)} to ${sizeLabel(growth.largest.candidates)}: the API's own CPU per request ${partGrowth(to, from, apiPart)}, PostgreSQL's ${partGrowth(to, from, databasePart)}.`;
}

/**
 * The largest size read through the smallest's readers (the same
 * candidates, spread through a larger table), against both sizes' own
 * reads at the same rate: near the smallest's, the growth is how widely
 * the reads spread through the tables, not the tables' size.
 */
export function sameReadersNote(growth: CostGrowth, same: Figure, readers: number): string {
  const against = (f: Figure) => ratioOf(totalCpuMs(same), totalCpuMs(f)).toFixed(2);
  const smallest = growth.smallest.figure;
  return `At ${sizeLabel(growth.largest.candidates)}, the ${formatNumber(readers)} readers of ${sizeLabel(growth.smallest.candidates)} (the same candidates, in the larger tables) at the same rate: ${cpuParts(same, 'read')}, ${against(smallest)}× the smallest size's own reads (API ${partGrowth(same, smallest, apiPart)}, PostgreSQL ${partGrowth(same, smallest, databasePart)}) and ${against(growth.largest.figure)}× the largest's.`;
}

/** Every size's figures of one way of loading them, as one line. */
const sizesNote = (heading: string, figures: readonly SizedFigure[], per: string) =>
  `${heading}: ${figures.map((s) => sizeNote(s, per)).join('; ')}.`;

/** The sizes measured twice, in turns each time: as fast as each answers, then all at one offered rate. */
interface TwoWays {
  readonly fullSpeed: ServerLoad[];
  /** Requests a second offered to every size in the second turns. */
  readonly rate: number;
  readonly atRate: ServerLoad[];
  /** The extra sides, measured at the same rate in the same turns, after the sizes. */
  readonly alsoAtRate: ServerLoad[];
}

/**
 * Each size as fast as it answers (the rates the issue asks for, and
 * PostgreSQL's blocks), then every size at the same offered rate, a share
 * of the slowest's: the CPU per request compared between sizes is the
 * second's, where a slower size is not also a less busy server.
 */
async function fullSpeedThenEqualRate(
  ctx: BenchContext,
  sides: readonly Side[],
  what: string,
  alsoAtRate: readonly Side[] = [],
): Promise<TwoWays> {
  ctx.progress(`cost growth: ${what} at each size in turn, as fast as answered`);
  const fullSpeed = await measureInTurns(ctx, sides, { countBlocks: true });
  const rate = equalRate(fullSpeed.map((l) => l.load.okPerSecond));
  ctx.progress(
    `cost growth: ${what} at each size in turn, ${formatNumber(rate)} a second offered to each`,
  );
  const paced = await measureInTurns(
    ctx,
    [...sides, ...alsoAtRate].map((side) => ({
      ...side,
      shape: { ...side.shape, overallRate: rate },
    })),
  );
  return {
    fullSpeed,
    rate,
    atRate: paced.slice(0, sides.length),
    alsoAtRate: paced.slice(sides.length),
  };
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
  return `PostgreSQL's blocks of 8 kB per ${per}, each size as fast as it answers (pg_stat_database, read ${settleSeconds} s after the warm-ups and after the turns): ${each.join('; ')}.`;
}

/** A row of the table: CPU per request at the largest size against the smallest, at one offered rate, and whether it stayed within the bound. */
function growthResult(row: {
  readonly id: string;
  readonly title: string;
  readonly data: string;
  readonly sizes: readonly number[];
  readonly measured: TwoWays;
  readonly figureOf: (load: ServerLoad, index: number) => Figure;
  readonly per: string;
  readonly unit: string;
  readonly notes: readonly string[];
  readonly raw: Record<string, unknown>;
  /** How many readers the largest size's extra side (`alsoAtRate`) shares with the smallest, if it has one. */
  readonly smallestsReaders?: number;
}): ScenarioResult {
  const { sizes, measured, per } = row;
  const sized = (loads: readonly ServerLoad[]): SizedFigure[] =>
    loads.map((l, i) => ({ candidates: sizes[i] ?? 0, figure: row.figureOf(l, i) }));
  const atRate = sized(measured.atRate);
  const growth = costGrowth(atRate);
  const cpuFigure = (s: SizedFigure): Figure => ({
    ...s.figure,
    label: sizeLabel(s.candidates),
    value: totalCpuMs(s.figure),
    unit: 'ms CPU/request',
  });
  const loads = [...measured.fullSpeed, ...measured.atRate, ...measured.alsoAtRate];
  const sameReaders = measured.alsoAtRate[0];
  const failed = loads.reduce((n, l) => n + failedRequests(l.load), 0);
  const autovacuum = (i: number) =>
    (measured.fullSpeed[i]?.autovacuumCpuSeconds ?? Number.NaN) +
    (measured.atRate[i]?.autovacuumCpuSeconds ?? Number.NaN);
  return {
    id: row.id,
    title: row.title,
    data: row.data,
    subject: cpuFigure(growth.largest),
    peer: cpuFigure(growth.smallest),
    ratio: growth.ratio,
    target: `CPU per ${per} (API + PostgreSQL) at one offered rate ≤ ${GROWTH_LIMIT}× the smallest size's`,
    checks: [
      {
        label: `CPU per ${per} at ${sizeLabel(growth.largest.candidates)} ≤ ${GROWTH_LIMIT} × at ${sizeLabel(growth.smallest.candidates)}, both offered ${formatNumber(measured.rate)} ${row.unit}`,
        met: growth.met,
      },
      { label: 'no failed request', met: failed === 0 },
    ],
    notes: [
      sizesNote('As fast as each size answers', sized(measured.fullSpeed), per),
      sizesNote(
        `At one offered rate, ${formatNumber(measured.rate)} ${row.unit} for every size (${EQUAL_RATE_SHARE} of the slowest's rate above), the figures compared`,
        atRate,
        per,
      ),
      partsNote(growth),
      ...(sameReaders === undefined || row.smallestsReaders === undefined
        ? []
        : [
            sameReadersNote(
              growth,
              row.figureOf(sameReaders, sizes.indexOf(growth.largest.candidates)),
              row.smallestsReaders,
            ),
          ]),
      `Autovacuum workers on each size's database meanwhile, not counted above: ${sizes
        .map((size, i) => `${sizeLabel(size)} ${autovacuum(i).toFixed(1)} s`)
        .join(', ')}.`,
      ...row.notes,
      ...sampleFailures(...loads.map((l) => l.load.sampleFailure)),
    ],
    raw: row.raw,
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

    const largest = served.reduce((a, b) => (b.session.candidates > a.session.candidates ? b : a));
    const reads = await fullSpeedThenEqualRate(
      ctx,
      served.map(({ session, api }) => ({
        servers: [api],
        shape: candidateReadShape(ctx, session.candidateTokens, 'api'),
      })),
      'candidate reads',
      [
        {
          servers: [largest.api],
          shape: candidateReadShape(ctx, largest.session.smallestsReaders, 'api'),
        },
      ],
    );
    ctx.progress('cost growth: one pager through the académie at each size');
    const walks: Walk[] = [];
    for (const { session, api } of served)
      walks.push(await walk(api, 'api', session.academyToken, pageSize));
    const okMarker = academyPage(pageSize, BENCH_YEAR).apiOk;
    const pages = await fullSpeedThenEqualRate(
      ctx,
      served.map(({ api }, i) => ({
        servers: [api],
        shape: pagingShape(ctx, walks[i] as Walk, okMarker),
      })),
      'every page of the walk',
    );

    const data = `${growthSizes.map(formatNumber).join(' / ')} candidates, one database each`;
    return [
      growthResult({
        id: 'cost-growth-reads',
        title: 'Cost growth: candidate reads',
        data: `${data}, ${ctx.options.sessions} sessions each`,
        sizes: growthSizes,
        measured: reads,
        figureOf: (l) => loadFigure('API', l),
        per: 'read',
        unit: 'req/s',
        notes: [
          `Row 1's reads, ${ctx.options.readConnections} connections, the sizes in turn.`,
          blocksNote(growthSizes, reads.fullSpeed, 'read', ctx.options.statisticsSettleSeconds),
        ],
        raw: {
          sizes: growthSizes,
          reads: reads.fullSpeed,
          rate: reads.rate,
          readsAtRate: reads.atRate,
          largestReadBySmallestsReaders: reads.alsoAtRate,
        },
        smallestsReaders: largest.session.smallestsReaders.length,
      }),
      growthResult({
        id: 'cost-growth-paging',
        title: 'Cost growth: académie paging',
        data: `${data}, a fifth of them of the paging académie`,
        sizes: growthSizes,
        measured: pages,
        figureOf: (l, i) =>
          perFullPage(loadFigure('API', l, 'pages/s'), walks[i] as Walk, pageSize),
        per: `page of ${pageSize}`,
        unit: 'pages/s',
        notes: [
          `Pages of ${pageSize} (${walks.map((w) => `${w.pages.length} pages, ${w.rows} rows`).join('; ')}), every page in turn over ${ctx.options.pagingConnections} connections, the sizes in turn; CPU scaled to a full page where the last one holds fewer rows.`,
          blocksNote(
            growthSizes,
            pages.fullSpeed,
            `page of ${pageSize}`,
            ctx.options.statisticsSettleSeconds,
            (i) => fullPageScale(walks[i] as Walk, pageSize),
          ),
        ],
        raw: {
          sizes: growthSizes,
          pages: pages.fullSpeed,
          rate: pages.rate,
          pagesAtRate: pages.atRate,
          walks: walks.map((w) => ({ pages: w.pages.length, rows: w.rows, seconds: w.seconds })),
        },
      }),
    ];
  } finally {
    for (const server of servers) await server.process.stop();
    for (const s of sessions) await s.database.drop();
  }
}
