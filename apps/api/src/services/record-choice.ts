import type { CandidateMarks, Channel, ExamTest } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { type Viewer, candidateScopeOf } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { enqueueChoiceReceipt } from '../notifications/enqueue-choice-receipt.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  type CandidateRecord,
  findCandidatesByIds,
} from '../repositories/candidates.repository.ts';
import {
  CHOICE_AUDIT_ACTIONS,
  type ChoiceRecord,
  loadChoices,
  lockCandidate,
  upsertChoice,
} from '../repositories/choices.repository.ts';
import { type CandidateJuryDecisions, NO_JURY_DECISION } from '../repositories/jury.repository.ts';
import { loadFirstGroupFacts } from '../repositories/marks.repository.ts';
import {
  type SessionReference,
  type SpecialtyRecord,
  loadSessionReference,
} from '../repositories/reference.repository.ts';

/** What a choice is decided on, read after the candidate's row is locked. */
export interface ChoiceFacts {
  readonly candidate: CandidateRecord;
  readonly reference: SessionReference;
  readonly specialty: SpecialtyRecord;
  readonly marks: CandidateMarks;
  readonly jury: CandidateJuryDecisions;
  /** The pilot académie holds the candidate's result back. */
  readonly withheld: boolean;
  /** The clock, read after the lock: nothing is accepted past an instant. */
  readonly at: Date;
}

export type ChoiceDecision<Refusal> =
  | {
      readonly ok: true;
      readonly channel: Channel;
      readonly tests: readonly [ExamTest, ExamTest];
      /** Set for a choice the exam office records after the deadline. */
      readonly lateReason?: string;
    }
  | { readonly ok: false; readonly refusal: Refusal };

export type RecordChoiceOutcome<Refusal> =
  | { readonly kind: 'recorded'; readonly choice: ChoiceRecord }
  | {
      readonly kind: 'refused';
      readonly decision: { readonly ok: false; readonly refusal: Refusal };
    }
  /** The candidate does not exist or is outside the viewer's scope: indistinguishable on purpose. */
  | { readonly kind: 'forbidden' };

/** A choice as the audit log keeps it (choice-history.repository.ts reads it back). */
function audited(choice: Pick<ChoiceRecord, 'testCodes' | 'channel' | 'enteredAt' | 'lateReason'>) {
  const { testCodes, channel, enteredAt, lateReason } = choice;
  return { testCodes, channel, enteredAt, ...(lateReason === null ? {} : { lateReason }) };
}

/**
 * Records a choice of control tests, whoever enters it. Everything happens
 * in one transaction with the candidate's row locked: concurrent entries are
 * decided one after the other, `decide` sees the clock read after the lock,
 * and the audit entry and the candidate's receipt commit with the change or
 * not at all. The latest valid entry wins.
 */
export async function recordChoice<Refusal>(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  candidateId: string,
  decide: (facts: ChoiceFacts) => ChoiceDecision<Refusal>,
): Promise<RecordChoiceOutcome<Refusal>> {
  const [candidate] = await findCandidatesByIds(db, [candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, candidate.year);
  const specialty = reference?.specialties.get(candidate.specialtyCode);
  if (reference === null || specialty === undefined) return { kind: 'forbidden' };

  return db.transaction().execute(async (trx) => {
    await lockCandidate(trx, candidate.id);
    const facts = (await loadFirstGroupFacts(trx, [candidate.id])).get(candidate.id);
    const at = clock.now();
    const decision = decide({
      candidate,
      reference,
      specialty,
      marks: facts?.marks ?? new Map(),
      jury: facts?.jury ?? NO_JURY_DECISION,
      withheld: facts?.withheld ?? false,
      at,
    });
    if (!decision.ok) return { kind: 'refused', decision } as const;

    const before = (await loadChoices(trx, [candidate.id])).get(candidate.id) ?? null;
    const codes = [decision.tests[0].code, decision.tests[1].code] as const;
    const lateReason = decision.lateReason ?? null;
    await upsertChoice(trx, {
      candidateId: candidate.id,
      individual: candidate.individual,
      testCodes: codes,
      channel: decision.channel,
      enteredAt: at,
      enteredByAccountId: viewer.accountId,
      lateReason,
    });
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: lateReason === null ? CHOICE_AUDIT_ACTIONS.entered : CHOICE_AUDIT_ACTIONS.enteredLate,
      channel: decision.channel,
      candidateId: candidate.id,
      before: before === null ? null : audited(before),
      after: audited({ testCodes: codes, channel: decision.channel, enteredAt: at, lateReason }),
    });
    await enqueueChoiceReceipt(trx, {
      candidate,
      calendar: reference.calendar,
      tests: decision.tests,
      channel: decision.channel,
      at,
      late: lateReason !== null,
    });
    const choice: ChoiceRecord = {
      candidateId: candidate.id,
      testCodes: codes,
      channel: decision.channel,
      enteredAt: at,
      enteredByAccountId: viewer.accountId,
      enteredByIdentifier: viewer.identifier,
      lateReason,
    };
    return { kind: 'recorded', choice } as const;
  });
}
