import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** When the candidate consented to be listed if admitted; null while they have not. */
export async function admissionListConsentOf(
  db: Kysely<Database>,
  candidateId: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('admission_list_consents')
    .select('given_at')
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  return row?.given_at ?? null;
}

export async function giveAdmissionListConsent(
  db: Kysely<Database>,
  candidateId: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('admission_list_consents')
    .values({ candidate_id: candidateId, given_at: at })
    .execute();
}

export async function withdrawAdmissionListConsent(
  db: Kysely<Database>,
  candidateId: string,
): Promise<void> {
  await db.deleteFrom('admission_list_consents').where('candidate_id', '=', candidateId).execute();
}

/** The candidates of one specialty and session who consent to be listed if admitted. */
export async function consentingCandidateIds(
  db: Kysely<Database>,
  year: number,
  specialtyCode: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('admission_list_consents as l')
    .innerJoin('candidates as c', 'c.id', 'l.candidate_id')
    .select('c.id')
    .where('c.year', '=', year)
    .where('c.specialty_code', '=', specialtyCode)
    .execute();
  return rows.map((r) => r.id);
}
