import {
  type PassedPublication,
  firstGroupPublishedMessage,
  publicationsPassed,
  secondGroupPublishedMessage,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  type NewNotification,
  enqueueNotifications,
  listCandidatesToNotify,
} from '../repositories/outbox.repository.ts';
import {
  type SessionReference,
  listSessionYears,
  loadSessionReference,
} from '../repositories/reference.repository.ts';

/**
 * For each publication of results whose instant is passed at `at`, one
 * notice to each candidate concerned, exactly once (the dedupe key is the
 * candidate's for that publication): a job to run often; a re-run, or two
 * at once, add nothing. Returns how many notices were added.
 */
export async function enqueuePublicationNotices(db: Kysely<Database>, at: Date): Promise<number> {
  let added = 0;
  for (const year of await listSessionYears(db)) {
    const reference = await loadSessionReference(db, year);
    if (reference === null) continue;
    for (const publication of publicationsPassed(reference.calendar, at)) {
      added += await db
        .transaction()
        .execute((trx) => enqueueForPublication(trx, reference, publication, at));
    }
  }
  return added;
}

async function enqueueForPublication(
  trx: Kysely<Database>,
  reference: SessionReference,
  publication: PassedPublication,
  at: Date,
): Promise<number> {
  const first = publication.kind === 'FIRST_GROUP';
  const prefix = first ? 'first-group-published:' : 'second-group-published:';
  const candidates = await listCandidatesToNotify(trx, {
    year: reference.year,
    specialtyCodes: first ? publication.specialtyCodes : [...reference.specialties.keys()],
    dedupePrefix: prefix,
    ...(first ? {} : { firstGroupOutcome: 'CONTROL_ALLOWED' as const }),
  });
  const notifications: NewNotification[] = candidates
    // The second group concerns only the candidates allowed to the control.
    .filter((c) => first || c.firstGroupOutcome === 'CONTROL_ALLOWED')
    .map((to) => ({
      kind: first ? 'FIRST_GROUP_PUBLISHED' : 'SECOND_GROUP_PUBLISHED',
      dedupeKey: `${prefix}${to.id}`,
      candidateId: to.id,
      recipient: to.email,
      message: (first ? firstGroupPublishedMessage : secondGroupPublishedMessage)({
        to,
        publishedAt: publication.publishedAt,
      }),
      at,
    }));
  const added = await enqueueNotifications(trx, notifications);
  if (added > 0) {
    await appendAudit(trx, {
      at,
      actorAccountId: null,
      actorRole: null,
      action: 'PUBLICATION_NOTICES_ENQUEUED',
      after: {
        year: reference.year,
        publication: first ? `FIRST_GROUP:${publication.batchId}` : 'SECOND_GROUP',
        added,
      },
    });
  }
  return added;
}
