import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function insertPasswordReset(
  db: Kysely<Database>,
  reset: {
    readonly tokenHash: Buffer;
    readonly accountId: string;
    readonly createdAt: Date;
    readonly expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: reset.tokenHash,
      account_id: reset.accountId,
      created_at: reset.createdAt,
      expires_at: reset.expiresAt,
      used_at: null,
    })
    .execute();
}

/** The account of a reset token that is neither used nor expired at `at`. */
export async function findLiveReset(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
): Promise<{ readonly accountId: string } | null> {
  const row = await db
    .selectFrom('password_resets')
    .select('account_id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return row === undefined ? null : { accountId: row.account_id };
}

/**
 * Uses a live reset token, atomically: of two concurrent uses only one
 * updates the row (`used_at is null`), so a link works once.
 */
export async function consumeReset(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
): Promise<{ readonly accountId: string } | null> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning('account_id')
    .executeTakeFirst();
  return row === undefined ? null : { accountId: row.account_id };
}

/** Voids an account's other pending links once its password is set. */
export async function voidPendingResets(
  db: Kysely<Database>,
  accountId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('created_at', '<=', at)
    .execute();
}
