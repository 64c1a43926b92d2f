import type { JuryDecision, JuryStage } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';

type StoredOutcome = 'ADMITTED' | 'CONTROL_ALLOWED' | 'FAILED';

export interface CandidateJuryDecisions {
  readonly firstGroup: JuryDecision<StoredOutcome> | null;
  readonly final: JuryDecision<'ADMITTED' | 'FAILED'> | null;
}

export const NO_JURY_DECISION: CandidateJuryDecisions = { firstGroup: null, final: null };

/** The jury decisions of some candidates, with the identifier of who recorded each. */
export async function loadJuryDecisions(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, CandidateJuryDecisions>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('jury_decisions as j')
    .innerJoin('accounts as a', 'a.id', 'j.decided_by_account_id')
    .select(['j.candidate_id', 'j.stage', 'j.outcome', 'j.reason', 'j.decided_at', 'a.identifier'])
    .where('j.candidate_id', '=', anyId(candidateIds))
    .execute();
  return collectJuryDecisions(rows);
}

/** One row of jury_decisions with who recorded it, as the readers select it. */
export interface JuryDecisionRow {
  readonly candidate_id: string;
  readonly stage: JuryStage;
  readonly outcome: StoredOutcome;
  readonly reason: string;
  readonly decided_at: Date;
  readonly identifier: string;
}

/** The one conversion from jury rows to each candidate's decisions, by stage. */
export function collectJuryDecisions(
  rows: readonly JuryDecisionRow[],
): Map<string, CandidateJuryDecisions> {
  const result = new Map<string, CandidateJuryDecisions>();
  for (const r of rows) {
    const decision = {
      outcome: r.outcome,
      reason: r.reason,
      decidedAt: r.decided_at,
      decidedBy: r.identifier,
    };
    const current = result.get(r.candidate_id) ?? NO_JURY_DECISION;
    if (r.stage === 'FIRST_GROUP') result.set(r.candidate_id, { ...current, firstGroup: decision });
    else if (r.outcome !== 'CONTROL_ALLOWED')
      result.set(r.candidate_id, { ...current, final: { ...decision, outcome: r.outcome } });
  }
  return result;
}

export async function upsertJuryDecision(
  db: Kysely<Database>,
  input: {
    readonly candidateId: string;
    readonly stage: JuryStage;
    readonly outcome: StoredOutcome;
    readonly reason: string;
    readonly decidedAt: Date;
    readonly decidedByAccountId: string;
  },
): Promise<void> {
  await db
    .insertInto('jury_decisions')
    .values({
      candidate_id: input.candidateId,
      stage: input.stage,
      outcome: input.outcome,
      reason: input.reason,
      decided_at: input.decidedAt,
      decided_by_account_id: input.decidedByAccountId,
    })
    .onConflict((oc) =>
      oc.columns(['candidate_id', 'stage']).doUpdateSet({
        outcome: input.outcome,
        reason: input.reason,
        decided_at: input.decidedAt,
        decided_by_account_id: input.decidedByAccountId,
      }),
    )
    .execute();
}
