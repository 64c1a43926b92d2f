import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The candidate's verification code: the one already drawn, or `drawn`,
 * stored now. Two requests at once keep one code (the first stored). Read
 * first: a candidate's page asks for it at every visit, and writes only
 * the first time.
 */
export async function attestationCode(
  db: Kysely<Database>,
  candidateId: string,
  drawn: string,
  at: Date,
): Promise<string> {
  const stored = () =>
    db
      .selectFrom('attestations')
      .select('code')
      .where('candidate_id', '=', candidateId)
      .executeTakeFirst();
  const existing = await stored();
  if (existing !== undefined) return existing.code;
  await db
    .insertInto('attestations')
    .values({ candidate_id: candidateId, code: drawn, issued_at: at })
    .onConflict((oc) => oc.column('candidate_id').doNothing())
    .execute();
  const row = await stored();
  if (row === undefined) throw new Error(`no attestation code for candidate ${candidateId}`);
  return row.code;
}

/** The candidate whose attestation carries this code; null for none. */
export async function candidateIdOfAttestation(
  db: Kysely<Database>,
  code: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('attestations')
    .select('candidate_id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.candidate_id ?? null;
}
