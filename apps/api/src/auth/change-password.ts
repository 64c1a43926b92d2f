import { checkPassword } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import { type AccountRecord, findAccountsByIds } from '../repositories/accounts.repository.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { replacePassword } from './replace-password.ts';

export type ChangePasswordOutcome =
  | {
      readonly kind: 'session';
      readonly token: string;
      readonly expiresAt: Date;
      readonly account: AccountRecord;
    }
  | { readonly kind: 'wrongPassword' }
  | { readonly kind: 'weak'; readonly problems: readonly string[] };

/**
 * Changes the viewer's password. Every session of the account is revoked,
 * the current one included (whoever held a stolen session loses it too),
 * and a fresh session is returned so the person stays logged in.
 */
export async function changePassword(
  db: Kysely<Database>,
  input: {
    readonly viewer: Viewer;
    readonly currentPassword: string;
    readonly newPassword: string;
    readonly at: Date;
    readonly sessionHours: number;
  },
): Promise<ChangePasswordOutcome> {
  const [account] = await findAccountsByIds(db, [input.viewer.accountId]);
  if (account === undefined || !(await verifyPassword(input.currentPassword, account.passwordHash)))
    return { kind: 'wrongPassword' };
  const check = checkPassword(input.newPassword, account.identifier);
  if (!check.ok) return { kind: 'weak', problems: check.refusal.problems };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const session = await replacePassword(trx, {
      account,
      passwordHash,
      at: input.at,
      sessionHours: input.sessionHours,
      action: 'PASSWORD_CHANGED',
    });
    return { kind: 'session' as const, ...session, account };
  });
}
