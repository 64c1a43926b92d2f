import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Whether the candidate whose id `candidateId` names (a column of the
 * enclosing query) has their result held back: the one SQL test every
 * filter, count and mailing uses.
 */
export function isWithheld(candidateId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from withheld_results w where w.candidate_id = ${candidateId})`;
}

export interface WithholdingRecord {
  readonly reason: string;
  readonly withheldAt: Date;
  /** The identifier of the pilot account that held it. */
  readonly withheldBy: string;
}

export async function withholdingOf(
  db: Kysely<Database>,
  candidateId: string,
): Promise<WithholdingRecord | null> {
  const row = await db
    .selectFrom('withheld_results as w')
    .innerJoin('accounts as a', 'a.id', 'w.withheld_by_account_id')
    .select(['w.reason', 'w.withheld_at', 'a.identifier'])
    .where('w.candidate_id', '=', candidateId)
    .executeTakeFirst();
  return row === undefined
    ? null
    : { reason: row.reason, withheldAt: row.withheld_at, withheldBy: row.identifier };
}

/** Holds the result back, or replaces the reason of a hold in force. */
export async function holdResult(
  db: Kysely<Database>,
  input: {
    readonly candidateId: string;
    readonly reason: string;
    readonly at: Date;
    readonly accountId: string;
  },
): Promise<void> {
  await db
    .insertInto('withheld_results')
    .values({
      candidate_id: input.candidateId,
      reason: input.reason,
      withheld_at: input.at,
      withheld_by_account_id: input.accountId,
    })
    .onConflict((oc) =>
      oc.column('candidate_id').doUpdateSet({
        reason: input.reason,
        withheld_at: input.at,
        withheld_by_account_id: input.accountId,
      }),
    )
    .execute();
}

export async function releaseResult(db: Kysely<Database>, candidateId: string): Promise<void> {
  await db.deleteFrom('withheld_results').where('candidate_id', '=', candidateId).execute();
}
