import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Revokes the candidate's link in force, if any; true when there was one. */
export async function revokeCalendarLinks(
  db: Kysely<Database>,
  candidateId: string,
  at: Date,
): Promise<boolean> {
  const revoked = await db
    .updateTable('calendar_links')
    .set({ revoked_at: at })
    .where('candidate_id', '=', candidateId)
    .where('revoked_at', 'is', null)
    .returning('created_at')
    .execute();
  return revoked.length > 0;
}

export async function insertCalendarLink(
  db: Kysely<Database>,
  link: { readonly tokenHash: Uint8Array; readonly candidateId: string; readonly at: Date },
): Promise<void> {
  await db
    .insertInto('calendar_links')
    .values({ token_hash: link.tokenHash, candidate_id: link.candidateId, created_at: link.at })
    .execute();
}

/** When the candidate's link in force was created; null when there is none. */
export async function calendarLinkInForce(
  db: Kysely<Database>,
  candidateId: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('calendar_links')
    .select('created_at')
    .where('candidate_id', '=', candidateId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

/** The candidate a link in force opens; null for any other token. */
export async function candidateOfCalendarLink(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<string | null> {
  const row = await db
    .selectFrom('calendar_links')
    .select('candidate_id')
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.candidate_id ?? null;
}
