import { checkPassword } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import {
  type AccountRecord,
  findAccountsByIds,
  revokeSession,
} from '../repositories/accounts.repository.ts';
import { addressKey, identifierKey } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { replacePassword } from './replace-password.ts';
import { countFailure, forgetFailures, throttleState } from './secret-attempts.ts';
import { hashToken } from './tokens.ts';

export type ChangePasswordOutcome =
  | {
      readonly kind: 'session';
      readonly token: string;
      readonly expiresAt: Date;
      readonly account: AccountRecord;
    }
  | { readonly kind: 'wrongPassword' }
  | { readonly kind: 'weak'; readonly problems: readonly string[] }
  | { readonly kind: 'locked'; readonly retryAfter: Date };

/**
 * Changes the viewer's password. Every session of the account is revoked,
 * the current one included (whoever held a stolen session loses it too),
 * and a fresh session is returned so the person stays logged in.
 *
 * The current password is checked under the log-in throttle, with the
 * account's and the address's keys: whoever holds a session cannot use it
 * to guess the password (a change would revoke the owner's sessions). The
 * guess that reaches the lock also revokes the session that sent it.
 */
export async function changePassword(
  db: Kysely<Database>,
  input: {
    readonly viewer: Viewer;
    /** The bearer token of the session asking: revoked after too many wrong guesses. */
    readonly sessionToken: string;
    readonly currentPassword: string;
    readonly newPassword: string;
    readonly clientAddress: string;
    readonly at: Date;
    readonly sessionHours: number;
  },
): Promise<ChangePasswordOutcome> {
  const attempt = {
    keys: [identifierKey(input.viewer.identifier), addressKey(input.clientAddress)],
    at: input.at,
  };
  const throttle = await throttleState(db, attempt);
  if (throttle.lockedUntil !== null) return { kind: 'locked', retryAfter: throttle.lockedUntil };
  const [account] = await findAccountsByIds(db, [input.viewer.accountId]);
  if (account === undefined) return { kind: 'wrongPassword' };
  if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
    return db.transaction().execute(async (trx) => {
      const locked = await countFailure(trx, attempt);
      if (locked === null) return { kind: 'wrongPassword' as const };
      await revokeSession(trx, hashToken(input.sessionToken), input.at);
      return { kind: 'locked' as const, retryAfter: locked };
    });
  }
  const check = checkPassword(input.newPassword, account.identifier);
  if (!check.ok) return { kind: 'weak', problems: check.refusal.problems };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    await forgetFailures(trx, throttle.records);
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
