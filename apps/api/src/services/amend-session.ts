import { randomUUID } from 'node:crypto';
import {
  type Amendment,
  type AmendmentRefusal,
  type CalendarChange,
  amendCalendar,
  amendmentTouches,
  calendarAmendedMessage,
  concernedByAmendment,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Role } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  listAmendmentAddressees,
  listConvokedCandidates,
  lockSession,
  writeCalendarTimes,
} from '../repositories/calendar-amendment.repository.ts';
import { enqueueNotifications } from '../repositories/outbox.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';

export type AmendSessionOutcome =
  | { readonly kind: 'unknownSession'; readonly year: number }
  | { readonly kind: 'refused'; readonly refusal: AmendmentRefusal }
  /** An oral day whose convocations are issued: they would keep the old day. */
  | { readonly kind: 'convocationsIssued'; readonly candidates: number }
  | { readonly kind: 'amended'; readonly amendment: Amendment; readonly notified: number };

/** Who amends: the pilot's account, or the command line (no account). */
export interface AmendingActor {
  readonly accountId: string | null;
  readonly role: Role | null;
  /** For the audit entry: the account's identifier, or « cli ». */
  readonly label: string;
}

/**
 * Moves one instant or oral day of a session (the domain's amendCalendar
 * decides), in one transaction with its audit entry and a notice to each
 * candidate it concerns (concernedByAmendment). The session's row is
 * locked first, so the decision is taken on the calendar as it is now.
 * Everything read from the calendar (pages, feeds, reminders, countdowns)
 * reads the stored one, so it follows.
 */
export async function amendSession(
  db: Kysely<Database>,
  at: Date,
  actor: AmendingActor,
  input: { readonly year: number; readonly change: CalendarChange; readonly reason: string },
): Promise<AmendSessionOutcome> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockSession(trx, input.year)))
      return { kind: 'unknownSession', year: input.year } as const;
    const reference = await loadSessionReference(trx, input.year);
    if (reference === null) return { kind: 'unknownSession', year: input.year } as const;
    const before = reference.calendar;
    const amendment = amendCalendar(before, input.change, input.reason, at);
    if (!amendment.ok) return { kind: 'refused', refusal: amendment.refusal } as const;
    if (amendment.what === 'ORAL_DAY') {
      const convoked = (
        await listConvokedCandidates(trx, input.year, amendment.specialtyCodes)
      ).filter((c) => amendmentTouches(amendment, before, c));
      if (convoked.length > 0)
        return { kind: 'convocationsIssued', candidates: convoked.length } as const;
    }
    await writeCalendarTimes(trx, amendment.calendar);
    const id = randomUUID();
    const addressees = (
      await listAmendmentAddressees(trx, input.year, amendment.specialtyCodes)
    ).filter((c) => concernedByAmendment(amendment, before, c, at));
    const notified = await enqueueNotifications(
      trx,
      addressees.map((c) => ({
        kind: 'CALENDAR_AMENDED',
        dedupeKey: `calendar-amended:${id}:${c.id}`,
        candidateId: c.id,
        recipient: c.email,
        message: calendarAmendedMessage({
          to: { ...c, year: input.year },
          amendment,
        }),
        at,
      })),
    );
    await appendAudit(trx, {
      at,
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'SESSION_CALENDAR_AMENDED',
      before: { year: input.year, what: amendment.what, value: amendment.from },
      after: {
        year: input.year,
        amendment: id,
        by: actor.label,
        change: input.change,
        value: amendment.to,
        reason: amendment.reason,
        notified,
      },
    });
    return { kind: 'amended', amendment, notified } as const;
  });
}

/** The refusal of moving an oral day whose convocations are issued, in French. */
export function convocationsIssuedText(candidates: number): string {
  return `${candidates} candidat(s) ont déjà reçu leur convocation pour ce jour d’oral : elle garderait l’ancien jour. Ce jour ne peut plus être déplacé.`;
}
