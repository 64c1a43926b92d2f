import { type PreparationStage, juryPreparation, preparationFlagText } from '@rattrapage/domain';
import type { RequestContext } from '../context.ts';
import { averageLabel, outcomeLabel } from '../documents/labels.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { juryStageCandidates } from './jury-stage-candidates.ts';

/**
 * The jury's preparation sheet of one specialty and stage (the domain's
 * juryPreparation), as a table: the pilot's alone, for it holds the jury
 * and reads before publication; audited. Null: not the pilot's, or no
 * such session or specialty.
 */
export async function juryPreparationTable(
  ctx: RequestContext,
  year: number,
  specialtyCode: string,
  stage: PreparationStage,
  distanceHundredths: number,
): Promise<{ header: string[]; rows: string[][] } | null> {
  const viewer = ctx.viewer;
  if (viewer?.role !== 'PILOT') return null;
  const reference = await ctx.loaders.reference.load(year);
  if (reference === null || !reference.specialties.has(specialtyCode)) return null;
  const prepared = juryPreparation(
    await juryStageCandidates(ctx, year, specialtyCode, stage),
    stage,
    reference.policy.thresholds,
    distanceHundredths,
  );
  await appendAudit(ctx.db, {
    at: ctx.now,
    actorAccountId: viewer.accountId,
    actorRole: viewer.role,
    action: 'DOCUMENT_PRODUCED',
    after: {
      document: 'JURY_PREPARATION',
      year,
      specialtyCode,
      stage,
      distanceHundredths,
      candidates: prepared.length,
    },
  });
  const first = stage === 'FIRST_GROUP';
  return {
    header: [
      'Numéro',
      'Nom',
      'Prénom',
      first ? 'Moyenne générale' : 'Moyenne générale après le contrôle',
      ...(first ? ['Moyenne du domaine professionnel'] : []),
      'Résultat calculé',
      'Décision du jury',
      'Motif',
      'À examiner',
    ],
    rows: prepared.map(({ candidate: p, flags }) => [
      p.number,
      p.candidate.lastName,
      p.candidate.firstName,
      averageLabel(p.overallAverage),
      ...(first ? [averageLabel(p.professionalAverage)] : []),
      p.computed === null ? '' : outcomeLabel(p.computed),
      p.juryOutcome === null ? '' : outcomeLabel(p.juryOutcome),
      p.juryReason ?? '',
      flags.map(preparationFlagText).join(' ; '),
    ]),
  };
}
