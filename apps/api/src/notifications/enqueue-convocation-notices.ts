import { convocationMessage } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadConvocations } from '../repositories/convocations.repository.ts';
import { enqueueNotifications, listCandidatesToNotify } from '../repositories/outbox.repository.ts';
import type { SessionReference } from '../repositories/reference.repository.ts';

/**
 * One message per candidate newly convoked, with both orals: call it in the
 * transaction that issues the convocations, after they are written, and in
 * the one that releases a held result (the candidate had none meanwhile).
 * Convocations once issued are never moved, so one message each suffices.
 */
export async function enqueueConvocationNotices(
  trx: Kysely<Database>,
  reference: SessionReference,
  issued: readonly { readonly candidateId: string }[],
  at: Date,
): Promise<number> {
  const ids = [...new Set(issued.map((c) => c.candidateId))];
  if (ids.length === 0) return 0;
  const [candidates, convocations] = await Promise.all([
    listCandidatesToNotify(trx, {
      year: reference.year,
      specialtyCodes: [...reference.specialties.keys()],
      candidateIds: ids,
      dedupePrefix: 'convocation:',
    }),
    loadConvocations(trx, ids),
  ]);
  return enqueueNotifications(
    trx,
    // A candidate without orals has nothing to be convoked to.
    candidates
      .filter((to) => (convocations.get(to.id) ?? []).length > 0)
      .map((to) => {
        const tests = reference.specialties.get(to.specialtyCode)?.structure.tests ?? [];
        const nameOf = (code: string) => tests.find((t) => t.code === code)?.name ?? code;
        return {
          kind: 'CONVOCATION',
          dedupeKey: `convocation:${to.id}`,
          candidateId: to.id,
          recipient: to.email,
          message: convocationMessage({
            to,
            orals: (convocations.get(to.id) ?? []).map((c) => ({
              test: { code: c.testCode, name: nameOf(c.testCode) },
              preparationStartsAt: c.preparationStartsAt,
              startsAt: c.startsAt,
              endsAt: c.endsAt,
              place: c.place,
            })),
          }),
          at,
        } as const;
      }),
  );
}
