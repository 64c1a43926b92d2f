import {
  type JuryDecisionInvalidity,
  type JuryStage,
  validateJuryDecision,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { type Viewer, candidateScopeOf } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { RequestContext } from '../context.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  findCandidatesByIds,
  storeFirstGroupOutcomes,
} from '../repositories/candidates.repository.ts';
import { lockCandidate } from '../repositories/choices.repository.ts';
import { lockSessionOutcomes } from '../repositories/outcome-lock.ts';
import { loadFirstGroupMarks } from '../repositories/marks.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';
import { storedOutcomesOf } from './deliberate.ts';
import { loadJuryDecisions, upsertJuryDecision } from '../repositories/jury.repository.ts';

export type RecordJuryDecisionOutcome =
  | { readonly kind: 'recorded'; readonly candidateId: string; readonly decidedAt: Date }
  | { readonly kind: 'invalid'; readonly error: JuryDecisionInvalidity }
  | { readonly kind: 'forbidden' };

/**
 * Records the jury's decision for one candidate and stage (the jury is
 * sovereign, art. D643-22). Only the pilot académie, which holds the jury,
 * records it. The decision, the stored first-group outcome used for
 * filtering, and the audit entry commit together.
 */
export async function recordJuryDecision(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: {
    readonly candidateId: string;
    readonly stage: JuryStage;
    readonly outcome: string;
    readonly reason: string;
  },
): Promise<RecordJuryDecisionOutcome> {
  if (viewer.role !== 'PILOT') return { kind: 'forbidden' };
  const valid = validateJuryDecision(input);
  if (!valid.ok) return { kind: 'invalid', error: valid.refusal };
  const outcome = valid.outcome as 'ADMITTED' | 'CONTROL_ALLOWED' | 'FAILED';
  const [candidate] = await findCandidatesByIds(db, [input.candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };

  return db.transaction().execute(async (trx) => {
    // A deliberation in progress finishes first: its outcome would otherwise overwrite the jury's.
    await lockSessionOutcomes(trx, candidate.year, 'shared');
    await lockCandidate(trx, candidate.id);
    const at = clock.now();
    const before = (await loadJuryDecisions(trx, [candidate.id])).get(candidate.id);
    const previous = input.stage === 'FIRST_GROUP' ? before?.firstGroup : before?.final;
    await upsertJuryDecision(trx, {
      candidateId: candidate.id,
      stage: input.stage,
      outcome,
      reason: valid.reason,
      decidedAt: at,
      decidedByAccountId: viewer.accountId,
    });
    // The stored outcome serves SQL filters and counts: written by the same
    // function as every field (decidedFirstGroup), or a filter would disagree.
    if (input.stage === 'FIRST_GROUP') {
      const reference = await loadSessionReference(trx, candidate.year);
      const marks = (await loadFirstGroupMarks(trx, [candidate.id])).get(candidate.id);
      const decision = (await loadJuryDecisions(trx, [candidate.id])).get(candidate.id);
      if (reference !== null)
        await storeFirstGroupOutcomes(
          trx,
          storedOutcomesOf(reference, [
            {
              id: candidate.id,
              specialtyCode: candidate.specialtyCode,
              marks: marks ?? new Map(),
              juryDecision: decision?.firstGroup ?? null,
            },
          ]),
        );
    }
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'JURY_DECISION_RECORDED',
      candidateId: candidate.id,
      before:
        previous == null
          ? null
          : { stage: input.stage, outcome: previous.outcome, reason: previous.reason },
      after: { stage: input.stage, outcome, reason: valid.reason },
    });
    return { kind: 'recorded', candidateId: candidate.id, decidedAt: at } as const;
  });
}

/** Forgets what this request loaded for a candidate (after a decision was recorded). */
export function forgetJuryDecisions(ctx: Pick<RequestContext, 'loaders'>, candidateId: string) {
  ctx.loaders.firstGroupFacts.clear(candidateId);
}
