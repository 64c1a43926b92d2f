import type { Channel } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';

/** The audit actions that record a choice: on time, and late by exception. */
export const CHOICE_AUDIT_ACTIONS = {
  entered: 'CONTROL_CHOICE_ENTERED',
  enteredLate: 'CONTROL_CHOICE_LATE_ENTERED',
} as const;

export interface ChoiceRecord {
  readonly candidateId: string;
  /** Sorted, as stored. */
  readonly testCodes: readonly [string, string];
  readonly channel: Channel;
  readonly enteredAt: Date;
  readonly enteredByAccountId: string;
  readonly enteredByIdentifier: string;
  /** Why the exam office entered it after the deadline; null for a choice made in time. */
  readonly lateReason: string | null;
}

export async function loadChoices(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, ChoiceRecord>> {
  const result = new Map<string, ChoiceRecord>();
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('control_choices as ch')
    .innerJoin('accounts as a', 'a.id', 'ch.entered_by_account_id')
    .select([
      'ch.candidate_id',
      'ch.test_code_1',
      'ch.test_code_2',
      'ch.channel',
      'ch.entered_at',
      'ch.entered_by_account_id',
      'ch.late_reason',
      'a.identifier',
    ])
    .where('ch.candidate_id', '=', anyId(candidateIds))
    .execute();
  for (const r of rows) result.set(r.candidate_id, choiceOf(r));
  return result;
}

/** A choice's row (with its author's identifier) as the record: the one conversion of both readers. */
export function choiceOf(r: {
  readonly candidate_id: string;
  readonly test_code_1: string;
  readonly test_code_2: string;
  readonly channel: Channel;
  readonly entered_at: Date;
  readonly entered_by_account_id: string;
  readonly late_reason: string | null;
  readonly identifier: string;
}): ChoiceRecord {
  return {
    candidateId: r.candidate_id,
    testCodes: [r.test_code_1, r.test_code_2],
    channel: r.channel,
    enteredAt: r.entered_at,
    enteredByAccountId: r.entered_by_account_id,
    enteredByIdentifier: r.identifier,
    lateReason: r.late_reason,
  };
}

/**
 * Locks the candidate's row for the rest of the transaction, so that
 * concurrent entries for one candidate (candidate and school at the same
 * instant) are decided and written one after the other.
 */
export async function lockCandidate(db: Kysely<Database>, candidateId: string): Promise<void> {
  await db
    .selectFrom('candidates')
    .select('id')
    .where('id', '=', candidateId)
    .forUpdate()
    .execute();
}

export async function upsertChoice(
  db: Kysely<Database>,
  choice: {
    readonly candidateId: string;
    readonly individual: boolean;
    readonly testCodes: readonly [string, string];
    readonly channel: Channel;
    readonly enteredAt: Date;
    readonly enteredByAccountId: string;
    readonly lateReason?: string | null;
  },
): Promise<void> {
  const [first, second] = [...choice.testCodes].sort() as [string, string];
  const values = {
    test_code_1: first,
    test_code_2: second,
    channel: choice.channel,
    entered_at: choice.enteredAt,
    entered_by_account_id: choice.enteredByAccountId,
    late_reason: choice.lateReason ?? null,
  };
  await db
    .insertInto('control_choices')
    .values({ candidate_id: choice.candidateId, individual: choice.individual, ...values })
    .onConflict((oc) => oc.column('candidate_id').doUpdateSet(values))
    .execute();
}
