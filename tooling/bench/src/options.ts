import type { PopulationSize } from './data/population.ts';

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
};

export function benchOptions(args: readonly string[]): BenchOptions {
  return args.includes('--quick') ? QUICK : FULL;
}
