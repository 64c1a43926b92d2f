import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import type { RequestContext } from '../context.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  calendarLinkInForce,
  candidateOfCalendarLink,
  insertCalendarLink,
  revokeCalendarLinks,
} from '../repositories/calendar-links.repository.ts';
import { lockCandidate } from '../repositories/choices.repository.ts';
import {
  type CandidateRecord,
  findCandidatesByIds,
} from '../repositories/candidates.repository.ts';

/** The prefix of calendar links' secrets: tells them from session and API tokens at a glance. */
const PREFIX = 'cal';

/**
 * A new secret link to the candidate's own calendar; the one in force, if
 * any, is revoked in the same transaction (a link shared too widely is
 * replaced, not added to). The secret is returned once: only its SHA-256
 * is kept. Null for anyone but a candidate.
 */
export async function createCalendarLink(
  db: Kysely<Database>,
  viewer: Viewer,
  at: Date,
): Promise<{ readonly token: string; readonly createdAt: Date } | null> {
  const candidateId = viewer.role === 'CANDIDATE' ? viewer.candidateId : null;
  if (candidateId === null) return null;
  const token = newToken(PREFIX);
  await db.transaction().execute(async (trx) => {
    // Two requests are decided one after the other: the second sees, and
    // revokes, the first one's link instead of colliding with it.
    await lockCandidate(trx, candidateId);
    const replaced = await revokeCalendarLinks(trx, candidateId, at);
    await insertCalendarLink(trx, { tokenHash: hashToken(token), candidateId, at });
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'CALENDAR_LINK_CREATED',
      candidateId,
      after: { replaced },
    });
  });
  return { token, createdAt: at };
}

/** Revokes the candidate's link in force; false when there was none (nothing is audited then). */
export async function revokeCalendarLink(
  db: Kysely<Database>,
  viewer: Viewer,
  at: Date,
): Promise<boolean | null> {
  const candidateId = viewer.role === 'CANDIDATE' ? viewer.candidateId : null;
  if (candidateId === null) return null;
  return db.transaction().execute(async (trx) => {
    await lockCandidate(trx, candidateId);
    const revoked = await revokeCalendarLinks(trx, candidateId, at);
    if (revoked)
      await appendAudit(trx, {
        at,
        actorAccountId: viewer.accountId,
        actorRole: viewer.role,
        action: 'CALENDAR_LINK_REVOKED',
        candidateId,
      });
    return revoked;
  });
}

/** The candidate a secret opens, or null: unknown, revoked and malformed alike. */
export async function candidateOfLink(
  db: Kysely<Database>,
  token: string,
): Promise<CandidateRecord | null> {
  // A secret is « cal_ » and 43 base64url characters; anything else costs no query.
  if (!/^cal_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = await candidateOfCalendarLink(db, hashToken(token));
  if (id === null) return null;
  const [candidate] = await findCandidatesByIds(db, [id], { kind: 'self', candidateId: id });
  return candidate ?? null;
}

/** When the candidate's link in force was created; null when there is none. */
export async function calendarLinkCreatedAt(
  ctx: RequestContext,
  candidateId: string,
): Promise<Date | null> {
  const own = ctx.loaders.ownPage(candidateId);
  return own === null
    ? calendarLinkInForce(ctx.db, candidateId)
    : (await own).calendarLinkCreatedAt;
}
