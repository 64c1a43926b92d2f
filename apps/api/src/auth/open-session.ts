import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { createSession } from '../repositories/accounts.repository.ts';
import { TOKEN_PREFIXES, hashToken, newToken } from './tokens.ts';

/** A fresh session for an account (the token is returned once; only its SHA-256 is stored). */
export async function openSession(
  db: Kysely<Database>,
  input: { readonly accountId: string; readonly at: Date; readonly sessionHours: number },
): Promise<{ readonly token: string; readonly expiresAt: Date }> {
  const token = newToken(TOKEN_PREFIXES.session);
  const expiresAt = new Date(input.at.getTime() + input.sessionHours * 3_600_000);
  await createSession(db, {
    tokenHash: hashToken(token),
    accountId: input.accountId,
    createdAt: input.at,
    expiresAt,
  });
  return { token, expiresAt };
}
