import { type Channel, type LateChoiceDecision, decideLateChoice } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { type RecordChoiceOutcome, recordChoice } from './record-choice.ts';

type Refusal = Exclude<LateChoiceDecision, { ok: true }>['refusal'];
export type LateChoiceOutcome = RecordChoiceOutcome<Refusal>;

/** The pilot records a candidate's choice after the deadline, by exception, with its reason. */
export async function recordLateChoice(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: {
    readonly candidateId: string;
    readonly testCodes: readonly string[];
    readonly reason: string;
    /** Who asked the exam office: the candidate, or their school. */
    readonly channel: Channel;
  },
): Promise<LateChoiceOutcome> {
  if (viewer.role !== 'PILOT') return { kind: 'forbidden' };
  return recordChoice<Refusal>(db, clock, viewer, input.candidateId, (facts) => {
    const decision = decideLateChoice({
      calendar: facts.reference.calendar,
      specialtyCode: facts.candidate.specialtyCode,
      structure: facts.specialty.structure,
      marks: facts.marks,
      individual: facts.candidate.individual,
      channel: input.channel,
      testCodes: input.testCodes,
      reason: input.reason,
      at: facts.at,
      policy: facts.reference.policy,
      juryDecision: facts.jury.firstGroup,
    });
    return decision.ok ? { ...decision, lateReason: decision.reason } : decision;
  });
}
