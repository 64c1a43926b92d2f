import { type ChoiceActor, type ChoiceEntryDecision, decideChoiceEntry } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { type RecordChoiceOutcome, recordChoice } from './record-choice.ts';

type Refusal = Exclude<ChoiceEntryDecision, { ok: true }>['refusal'];
export type ChooseOutcome = RecordChoiceOutcome<Refusal>;

function actorOf(viewer: Viewer): ChoiceActor | null {
  if (viewer.role === 'CANDIDATE' && viewer.candidateId !== null)
    return { kind: 'candidate', candidateId: viewer.candidateId };
  if (viewer.role === 'SCHOOL' && viewer.schoolUai !== null)
    return { kind: 'school', schoolUai: viewer.schoolUai };
  return null;
}

/** A candidate (their own) or a school (its candidates) enters a choice within the window. */
export async function chooseControlTests(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  candidateId: string,
  testCodes: readonly string[],
): Promise<ChooseOutcome> {
  const actor = actorOf(viewer);
  if (actor === null) return { kind: 'forbidden' };
  return recordChoice<Refusal>(db, clock, viewer, candidateId, (facts) =>
    decideChoiceEntry({
      calendar: facts.reference.calendar,
      specialtyCode: facts.candidate.specialtyCode,
      structure: facts.specialty.structure,
      subject: {
        candidateId: facts.candidate.id,
        individual: facts.candidate.individual,
        schoolUai: facts.candidate.schoolUai,
      },
      marks: facts.marks,
      actor,
      testCodes,
      at: facts.at,
      policy: facts.reference.policy,
      // The jury is sovereign: its first-group decision says who may choose (art. D643-22).
      juryDecision: facts.jury.firstGroup,
      resultWithheld: facts.withheld,
    }),
  );
}
