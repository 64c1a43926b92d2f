import {
  type ControlMarkEntry,
  decidedFirstGroup,
  isSecondGroupPublished,
  isValidHundredths,
  windowState,
  choiceWindow,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { candidateScopeOf, type Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findCandidatesByIds } from '../repositories/candidates.repository.ts';
import { loadChoices, lockCandidate } from '../repositories/choices.repository.ts';
import { loadJuryDecisions } from '../repositories/jury.repository.ts';
import {
  loadControlMarks,
  loadFirstGroupMarks,
  upsertControlMark,
} from '../repositories/marks.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';

export type RecordMarkOutcome =
  | {
      readonly kind: 'recorded';
      readonly testCode: string;
      readonly entry: ControlMarkEntry;
      readonly recordedAt: Date;
    }
  | { readonly kind: 'invalidMark' }
  | { readonly kind: 'testNotChosen' }
  | { readonly kind: 'tooEarly' }
  | { readonly kind: 'closed' }
  | { readonly kind: 'forbidden' };

/**
 * Records (or corrects) the mark of one control oral. Partner académies
 * record for their candidates of origin until the second-group results are
 * published; after that only the pilot académie may correct, and every
 * change is audited with its before and after.
 */
export async function recordControlMark(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: {
    readonly candidateId: string;
    readonly testCode: string;
    readonly hundredths: number | null;
    readonly absent: boolean | null;
  },
): Promise<RecordMarkOutcome> {
  if (viewer.role !== 'ACADEMY' && viewer.role !== 'PILOT') return { kind: 'forbidden' };
  const absent = input.absent === true;
  if (absent === (input.hundredths !== null)) return { kind: 'invalidMark' };
  if (input.hundredths !== null && !isValidHundredths(input.hundredths))
    return { kind: 'invalidMark' };
  const entry: ControlMarkEntry = absent
    ? { status: 'ABSENT' }
    : { status: 'MARK', hundredths: input.hundredths ?? 0 };

  const [candidate] = await findCandidatesByIds(db, [input.candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, candidate.year);
  if (reference === null) return { kind: 'forbidden' };

  return db.transaction().execute(async (trx) => {
    await lockCandidate(trx, candidate.id);
    const at = clock.now();
    // Orals follow the choice window: no mark before it has closed.
    if (windowState(choiceWindow(reference.calendar, candidate.specialtyCode), at) !== 'CLOSED')
      return { kind: 'tooEarly' } as const;
    if (viewer.role !== 'PILOT' && isSecondGroupPublished(reference.calendar, at))
      return { kind: 'closed' } as const;
    const choice = (await loadChoices(trx, [candidate.id])).get(candidate.id);
    if (choice === undefined || !choice.testCodes.includes(input.testCode))
      return { kind: 'testNotChosen' } as const;
    // A choice counts only while the candidate is allowed to the control after
    // the jury: one the jury later admitted or failed has no oral to mark.
    const structure = reference.specialties.get(candidate.specialtyCode)?.structure;
    const marks = (await loadFirstGroupMarks(trx, [candidate.id])).get(candidate.id);
    const jury = (await loadJuryDecisions(trx, [candidate.id])).get(candidate.id);
    const first =
      structure === undefined
        ? null
        : decidedFirstGroup(structure, marks ?? new Map(), reference.policy, jury?.firstGroup);
    if (first?.outcome !== 'CONTROL_ALLOWED') return { kind: 'testNotChosen' } as const;

    const before = (await loadControlMarks(trx, [candidate.id]))
      .get(candidate.id)
      ?.find((m) => m.testCode === input.testCode);
    await upsertControlMark(trx, {
      candidateId: candidate.id,
      testCode: input.testCode,
      entry,
      recordedAt: at,
      recordedByAccountId: viewer.accountId,
    });
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'CONTROL_MARK_RECORDED',
      candidateId: candidate.id,
      before: before === undefined ? null : { testCode: input.testCode, ...before.entry },
      after: { testCode: input.testCode, ...entry },
    });
    return { kind: 'recorded', testCode: input.testCode, entry, recordedAt: at } as const;
  });
}
