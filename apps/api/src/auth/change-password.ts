import { checkPassword } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import {
  type AccountRecord,
  findAccountsByIds,
  revokeAccountSessions,
  setPasswordHash,
} from '../repositories/accounts.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { voidPendingResets } from '../repositories/password-reset.repository.ts';
import { openSession } from './open-session.ts';
import { hashPassword, verifyPassword } from './password.ts';

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
  if (!check.ok) return { kind: 'weak', problems: check.problems };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, account.id, passwordHash);
    const revoked = await revokeAccountSessions(trx, account.id, input.at);
    await voidPendingResets(trx, account.id, input.at);
    const session = await openSession(trx, {
      accountId: account.id,
      at: input.at,
      sessionHours: input.sessionHours,
    });
    // Never the password nor its hash: only that it changed, and its effect.
    await appendAudit(trx, {
      at: input.at,
      actorAccountId: account.id,
      actorRole: account.role,
      action: 'PASSWORD_CHANGED',
      candidateId: account.candidateId,
      after: { accountId: account.id, revokedSessions: revoked },
    });
    return { kind: 'session' as const, ...session, account };
  });
}
