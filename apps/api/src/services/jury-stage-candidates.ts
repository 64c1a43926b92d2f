import type { Fraction, JuryStage } from '@rattrapage/domain';
import type { RequestContext } from '../context.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import { candidateBasis, visibleFinal, visibleFirstGroup } from './candidate-results.ts';
import { candidatesInScope } from './exports.ts';

/** A candidate as a jury reads them at its stage: averages, computed outcome, its own decision. */
export interface StageCandidate {
  readonly number: string;
  readonly candidate: CandidateRecord;
  readonly overallAverage: Fraction | null;
  /** First group only; null after the control or when not computable. */
  readonly professionalAverage: Fraction | null;
  readonly computed: string | null;
  readonly juryOutcome: string | null;
  readonly juryReason: string | null;
}

/**
 * The candidates of one specialty a jury deliberates on at its stage, read
 * as every screen reads them (services/candidate-results.ts): at the first
 * group, all whose first-group results the viewer may see; after the
 * control, those the first-group jury allowed to it.
 */
export async function juryStageCandidates(
  ctx: RequestContext,
  year: number,
  specialtyCode: string,
  stage: JuryStage,
): Promise<StageCandidate[]> {
  const candidates = await candidatesInScope(ctx, year, { specialtyCode });
  const rows = await Promise.all(
    candidates.map(async (candidate): Promise<StageCandidate | null> => {
      const basis = await candidateBasis(ctx, candidate);
      if (stage === 'FIRST_GROUP') {
        const first = visibleFirstGroup(ctx, basis);
        if (first === null) return null;
        return {
          number: candidate.number,
          candidate,
          overallAverage: first.overallAverage,
          professionalAverage: first.professionalAverage,
          computed: first.computedOutcome,
          juryOutcome: first.juryDecision?.outcome ?? null,
          juryReason: first.juryDecision?.reason ?? null,
        };
      }
      const final = await visibleFinal(ctx, basis);
      if (final?.firstGroup.outcome !== 'CONTROL_ALLOWED') return null;
      return {
        number: candidate.number,
        candidate,
        overallAverage: final.overallAverage,
        professionalAverage: null,
        computed: final.computedOutcome,
        juryOutcome: final.juryDecision?.outcome ?? null,
        juryReason: final.juryDecision?.reason ?? null,
      };
    }),
  );
  return rows.filter((r) => r !== null);
}
