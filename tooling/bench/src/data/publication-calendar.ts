import type { DatabaseHandle } from '@rattrapage/api/database';
import { sql } from 'kysely';
import { BENCH_SPECIALTY, BENCH_YEAR } from './population.ts';

const DAY_MS = 86_400_000;

/**
 * Moves the bench session's calendar so that the bench specialty's batch is
 * published at `at` and its choice window opens then, for three days (as
 * the 2024 batch A's did). The API in production mode reads the real clock,
 * and the 2024 instants are long past: this is the only way to the instant
 * the publication scenario replays without giving the API a settable clock.
 * The oral days and the second-group results follow, in the order the
 * calendar's rules ask (domain buildCalendar). The bench database only;
 * the reference revision triggers tell the running APIs.
 */
export async function publishBatchAt(handle: DatabaseHandle, at: Date): Promise<void> {
  const closes = new Date(at.getTime() + 3 * DAY_MS);
  const oralDay = new Date(at.getTime() + 5 * DAY_MS).toISOString().slice(0, 10);
  const secondGroup = new Date(at.getTime() + 12 * DAY_MS);
  await handle.db.transaction().execute(async (trx) => {
    await sql`update exam_sessions set second_group_results_at = ${secondGroup}
      where year = ${BENCH_YEAR}`.execute(trx);
    await sql`update oral_days set day = ${oralDay}::date where year = ${BENCH_YEAR}`.execute(trx);
    await sql`update publication_batches
      set first_group_results_at = ${at}, choice_opens_at = ${at}, choice_closes_at = ${closes}
      where year = ${BENCH_YEAR}
        and id = (select batch_id from specialties where year = ${BENCH_YEAR} and code = ${BENCH_SPECIALTY})`.execute(
      trx,
    );
  });
}
