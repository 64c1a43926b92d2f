import { isWindowReminderDue, windowReminderMessage } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { enqueueNotifications, listCandidatesToNotify } from '../repositories/outbox.repository.ts';
import { listSessionYears, loadSessionReference } from '../repositories/reference.repository.ts';

const PREFIX = 'window-reminder:';

/**
 * « Window closing in 24 h with no choice »: one reminder to each candidate
 * the domain says is due at `at` (isWindowReminderDue), once per candidate
 * whatever how often the job runs. Returns how many were added.
 */
export async function enqueueWindowReminders(db: Kysely<Database>, at: Date): Promise<number> {
  let added = 0;
  for (const year of await listSessionYears(db)) {
    const reference = await loadSessionReference(db, year);
    if (reference === null) continue;
    for (const batch of reference.calendar.batches) {
      const window = batch.choiceWindow;
      // A batch where even a waiting candidate is not due has nobody due.
      const waiting = { firstGroupOutcome: 'CONTROL_ALLOWED', hasChoice: false } as const;
      if (!isWindowReminderDue(waiting, window, at)) continue;
      added += await db.transaction().execute(async (trx) => {
        const candidates = await listCandidatesToNotify(trx, {
          year,
          specialtyCodes: batch.specialtyCodes,
          dedupePrefix: PREFIX,
          firstGroupOutcome: 'CONTROL_ALLOWED',
        });
        const count = await enqueueNotifications(
          trx,
          candidates
            .filter((c) => isWindowReminderDue(c, window, at))
            .map((to) => ({
              kind: 'WINDOW_REMINDER',
              dedupeKey: `${PREFIX}${to.id}`,
              candidateId: to.id,
              recipient: to.email,
              message: windowReminderMessage({ to, windowClosesAt: window.closesAt }),
              at,
            })),
        );
        if (count > 0) {
          await appendAudit(trx, {
            at,
            actorAccountId: null,
            actorRole: null,
            action: 'WINDOW_REMINDERS_ENQUEUED',
            after: { year, batchId: batch.id, added: count },
          });
        }
        return count;
      });
    }
  }
  return added;
}
