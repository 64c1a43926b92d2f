import {
  type CandidateMarks,
  type DecidedFinal,
  type DecidedFirstGroup,
  type FinalOutcome,
  type FirstGroupOutcome,
  decidedFinal,
  decidedFirstGroup,
  heldBack,
  standingOutcome,
} from '@rattrapage/domain';
import type { RequestContext } from '../context.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import type { CandidateJuryDecisions } from '../repositories/jury.repository.ts';
import type { SessionReference, SpecialtyRecord } from '../repositories/reference.repository.ts';
import { specialtiesVisible, visibleResults } from './visible-results.ts';

export interface CandidateBasis {
  readonly candidate: CandidateRecord;
  readonly reference: SessionReference;
  readonly specialty: SpecialtyRecord;
  readonly marks: CandidateMarks;
  readonly jury: CandidateJuryDecisions;
  /** The pilot académie holds the candidate's result back. */
  readonly withheld: boolean;
}

export async function candidateBasis(
  ctx: RequestContext,
  candidate: CandidateRecord,
): Promise<CandidateBasis> {
  const [reference, { marks, jury, withheld }] = await Promise.all([
    ctx.loaders.reference.load(candidate.year),
    ctx.loaders.firstGroupFacts.load(candidate.id),
  ]);
  const specialty = reference?.specialties.get(candidate.specialtyCode);
  if (reference == null || specialty === undefined)
    throw new Error(`no reference data for candidate ${candidate.id}`);
  return { candidate, reference, specialty, marks, jury, withheld };
}

/** What of this candidate's results the request's viewer may see now (services/visible-results.ts). */
export function visibleFor(ctx: RequestContext, basis: CandidateBasis) {
  return visibleResults(
    ctx.viewer,
    basis.reference.calendar,
    basis.candidate.specialtyCode,
    ctx.now,
    basis.withheld,
  );
}

/**
 * Whether the viewer is told that this candidate's result is held back:
 * the pilot as soon as it is; anyone else who may see the candidate once
 * the calendar has published the result that the hold hides.
 */
export function heldBackFor(ctx: RequestContext, basis: CandidateBasis): boolean {
  const unlessHeld = visibleResults(
    ctx.viewer,
    basis.reference.calendar,
    basis.candidate.specialtyCode,
    ctx.now,
    false,
  );
  return heldBack(unlessHeld, basis.withheld);
}

/**
 * The specialties of a session whose first-group outcomes the request's
 * viewer may see now, for outcome filters (null: all); read from the
 * reference data in memory, never from the candidates.
 */
export async function outcomesVisibleIn(
  ctx: RequestContext,
  year: number,
  filter: { readonly firstGroupOutcome?: unknown; readonly hasChosen?: boolean | null },
): Promise<readonly string[] | null> {
  // Without an outcome filter there is nothing to restrict (and nothing to read).
  if (filter.firstGroupOutcome == null && filter.hasChosen == null) return null;
  const reference = await ctx.loaders.reference.load(year);
  if (reference === null) return [];
  return specialtiesVisible(ctx.viewer, reference.calendar, ctx.now, 'firstGroupResults');
}

/**
 * The first-group outcome after the jury (the domain's decidedFirstGroup),
 * or null while it is embargoed for this viewer or there is none yet.
 */
export function visibleFirstGroup(
  ctx: RequestContext,
  basis: CandidateBasis,
): DecidedFirstGroup | null {
  if (!visibleFor(ctx, basis).firstGroupResults) return null;
  return decidedFirstGroup(
    basis.specialty.structure,
    basis.marks,
    basis.reference.policy,
    basis.jury.firstGroup,
  );
}

/**
 * The first group after the jury when it allows the candidate to the
 * control, else null: the control status, and the convocations with it,
 * show only then (a jury that admits after a choice leaves it moot).
 */
export function visibleControl(
  ctx: RequestContext,
  basis: CandidateBasis,
): DecidedFirstGroup | null {
  const first = visibleFirstGroup(ctx, basis);
  return first?.outcome === 'CONTROL_ALLOWED' ? first : null;
}

/** The final result after the control and the juries (decidedFinal), or null while embargoed or undecided. */
export async function visibleFinal(
  ctx: RequestContext,
  basis: CandidateBasis,
): Promise<DecidedFinal | null> {
  if (!visibleFor(ctx, basis).finalResults) return null;
  const [choice, controlMarks] = await Promise.all([
    ctx.loaders.choices.load(basis.candidate.id),
    ctx.loaders.controlMarks.load(basis.candidate.id),
  ]);
  return decidedFinal({
    structure: basis.specialty.structure,
    firstGroupMarks: basis.marks,
    chosenTestCodes: choice === null ? null : choice.testCodes,
    controlMarks: new Map(controlMarks.map((m) => [m.testCode, m.entry])),
    policy: basis.reference.policy,
    juryDecisions: basis.jury,
  });
}

/**
 * The candidate's outcome as it stands for the viewer now (the domain's
 * standingOutcome of what the viewer may see): what the attestation and
 * the certificate of skill blocks rest on. Null while there is none.
 */
export async function visibleStanding(
  ctx: RequestContext,
  basis: CandidateBasis,
): Promise<FinalOutcome | FirstGroupOutcome | null> {
  return standingOutcome(visibleFirstGroup(ctx, basis), await visibleFinal(ctx, basis));
}

/** Whether the candidate is admitted as far as the viewer may see now. */
export async function visiblyAdmitted(
  ctx: RequestContext,
  basis: CandidateBasis,
): Promise<boolean> {
  return (await visibleStanding(ctx, basis)) === 'ADMITTED';
}

/**
 * Whether the candidate is visibly not admitted (ajourné, whether at the
 * first group or after the control) in a specialty that maps its tests to
 * blocs de compétences: then they have a certificate of skill blocks.
 */
export async function visiblyHasSkillBlocks(
  ctx: RequestContext,
  basis: CandidateBasis,
): Promise<boolean> {
  return (
    basis.specialty.structure.blocks.length > 0 && (await visibleStanding(ctx, basis)) === 'FAILED'
  );
}
