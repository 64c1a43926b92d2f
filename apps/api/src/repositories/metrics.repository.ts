import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface OutboxCounts {
  readonly pending: number;
  readonly sent: number;
  readonly dead: number;
}

/**
 * The outbox by state, in one pass (read on every /metrics scrape), without
 * password-reset mails: anyone may ask for one, and one is queued only when
 * the account has an e-mail, so counting them would tell whether it has one.
 */
export async function countOutboxByState(db: Kysely<Database>): Promise<OutboxCounts> {
  const row = await db
    .selectFrom('outbox')
    .where('kind', '<>', 'PASSWORD_RESET')
    .select([
      sql<number>`count(*) filter (where sent_at is null and dead_at is null)::int`.as('pending'),
      sql<number>`count(*) filter (where sent_at is not null)::int`.as('sent'),
      sql<number>`count(*) filter (where dead_at is not null)::int`.as('dead'),
    ])
    .executeTakeFirstOrThrow();
  return { pending: row.pending, sent: row.sent, dead: row.dead };
}
