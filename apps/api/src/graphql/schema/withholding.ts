import { type WithholdingRefusal, withholdingRefusalText } from '@rattrapage/domain';
import type { WithholdingRecord } from '../../repositories/withheld-results.repository.ts';
import { candidateBasis, heldBackFor } from '../../services/candidate-results.ts';
import {
  type WithholdingOutcome,
  forgetWithholding,
  releaseWithheldResult,
  withholdResult,
  withholdingInForce,
} from '../../services/withhold-result.ts';
import type { RequestContext } from '../../context.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { Candidate, candidateIdFromGlobal, loadCandidate } from './candidate.ts';
import { ReasonRequired, ReasonTooLong } from './jury.ts';

const ResultWithholding = builder.objectRef<WithholdingRecord>('ResultWithholding').implement({
  description:
    'A result the pilot académie holds back past its publication instant (« résultat réservé »).',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    withheldAt: t.field({ type: 'DateTime', resolve: (w) => w.withheldAt }),
    withheldBy: t.exposeString('withheldBy', {
      description: 'The identifier of the pilot account that held it.',
    }),
  }),
});

builder.objectFields(Candidate, (t) => ({
  resultWithheld: t.boolean({
    description:
      'The pilot académie holds this candidate’s result back (« résultat en attente »): true for the pilot as soon as it is held, for anyone else who sees the candidate once the result would be published; the outcome, marks and convocations are then null.',
    resolve: async (candidate, _args, ctx) =>
      heldBackFor(ctx, await candidateBasis(ctx, candidate)),
  }),
  withholding: t.field({
    type: ResultWithholding,
    nullable: true,
    description: 'PILOT only: the hold in force on this candidate’s result, with its reason.',
    authScopes: { roles: ['PILOT'] },
    resolve: (candidate, _args, ctx) => withholdingInForce(ctx.db, candidate.id),
  }),
}));

function refusalError(refusal: WithholdingRefusal) {
  switch (refusal.code) {
    case 'REASON_REQUIRED':
      return new ReasonRequired(withholdingRefusalText(refusal));
    case 'REASON_TOO_LONG':
      return new ReasonTooLong(refusal.maxLength);
  }
}

async function answered(ctx: RequestContext, outcome: WithholdingOutcome) {
  if (outcome.kind === 'forbidden') throw new ForbiddenError();
  if (outcome.kind === 'refused') throw refusalError(outcome.refusal);
  forgetWithholding(ctx, outcome.candidateId);
  const candidate = await loadCandidate(ctx, outcome.candidateId);
  if (candidate === null) throw new ForbiddenError();
  return candidate;
}

builder.mutationFields((t) => ({
  withholdResult: t.field({
    type: Candidate,
    description:
      'PILOT only: holds a candidate’s result back past its publication instant (fraud inquiry, missing document), with its reason; or states another reason for a hold in force. Audited. The candidate reads « résultat en attente » and no mark; statistics count it without naming it.',
    authScopes: { roles: ['PILOT'] },
    errors: {
      types: [ReasonRequired, ReasonTooLong],
      union: { name: 'WithholdResultResult' },
    },
    args: {
      candidateId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const id = candidateIdFromGlobal(args.candidateId);
      return answered(ctx, await withholdResult(ctx.db, ctx.clock, ctx.viewer, id, args.reason));
    },
  }),
  releaseResult: t.field({
    type: Candidate,
    description:
      'PILOT only: releases a held result; it shows at once as the calendar publishes it. Audited; a result not held is left as it is.',
    authScopes: { roles: ['PILOT'] },
    args: { candidateId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const id = candidateIdFromGlobal(args.candidateId);
      return answered(ctx, await releaseWithheldResult(ctx.db, ctx.clock, ctx.viewer, id));
    },
  }),
}));
