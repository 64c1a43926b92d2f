import {
  type CandidateMarks,
  type FirstGroupOutcome,
  type JuryDecision,
  decidedFirstGroup,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  candidatesOfYearAfter,
  storeFirstGroupOutcomes,
} from '../repositories/candidates.repository.ts';
import { candidatesChangedByMergeAfter } from '../repositories/import-marks.repository.ts';
import { lockSessionOutcomes } from '../repositories/outcome-lock.ts';
import type { CandidateFactsPage } from '../repositories/marks.repository.ts';
import {
  type SessionReference,
  loadSessionReference,
} from '../repositories/reference.repository.ts';

/**
 * The stored first-group outcome of each candidate: the domain's
 * decidedFirstGroup (the rules, then the jury), the one function every
 * field, filter and count agrees with. The only writer of the stored
 * outcome; null while there is none.
 */
export function storedOutcomesOf(
  reference: SessionReference,
  candidates: readonly {
    readonly id: string;
    readonly specialtyCode: string;
    readonly marks: CandidateMarks;
    readonly juryDecision: JuryDecision<FirstGroupOutcome> | null;
  }[],
): { readonly id: string; readonly outcome: FirstGroupOutcome | null }[] {
  return candidates.map((c) => {
    const specialty = reference.specialties.get(c.specialtyCode);
    if (specialty === undefined) return { id: c.id, outcome: null };
    const decided = decidedFirstGroup(
      specialty.structure,
      c.marks,
      reference.policy,
      c.juryDecision,
    );
    return { id: c.id, outcome: decided?.outcome ?? null };
  });
}

/** Candidates deliberated at a time: what memory holds, whatever the session's size. */
const DELIBERATION_BATCH = 2000;

/** A page of candidates to deliberate, with their facts: after `after` in id order, at most `limit` read. */
type NextPage = (
  db: Kysely<Database>,
  after: string | null,
  limit: number,
) => Promise<CandidateFactsPage>;

/**
 * Computes every candidate's first-group outcome with the domain and stores
 * it, so that partners can filter on it in SQL. The stored value is a cache
 * of the domain's decision: run this after any change to first-group marks.
 * One transaction: a filter never sees half a session recomputed.
 */
export async function deliberateFirstGroup(
  db: Kysely<Database>,
  year: number,
  batch = DELIBERATION_BATCH,
): Promise<Record<string, number>> {
  const page: NextPage = (d, after, limit) => candidatesOfYearAfter(d, year, after, limit);
  // Within an import, the import's transaction already holds it.
  if (db.isTransaction) return deliberateIn(db, year, page, batch);
  return db.transaction().execute((trx) => deliberateIn(trx, year, page, batch));
}

/**
 * The same, for the candidates a marks import changed only (within the
 * import's transaction): the others' marks, and so their outcome, are as
 * they were. A first import changes every candidate; a correction, a few.
 */
export async function deliberateChangedByImport(
  trx: Kysely<Database>,
  year: number,
  batch = DELIBERATION_BATCH,
): Promise<Record<string, number>> {
  return deliberateIn(trx, year, candidatesChangedByMergeAfter, batch);
}

async function deliberateIn(
  db: Kysely<Database>,
  year: number,
  page: NextPage,
  batch = DELIBERATION_BATCH,
): Promise<Record<string, number>> {
  await lockSessionOutcomes(db, year, 'exclusive');
  const reference = await loadSessionReference(db, year);
  if (reference === null) throw new Error(`no exam session ${year}`);
  const counts: Record<string, number> = { ADMITTED: 0, CONTROL_ALLOWED: 0, FAILED: 0, PENDING: 0 };
  // Keyset pages: neither the candidates nor their marks are ever all in
  // memory. The next page is asked for as soon as this one's key is known:
  // the server reads it while this process decides this one.
  let next = page(db, null, batch);
  for (;;) {
    const { candidates: slice, last } = await next;
    if (last === null) break;
    next = page(db, last, batch);
    // Awaited at the next turn; should this turn fail first, its own error is the one thrown.
    next.catch(() => undefined);
    if (slice.length === 0) continue;
    const outcomes = storedOutcomesOf(
      reference,
      slice.map((c) => ({ ...c, juryDecision: c.jury.firstGroup })),
    );
    for (const o of outcomes)
      counts[o.outcome ?? 'PENDING'] = (counts[o.outcome ?? 'PENDING'] ?? 0) + 1;
    await storeFirstGroupOutcomes(db, outcomes);
  }
  return counts;
}
