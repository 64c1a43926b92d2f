import {
  type CandidateMarks,
  type FinalEvaluation,
  type FirstGroupEvaluation,
  finalOutcome,
  firstGroupOutcome,
  isFirstGroupPublished,
  isSecondGroupPublished,
} from '@rattrapage/domain';
import { seesThroughEmbargo } from '../access/viewer.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import type { SessionReference, SpecialtyRecord } from '../repositories/reference.repository.ts';

export interface CandidateBasis {
  readonly candidate: CandidateRecord;
  readonly reference: SessionReference;
  readonly specialty: SpecialtyRecord;
  readonly marks: CandidateMarks;
}

export async function candidateBasis(
  ctx: GraphQLContext,
  candidate: CandidateRecord,
): Promise<CandidateBasis> {
  const [reference, marks] = await Promise.all([
    ctx.loaders.reference.load(candidate.year),
    ctx.loaders.marks.load(candidate.id),
  ]);
  const specialty = reference?.specialties.get(candidate.specialtyCode);
  if (reference == null || specialty === undefined)
    throw new Error(`no reference data for candidate ${candidate.id}`);
  return { candidate, reference, specialty, marks };
}

/**
 * The first-group evaluation, or null while it is embargoed for this viewer
 * (before the specialty's publication instant, for everyone but the pilot)
 * or not yet decided (a mark is missing).
 */
export function visibleFirstGroup(
  ctx: GraphQLContext,
  basis: CandidateBasis,
): Extract<FirstGroupEvaluation, { status: 'DECIDED' }> | null {
  const published = isFirstGroupPublished(
    basis.reference.calendar,
    basis.candidate.specialtyCode,
    ctx.now,
  );
  if (!published && !seesThroughEmbargo(ctx.viewer)) return null;
  const evaluation = firstGroupOutcome(
    basis.specialty.structure,
    basis.marks,
    basis.reference.policy,
  );
  return evaluation.status === 'DECIDED' ? evaluation : null;
}

/** The final evaluation after the control, or null while embargoed or undecided. */
export async function visibleFinal(
  ctx: GraphQLContext,
  basis: CandidateBasis,
): Promise<Exclude<FinalEvaluation, { status: 'PENDING' }> | null> {
  if (!isSecondGroupPublished(basis.reference.calendar, ctx.now) && !seesThroughEmbargo(ctx.viewer))
    return null;
  const [choice, controlMarks] = await Promise.all([
    ctx.loaders.choices.load(basis.candidate.id),
    ctx.loaders.controlMarks.load(basis.candidate.id),
  ]);
  const evaluation = finalOutcome({
    structure: basis.specialty.structure,
    firstGroupMarks: basis.marks,
    chosenTestCodes: choice === null ? null : choice.testCodes,
    controlMarks: new Map(controlMarks.map((m) => [m.testCode, m.entry])),
    policy: basis.reference.policy,
  });
  if (evaluation.status === 'PENDING') return null;
  if (evaluation.status === 'NOT_APPLICABLE' && evaluation.firstGroup.status !== 'DECIDED')
    return null;
  return evaluation;
}
