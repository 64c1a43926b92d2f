import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type AccountRecord,
  revokeAccountSessions,
  setPasswordHash,
} from '../repositories/accounts.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { voidPendingResets } from '../repositories/password-reset.repository.ts';
import { openSession } from './open-session.ts';

/**
 * What a new password entails, whichever way it was set (changed or reset):
 * every session of the account ends and any pending reset link dies, so a
 * stolen session or link is worthless afterwards; a fresh session is opened
 * for the person who set it; the audit says it happened — never the password
 * nor its hash. Call it inside the transaction of the change.
 */
export async function replacePassword(
  trx: Kysely<Database>,
  input: {
    readonly account: AccountRecord;
    readonly passwordHash: string;
    readonly at: Date;
    readonly sessionHours: number;
    readonly action: 'PASSWORD_CHANGED' | 'PASSWORD_RESET';
  },
): Promise<{ readonly token: string; readonly expiresAt: Date }> {
  const { account, at } = input;
  await setPasswordHash(trx, account.id, input.passwordHash);
  const revoked = await revokeAccountSessions(trx, account.id, at);
  await voidPendingResets(trx, account.id, at);
  const session = await openSession(trx, {
    accountId: account.id,
    at,
    sessionHours: input.sessionHours,
  });
  await appendAudit(trx, {
    at,
    actorAccountId: account.id,
    actorRole: account.role,
    action: input.action,
    candidateId: account.candidateId,
    after: { accountId: account.id, revokedSessions: revoked },
  });
  return session;
}
