import {
  type Channel,
  type ExamSessionCalendar,
  type NamedTest,
  choiceReceiptMessage,
  choiceWindow,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueNotifications, listCandidatesToNotify } from '../repositories/outbox.repository.ts';

/**
 * The receipt of a recorded choice, to the candidate whoever entered it
 * (their school may have): call it in the transaction that records the
 * choice. A candidate without an e-mail address gets none.
 */
export async function enqueueChoiceReceipt(
  trx: Kysely<Database>,
  input: {
    readonly candidate: {
      readonly id: string;
      readonly year: number;
      readonly specialtyCode: string;
    };
    readonly calendar: ExamSessionCalendar;
    readonly tests: readonly NamedTest[];
    readonly channel: Channel;
    readonly at: Date;
    /** Recorded by the exam office after the deadline. */
    readonly late?: boolean;
  },
): Promise<void> {
  const { candidate } = input;
  const [to] = await listCandidatesToNotify(trx, {
    year: candidate.year,
    specialtyCodes: [candidate.specialtyCode],
    candidateIds: [candidate.id],
  });
  if (to === undefined) return;
  await enqueueNotifications(trx, [
    {
      kind: 'CHOICE_RECEIPT',
      // One receipt per entry: a changed choice gets a receipt of its own.
      dedupeKey: `choice-receipt:${candidate.id}:${input.at.toISOString()}:${input.tests.map((t) => t.code).join('+')}`,
      candidateId: candidate.id,
      recipient: to.email,
      message: choiceReceiptMessage({
        to,
        tests: input.tests,
        channel: input.channel,
        enteredAt: input.at,
        windowClosesAt: choiceWindow(input.calendar, candidate.specialtyCode).closesAt,
        late: input.late ?? false,
      }),
      at: input.at,
    },
  ]);
}
