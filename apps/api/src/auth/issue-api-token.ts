import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { createApiToken, findAccountByIdentifier } from '../repositories/accounts.repository.ts';
import { TOKEN_PREFIXES, hashToken, newToken } from './tokens.ts';

export type IssueTokenOutcome =
  | { readonly kind: 'issued'; readonly token: string; readonly expiresAt: Date | null }
  | { readonly kind: 'unknownAccount' }
  | { readonly kind: 'notAnAcademy' };

/**
 * Issues an API token for an académie account (partner or pilot), for
 * programs. The token is returned once; only its SHA-256 is stored.
 */
export async function issueApiToken(
  db: Kysely<Database>,
  input: {
    readonly identifier: string;
    readonly label: string;
    readonly at: Date;
    readonly validDays: number | null;
  },
): Promise<IssueTokenOutcome> {
  const account = await findAccountByIdentifier(db, input.identifier);
  if (account === null) return { kind: 'unknownAccount' };
  if (account.role !== 'ACADEMY' && account.role !== 'PILOT') return { kind: 'notAnAcademy' };
  const token = newToken(TOKEN_PREFIXES.apiToken);
  const expiresAt =
    input.validDays === null ? null : new Date(input.at.getTime() + input.validDays * 86_400_000);
  await createApiToken(db, {
    tokenHash: hashToken(token),
    accountId: account.id,
    accountRole: account.role,
    label: input.label,
    createdAt: input.at,
    expiresAt,
  });
  return { kind: 'issued', token, expiresAt };
}
