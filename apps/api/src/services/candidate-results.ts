import {
  type CandidateMarks,
  type FinalEvaluation,
  type FirstGroupEvaluation,
  type FinalOutcome,
  type WithJuryDecision,
  applyJuryDecision,
  finalOutcome,
  firstGroupOutcome,
  isFirstGroupPublished,
  isSecondGroupPublished,
} from '@rattrapage/domain';
import { seesThroughEmbargo } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import type { CandidateJuryDecisions } from '../repositories/jury.repository.ts';
import type { SessionReference, SpecialtyRecord } from '../repositories/reference.repository.ts';
import { juryDecisionsOf } from './jury-decision.ts';

export interface CandidateBasis {
  readonly candidate: CandidateRecord;
  readonly reference: SessionReference;
  readonly specialty: SpecialtyRecord;
  readonly marks: CandidateMarks;
  readonly jury: CandidateJuryDecisions;
}

export async function candidateBasis(
  ctx: RequestContext,
  candidate: CandidateRecord,
): Promise<CandidateBasis> {
  const [reference, marks, jury] = await Promise.all([
    ctx.loaders.reference.load(candidate.year),
    ctx.loaders.marks.load(candidate.id),
    juryDecisionsOf(ctx, candidate.id),
  ]);
  const specialty = reference?.specialties.get(candidate.specialtyCode);
  if (reference == null || specialty === undefined)
    throw new Error(`no reference data for candidate ${candidate.id}`);
  return { candidate, reference, specialty, marks, jury };
}

/**
 * The first-group evaluation, or null while it is embargoed for this viewer
 * (before the specialty's publication instant, for everyone but the pilot)
 * or not yet decided (a mark is missing).
 */
export function visibleFirstGroup(
  ctx: RequestContext,
  basis: CandidateBasis,
): WithJuryDecision<Extract<FirstGroupEvaluation, { status: 'DECIDED' }>> | null {
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
  // The jury's decision applies after the rules, never before (art. D643-22).
  return evaluation.status === 'DECIDED'
    ? applyJuryDecision(evaluation, basis.jury.firstGroup)
    : null;
}

/** The final evaluation after the control, or null while embargoed or undecided. */
export async function visibleFinal(
  ctx: RequestContext,
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

/**
 * The final outcome shown: the control's decision, or for a candidate not
 * allowed to the control the first group's (admitted stays admitted,
 * anything else is ajourné) — a first-group jury decision included — and
 * then the final jury decision over it.
 */
export function shownFinalOutcome(
  basis: CandidateBasis,
  evaluation: Exclude<FinalEvaluation, { status: 'PENDING' }>,
): WithJuryDecision<{ readonly outcome: FinalOutcome }> {
  let computed: FinalOutcome;
  if (evaluation.status === 'DECIDED' && basis.jury.firstGroup === null)
    computed = evaluation.outcome;
  else {
    const first =
      evaluation.status === 'NOT_APPLICABLE' && evaluation.firstGroup.status === 'DECIDED'
        ? evaluation.firstGroup.outcome
        : null;
    const firstShown = basis.jury.firstGroup?.outcome ?? first;
    computed =
      evaluation.status === 'DECIDED' && firstShown === 'CONTROL_ALLOWED'
        ? evaluation.outcome
        : firstShown === 'ADMITTED'
          ? 'ADMITTED'
          : 'FAILED';
  }
  return applyJuryDecision({ outcome: computed }, basis.jury.final);
}
