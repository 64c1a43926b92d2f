import type { PopulationSize } from './data/population.ts';
import { STATISTICS_SETTLE_SECONDS } from './measure/database-blocks.ts';
import { type ScenarioId, isScenarioId } from './scenario-ids.ts';

/** How big and how long: the sizes (full), or a smoke check of every piece in a minute or two (quick). */
export interface BenchOptions {
  readonly mode: 'full' | 'quick';
  readonly population: PopulationSize;
  /** Candidates of the embedded (PGlite) scenario, and of its PostgreSQL twin. */
  readonly embeddedCandidates: number;
  /** Candidate sessions the read scenarios rotate through. */
  readonly sessions: number;
  /** Candidate accounts the log-in scenarios rotate through. */
  readonly loginAccounts: number;
  readonly warmupSeconds: number;
  /** Measured seconds of each side of a comparison, in this many alternating slices. */
  readonly measureSeconds: number;
  readonly slices: number;
  readonly overloadSeconds: number;
  readonly argon2Seconds: number;
  readonly readConnections: number;
  readonly loginConnections: number;
  readonly pagingConnections: number;
  readonly pageSize: number;
  /** Sessions of these sizes (candidates) for the cost-growth scenario, smallest first. */
  readonly growthSizes: readonly number[];
  /**
   * Seconds to wait, before and after the cost growth's turns, for
   * PostgreSQL to publish its block counters (database-blocks.ts); 0 in a
   * quick run, whose counts then miss the last second of each load.
   */
  readonly statisticsSettleSeconds: number;
  /** Length of the publication-instant mix, in one go. */
  readonly mixSeconds: number;
  /** `--only=`: the rows to measure (and what they need, see `measures`); null for every row. */
  readonly only: readonly ScenarioId[] | null;
}

const FULL: BenchOptions = {
  mode: 'full',
  population: { candidates: 250_000, ofOrigin: 50_000, schoolsPerAcademy: 20 },
  embeddedCandidates: 5_000,
  sessions: 5_000,
  loginAccounts: 50_000,
  warmupSeconds: 3,
  measureSeconds: 15,
  slices: 3,
  overloadSeconds: 60,
  argon2Seconds: 10,
  readConnections: 50,
  loginConnections: 32,
  pagingConnections: 4,
  pageSize: 500,
  growthSizes: [25_000, 250_000, 1_000_000],
  statisticsSettleSeconds: STATISTICS_SETTLE_SECONDS,
  mixSeconds: 120,
  only: null,
};

const QUICK: BenchOptions = {
  ...FULL,
  mode: 'quick',
  population: { candidates: 3_000, ofOrigin: 1_000, schoolsPerAcademy: 3 },
  embeddedCandidates: 500,
  sessions: 300,
  loginAccounts: 3_000,
  warmupSeconds: 1,
  measureSeconds: 3,
  overloadSeconds: 6,
  argon2Seconds: 2,
  growthSizes: [1_000, 3_000, 10_000],
  statisticsSettleSeconds: 0,
  mixSeconds: 20,
};

/** `--growth-sizes=25000,250000` : the sizes, smallest first; anything else is refused, not guessed. */
function growthSizesOf(arg: string): number[] {
  const sizes = arg
    .slice(arg.indexOf('=') + 1)
    .split(',')
    .map((text) => Number(text.replace(/[_\s]/g, '')));
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 100))
    throw new Error(`${arg}: at least two sizes, whole numbers of candidates (100 or more).`);
  return sizes.sort((a, b) => a - b);
}

/** `--only=import-marks,log-in-storm`: row ids as the results file names them; an unknown one is refused. */
function onlyOf(arg: string): ScenarioId[] {
  const ids = arg
    .slice(arg.indexOf('=') + 1)
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const unknown = ids.filter((id) => !isScenarioId(id));
  if (ids.length === 0 || unknown.length > 0)
    throw new Error(`${arg}: unknown row ${unknown.join(', ') || '(none named)'}.`);
  return ids.filter(isScenarioId);
}

export function benchOptions(args: readonly string[]): BenchOptions {
  const options = args.includes('--quick') ? QUICK : FULL;
  const sizes = args.find((a) => a.startsWith('--growth-sizes='));
  const only = args.find((a) => a.startsWith('--only='));
  return {
    ...options,
    ...(sizes === undefined ? {} : { growthSizes: growthSizesOf(sizes) }),
    ...(only === undefined ? {} : { only: onlyOf(only) }),
  };
}
