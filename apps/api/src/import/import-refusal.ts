import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { examSessionExists } from '../repositories/import-reference.repository.ts';
import { type ImportProblem, MAX_LISTED_PROBLEMS, sortProblems } from './import-problem.ts';

/** A file refused: thrown inside the import's transaction, which rolls back. */
export class Refusal extends Error {
  readonly problems: readonly ImportProblem[];
  readonly total: number;
  constructor(problems: readonly ImportProblem[], total = problems.length) {
    super('import refused');
    this.problems = problems;
    this.total = total;
  }
}

/** The file names a session that does not exist. */
export class NoSession extends Error {}

/**
 * The problems of a file read as a stream: the first ones by line, and how
 * many, so that a wholly wrong file lists a page, not millions.
 */
export class ProblemTally {
  private readonly listed: ImportProblem[] = [];
  private count = 0;

  get total(): number {
    return this.count;
  }

  note(found: readonly ImportProblem[]): void {
    this.count += found.length;
    for (const p of found) if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(p);
  }

  /** Refuses the file if anything was noted, with problems found since (`later`, of `laterTotal`) in line order. */
  refuseIfAny(later: readonly ImportProblem[] = [], laterTotal = later.length): void {
    const total = this.count + laterTotal;
    if (total === 0) return;
    throw new Refusal(
      sortProblems([...this.listed, ...later]).slice(0, MAX_LISTED_PROBLEMS),
      total,
    );
  }
}

/** Throws NoSession unless the session exists (read in the import's transaction). */
export async function requireSession(db: Kysely<Database>, year: number): Promise<void> {
  if (!(await examSessionExists(db, year))) throw new NoSession();
}
