import type { FirstGroupOutcome, NotificationMessage } from '@rattrapage/domain';
import { type Kysely, sql } from 'kysely';
import type { Database, OutboxKind } from '../db/schema.ts';
import { isWithheld } from './withheld-results.repository.ts';

export interface NewNotification {
  readonly kind: OutboxKind;
  readonly dedupeKey: string;
  readonly candidateId: string | null;
  readonly recipient: string;
  readonly message: NotificationMessage;
  /** Due from this instant (usually the event's own). */
  readonly at: Date;
}

/** What a notification needs to know of its candidate. */
export interface NotifiedCandidate {
  readonly id: string;
  readonly year: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly specialtyCode: string;
  readonly email: string;
  readonly firstGroupOutcome: FirstGroupOutcome | null;
  readonly hasChoice: boolean;
}

export interface OutboxRecord {
  readonly id: number;
  readonly kind: OutboxKind;
  readonly dedupeKey: string;
  readonly candidateId: string | null;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: Date;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly sentAt: Date | null;
  readonly deadAt: Date | null;
  readonly lockedUntil: Date | null;
  readonly lockedBy: string | null;
}

type OutboxRow = {
  id: number;
  kind: OutboxKind;
  dedupe_key: string;
  candidate_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  dead_at: Date | null;
  locked_until: Date | null;
  locked_by: string | null;
};

function toRecord(r: OutboxRow): OutboxRecord {
  return {
    id: r.id,
    kind: r.kind,
    dedupeKey: r.dedupe_key,
    candidateId: r.candidate_id,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
    deadAt: r.dead_at,
    lockedUntil: r.locked_until,
    lockedBy: r.locked_by,
  };
}

/**
 * Adds notifications; one whose dedupe key is already there is skipped, so
 * a job re-run (or two at once) enqueues each notice once. Call it inside
 * the transaction of the event that causes the notifications. Returns how
 * many were added.
 */
export async function enqueueNotifications(
  db: Kysely<Database>,
  notifications: readonly NewNotification[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < notifications.length; i += 500) {
    const rows = await db
      .insertInto('outbox')
      .values(
        notifications.slice(i, i + 500).map((n) => ({
          kind: n.kind,
          dedupe_key: n.dedupeKey,
          candidate_id: n.candidateId,
          recipient: n.recipient,
          subject: n.message.subject,
          body: n.message.text,
          created_at: n.at,
          next_attempt_at: n.at,
        })),
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    added += rows.length;
  }
  return added;
}

/**
 * Candidates with an address, of the given specialties, who have no
 * notification under `dedupePrefix + id` yet (a job's own key), in number order.
 */
export async function listCandidatesToNotify(
  db: Kysely<Database>,
  input: {
    readonly year: number;
    readonly specialtyCodes: readonly string[];
    /** Skip candidates with a notification under this prefix + their id. */
    readonly dedupePrefix?: string;
    readonly candidateIds?: readonly string[];
    /** A narrowing only (the stored cache of the outcome): the domain still decides. */
    readonly firstGroupOutcome?: FirstGroupOutcome;
  },
): Promise<NotifiedCandidate[]> {
  if (input.specialtyCodes.length === 0) return [];
  if (input.candidateIds?.length === 0) return [];
  let query = db
    .selectFrom('candidates as c')
    .leftJoin('control_choices as ch', 'ch.candidate_id', 'c.id')
    .select([
      'c.id',
      'c.year',
      'c.first_name',
      'c.last_name',
      'c.specialty_code',
      'c.email',
      'c.first_group_outcome',
      'ch.candidate_id as choice_candidate_id',
    ])
    .where('c.year', '=', input.year)
    .where('c.specialty_code', 'in', input.specialtyCodes)
    .where('c.email', 'is not', null)
    // Nothing about results reaches a candidate whose result is held; the
    // notices due are sent once it is released (their dedupe key is unused).
    .where(sql<boolean>`not ${isWithheld(sql.ref('c.id'))}`)
    .orderBy('c.number');
  const prefix = input.dedupePrefix;
  if (prefix !== undefined)
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('outbox as o')
            .select(sql.lit(1).as('one'))
            .where('o.dedupe_key', '=', sql<string>`${prefix} || c.id::text`),
        ),
      ),
    );
  if (input.candidateIds !== undefined) query = query.where('c.id', 'in', input.candidateIds);
  if (input.firstGroupOutcome !== undefined)
    query = query.where('c.first_group_outcome', '=', input.firstGroupOutcome);
  const rows = await query.execute();
  return rows.flatMap((r) =>
    r.email === null
      ? []
      : [
          {
            id: r.id,
            year: r.year,
            firstName: r.first_name,
            lastName: r.last_name,
            specialtyCode: r.specialty_code,
            email: r.email,
            firstGroupOutcome: r.first_group_outcome,
            hasChoice: r.choice_candidate_id !== null,
          },
        ],
  );
}

/**
 * Takes up to `limit` due rows for `workerId` until `lockedUntil`, counting
 * the attempt. FOR UPDATE SKIP LOCKED: a row another worker is claiming at
 * this moment is skipped, not waited for, and the lease then keeps it
 * theirs; so two workers never take the same row while a lease runs. Run
 * it in its own short transaction.
 */
export async function claimDueNotifications(
  db: Kysely<Database>,
  input: {
    readonly workerId: string;
    readonly at: Date;
    readonly lockedUntil: Date;
    readonly limit: number;
  },
): Promise<OutboxRecord[]> {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .where('next_attempt_at', '<=', input.at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', input.at)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(input.limit)
    .forUpdate()
    .skipLocked();
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      locked_until: input.lockedUntil,
      locked_by: input.workerId,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(toRecord).sort((a, b) => a.id - b.id);
}

/** Final: a sent row is never claimed again. */
export async function markNotificationSent(
  db: Kysely<Database>,
  id: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: at, locked_until: null, locked_by: null, last_error: null })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}

/**
 * Records a failed attempt: due again at `retryAt`, or dead-lettered when
 * `retryAt` is null. Only while the row is still this worker's: a worker
 * whose lease ran out must not undo what the next one did.
 */
export async function markNotificationFailed(
  db: Kysely<Database>,
  input: {
    readonly id: number;
    readonly workerId: string;
    readonly at: Date;
    readonly error: string;
    readonly retryAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      last_error: input.error,
      locked_until: null,
      locked_by: null,
      ...(input.retryAt === null ? { dead_at: input.at } : { next_attempt_at: input.retryAt }),
    })
    .where('id', '=', input.id)
    .where('locked_by', '=', input.workerId)
    .where('sent_at', 'is', null)
    .where('dead_at', 'is', null)
    .execute();
}

/** Every notification, oldest first (operations and tests). */
export async function listNotifications(
  db: Kysely<Database>,
  filter: { readonly kind?: OutboxKind } = {},
): Promise<OutboxRecord[]> {
  let query = db.selectFrom('outbox').selectAll().orderBy('id');
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  return (await query.execute()).map(toRecord);
}
