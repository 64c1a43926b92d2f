import type { CandidateMarks, ControlMarkEntry, MarkEntry } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';
import { markEntryOf } from './mark-rows.ts';

/** First-group marks of many candidates in one query (DataLoader batch). */
export async function loadFirstGroupMarks(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, CandidateMarks>> {
  const result = new Map<string, Map<string, MarkEntry>>(candidateIds.map((id) => [id, new Map()]));
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('first_group_marks')
    .select(['candidate_id', 'code', 'status', 'hundredths'])
    .where('candidate_id', '=', anyId(candidateIds))
    .execute();
  for (const r of rows) result.get(r.candidate_id)?.set(r.code, markEntryOf(r));
  return result;
}

export interface ControlMarkRecord {
  readonly testCode: string;
  readonly entry: ControlMarkEntry;
  readonly recordedAt: Date;
}

export async function loadControlMarks(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, ControlMarkRecord[]>> {
  const result = new Map<string, ControlMarkRecord[]>(candidateIds.map((id) => [id, []]));
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('control_marks')
    .select(['candidate_id', 'test_code', 'status', 'hundredths', 'recorded_at'])
    .where('candidate_id', '=', anyId(candidateIds))
    .orderBy('test_code')
    .execute();
  for (const r of rows) {
    const entry: ControlMarkEntry =
      r.status === 'MARK'
        ? { status: 'MARK', hundredths: r.hundredths ?? 0 }
        : { status: 'ABSENT' };
    result.get(r.candidate_id)?.push({ testCode: r.test_code, entry, recordedAt: r.recorded_at });
  }
  return result;
}

export async function upsertControlMark(
  db: Kysely<Database>,
  mark: {
    readonly candidateId: string;
    readonly testCode: string;
    readonly entry: ControlMarkEntry;
    readonly recordedAt: Date;
    readonly recordedByAccountId: string;
  },
): Promise<void> {
  const values = {
    status: mark.entry.status,
    hundredths: mark.entry.status === 'MARK' ? mark.entry.hundredths : null,
    recorded_at: mark.recordedAt,
    recorded_by_account_id: mark.recordedByAccountId,
  };
  await db
    .insertInto('control_marks')
    .values({ candidate_id: mark.candidateId, test_code: mark.testCode, ...values })
    .onConflict((oc) => oc.columns(['candidate_id', 'test_code']).doUpdateSet(values))
    .execute();
}
