import { type WithholdingRefusal, withholdingReason } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { type Viewer, candidateScopeOf } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { enqueueConvocationNotices } from '../notifications/enqueue-convocation-notices.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findCandidatesByIds } from '../repositories/candidates.repository.ts';
import { lockCandidate } from '../repositories/choices.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';
import {
  type WithholdingRecord,
  holdResult,
  releaseResult,
  withholdingOf,
} from '../repositories/withheld-results.repository.ts';

export type WithholdingOutcome =
  | { readonly kind: 'done'; readonly candidateId: string }
  | { readonly kind: 'refused'; readonly refusal: WithholdingRefusal }
  /** Not the pilot, or no such candidate: indistinguishable on purpose. */
  | { readonly kind: 'forbidden' };

/**
 * The pilot académie holds a candidate's result back, with its reason
 * (the domain's withholdingReason), or states another reason for a hold in
 * force. Audited with the reason before and after; the same reason again
 * changes and audits nothing.
 */
export async function withholdResult(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  candidateId: string,
  reason: string,
): Promise<WithholdingOutcome> {
  if (viewer.role !== 'PILOT') return { kind: 'forbidden' };
  const stated = withholdingReason(reason);
  if (!stated.ok) return { kind: 'refused', refusal: stated.refusal };
  const [candidate] = await findCandidatesByIds(db, [candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };
  return db.transaction().execute(async (trx) => {
    // Two requests at once are decided one after the other.
    await lockCandidate(trx, candidate.id);
    const before = await withholdingOf(trx, candidate.id);
    if (before?.reason === stated.reason) return { kind: 'done', candidateId: candidate.id };
    const at = clock.now();
    await holdResult(trx, {
      candidateId: candidate.id,
      reason: stated.reason,
      at,
      accountId: viewer.accountId,
    });
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'RESULT_WITHHELD',
      candidateId: candidate.id,
      before: before === null ? null : { reason: before.reason, withheldAt: before.withheldAt },
      after: { reason: stated.reason },
    });
    return { kind: 'done', candidateId: candidate.id } as const;
  });
}

/**
 * The pilot académie releases a held result: from this instant it shows as
 * the calendar publishes it. Audited with the hold it ends; releasing a
 * result that is not held changes and audits nothing.
 */
export async function releaseWithheldResult(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  candidateId: string,
): Promise<WithholdingOutcome> {
  if (viewer.role !== 'PILOT') return { kind: 'forbidden' };
  const [candidate] = await findCandidatesByIds(db, [candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };
  return db.transaction().execute(async (trx) => {
    await lockCandidate(trx, candidate.id);
    const before = await withholdingOf(trx, candidate.id);
    if (before === null) return { kind: 'done', candidateId: candidate.id };
    await releaseResult(trx, candidate.id);
    const at = clock.now();
    // The publication notices follow at the worker's next run (their key is
    // unused); the convocation's, sent once when issued, is sent now while
    // the orals are still ahead.
    const reference = await loadSessionReference(trx, candidate.year);
    if (reference !== null && at < reference.calendar.secondGroupResultsAt)
      await enqueueConvocationNotices(trx, reference, [{ candidateId: candidate.id }], at);
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'RESULT_RELEASED',
      candidateId: candidate.id,
      before: { reason: before.reason, withheldAt: before.withheldAt },
    });
    return { kind: 'done', candidateId: candidate.id } as const;
  });
}

/** Forgets what this request loaded of a candidate whose hold changed. */
export function forgetWithholding(ctx: Pick<RequestContext, 'loaders'>, candidateId: string) {
  ctx.loaders.firstGroupFacts.clear(candidateId);
}

/** The hold in force on a candidate's result, for the pilot; null when none. */
export function withholdingInForce(
  db: Kysely<Database>,
  candidateId: string,
): Promise<WithholdingRecord | null> {
  return withholdingOf(db, candidateId);
}
