import { type ChoiceActor, type ChoiceEntryDecision, decideChoiceEntry } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findCandidatesByIds } from '../repositories/candidates.repository.ts';
import {
  type ChoiceRecord,
  loadChoices,
  lockCandidate,
  upsertChoice,
} from '../repositories/choices.repository.ts';
import { loadJuryDecisions } from '../repositories/jury.repository.ts';
import { loadFirstGroupMarks } from '../repositories/marks.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';
import { candidateScopeOf } from '../access/viewer.ts';
import { enqueueChoiceReceipt } from '../notifications/enqueue-choice-receipt.ts';

export type ChooseOutcome =
  | { readonly kind: 'recorded'; readonly choice: ChoiceRecord }
  | { readonly kind: 'refused'; readonly decision: Exclude<ChoiceEntryDecision, { ok: true }> }
  /** The candidate does not exist or is outside the viewer's scope: indistinguishable on purpose. */
  | { readonly kind: 'forbidden' };

function actorOf(viewer: Viewer): ChoiceActor | null {
  if (viewer.role === 'CANDIDATE' && viewer.candidateId !== null)
    return { kind: 'candidate', candidateId: viewer.candidateId };
  if (viewer.role === 'SCHOOL' && viewer.schoolUai !== null)
    return { kind: 'school', schoolUai: viewer.schoolUai };
  return null;
}

/**
 * Records a choice of control tests. Everything happens in one transaction
 * with the candidate's row locked: concurrent entries (candidate and school
 * at once) are decided one after the other, the clock is read after the
 * lock so nothing is accepted past the window's end, and the audit entry
 * commits with the change or not at all. The latest valid entry wins.
 */
export async function chooseControlTests(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  candidateId: string,
  testCodes: readonly string[],
): Promise<ChooseOutcome> {
  const actor = actorOf(viewer);
  if (actor === null) return { kind: 'forbidden' };
  const [candidate] = await findCandidatesByIds(db, [candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, candidate.year);
  const specialty = reference?.specialties.get(candidate.specialtyCode);
  if (reference === null || specialty === undefined) return { kind: 'forbidden' };

  return db.transaction().execute(async (trx) => {
    await lockCandidate(trx, candidate.id);
    const marks = (await loadFirstGroupMarks(trx, [candidate.id])).get(candidate.id) ?? new Map();
    const jury = (await loadJuryDecisions(trx, [candidate.id])).get(candidate.id);
    const at = clock.now();
    const decision = decideChoiceEntry({
      calendar: reference.calendar,
      specialtyCode: candidate.specialtyCode,
      structure: specialty.structure,
      subject: {
        candidateId: candidate.id,
        individual: candidate.individual,
        schoolUai: candidate.schoolUai,
      },
      marks,
      actor,
      testCodes,
      at,
      policy: reference.policy,
      // The jury is sovereign: its first-group decision says who may choose (art. D643-22).
      juryDecision: jury?.firstGroup ?? null,
    });
    if (!decision.ok) return { kind: 'refused', decision } as const;

    const before = (await loadChoices(trx, [candidate.id])).get(candidate.id) ?? null;
    const codes = [decision.tests[0].code, decision.tests[1].code] as const;
    await upsertChoice(trx, {
      candidateId: candidate.id,
      individual: candidate.individual,
      testCodes: codes,
      channel: decision.channel,
      enteredAt: at,
      enteredByAccountId: viewer.accountId,
    });
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'CONTROL_CHOICE_ENTERED',
      channel: decision.channel,
      candidateId: candidate.id,
      before:
        before === null
          ? null
          : { testCodes: before.testCodes, channel: before.channel, enteredAt: before.enteredAt },
      after: { testCodes: codes, channel: decision.channel, enteredAt: at },
    });
    await enqueueChoiceReceipt(trx, {
      candidate,
      calendar: reference.calendar,
      tests: decision.tests,
      channel: decision.channel,
      at,
    });
    const choice: ChoiceRecord = {
      candidateId: candidate.id,
      testCodes: codes,
      channel: decision.channel,
      enteredAt: at,
      enteredByAccountId: viewer.accountId,
      enteredByIdentifier: viewer.identifier,
    };
    return { kind: 'recorded', choice } as const;
  });
}
