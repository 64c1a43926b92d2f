import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The cheapest round trip: whether the database answers at all (readiness). */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
