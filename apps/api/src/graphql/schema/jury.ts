import { parseMark } from '@rattrapage/domain';
import type { JuryDecision, JuryDecisionInvalidity } from '@rattrapage/domain';
import { recordJuryDecision, forgetJuryDecisions } from '../../services/jury-decision.ts';
import { builder } from '../builder.ts';
import { BadUserInputError, ForbiddenError } from '../graphql-errors.ts';
import { Candidate, candidateIdFromGlobal, loadCandidate } from './candidate.ts';
import { ApiError, plainErrorTypes } from './error.ts';
import { FinalResult, FirstGroupResult } from './results.ts';
import { Specialty } from './reference.ts';

export class ReasonRequired extends ApiError {
  constructor(message = 'Une décision du jury doit être motivée : indiquez le motif.') {
    super('REASON_REQUIRED', message);
  }
}

export class ReasonTooLong extends ApiError {
  readonly maxLength: number;
  constructor(maxLength: number) {
    super('REASON_TOO_LONG', `Le motif ne peut pas dépasser ${maxLength} caractères.`);
    this.maxLength = maxLength;
  }
}

export class OutcomeNotForStage extends ApiError {
  constructor() {
    super(
      'OUTCOME_NOT_FOR_STAGE',
      'Après les épreuves de contrôle, le jury ne peut décider que « Admis » ou « Ajourné ».',
    );
  }
}

function invalidityError(error: JuryDecisionInvalidity): ApiError {
  switch (error.code) {
    case 'REASON_REQUIRED':
      return new ReasonRequired();
    case 'REASON_TOO_LONG':
      return new ReasonTooLong(error.maxLength);
    case 'OUTCOME_NOT_FOR_STAGE':
      return new OutcomeNotForStage();
  }
}

plainErrorTypes([
  [ReasonRequired, 'ReasonRequired', 'A jury decision needs a reason.'],
  [ReasonTooLong, 'ReasonTooLong', 'The reason is longer than allowed.'],
  [OutcomeNotForStage, 'OutcomeNotForStage', 'CONTROL_ALLOWED is not a final outcome.'],
]);

export const JuryStageEnum = builder.enumType('JuryStage', {
  values: ['FIRST_GROUP', 'FINAL'] as const,
});

builder.objectField(Specialty, 'juryPreparationPath', (t) =>
  t.string({
    description:
      'PILOT only: where to download the jury’s preparation sheet of this specialty (CSV): candidates by average, best first, those under a threshold by at most `distance` points flagged. Downloading is audited.',
    authScopes: { roles: ['PILOT'] },
    args: {
      stage: t.arg({ type: JuryStageEnum, required: true }),
      distance: t.arg.string({
        required: false,
        description: 'In points, e.g. "0,5" (the default).',
      }),
    },
    resolve: (s, args) => {
      if (args.distance != null && parseMark(args.distance) === null)
        throw new BadUserInputError('distance : un nombre de points, par exemple « 0,5 ».');
      return `/documents/preparation-jury.csv?${new URLSearchParams({
        year: String(s.reference.year),
        specialty: s.record.code,
        stage: args.stage,
        distance: args.distance ?? '0,5',
      }).toString()}`;
    },
  }),
);
export const JuryOutcomeEnum = builder.enumType('JuryOutcome', {
  values: ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED'] as const,
});

export const JuryDecisionRef = builder.objectRef<JuryDecision>('JuryDecision').implement({
  description: 'A decision of the sovereign jury: it replaces the computed outcome.',
  fields: (t) => ({
    outcome: t.field({
      type: JuryOutcomeEnum,
      resolve: (d) => d.outcome as 'ADMITTED' | 'CONTROL_ALLOWED' | 'FAILED',
    }),
    reason: t.exposeString('reason'),
    decidedAt: t.field({ type: 'DateTime', resolve: (d) => d.decidedAt }),
    decidedBy: t.exposeString('decidedBy', {
      description: 'The identifier of the account that recorded the decision.',
    }),
  }),
});

builder.objectFields(FirstGroupResult, (t) => ({
  juryDecision: t.field({
    type: JuryDecisionRef,
    nullable: true,
    description: 'When the jury decided, `outcome` is its decision; `computedOutcome` the rules’.',
    resolve: (r) => r.evaluation.juryDecision,
  }),
  computedOutcome: t.field({
    type: JuryOutcomeEnum,
    nullable: true,
    description:
      'The outcome the rules computed, before any jury decision; null when they could not (a mark is missing) and the jury decided.',
    resolve: (r) => r.evaluation.computedOutcome,
  }),
}));

builder.objectFields(FinalResult, (t) => ({
  juryDecision: t.field({
    type: JuryDecisionRef,
    nullable: true,
    description: 'When the jury decided, `outcome` is its decision.',
    resolve: (r) => r.evaluation.juryDecision,
  }),
  computedOutcome: t.field({
    type: JuryOutcomeEnum,
    nullable: true,
    description:
      'The outcome before the final jury decision (after the first-group one); null when the rules could not compute it and the jury decided.',
    resolve: (r) => r.evaluation.computedOutcome,
  }),
}));

builder.mutationFields((t) => ({
  recordJuryDecision: t.field({
    type: Candidate,
    description:
      'PILOT only: the jury’s decision for the first group or the final result, with its reason; it overrides the computed outcome and is audited.',
    authScopes: { roles: ['PILOT'] },
    errors: {
      types: [ReasonRequired, ReasonTooLong, OutcomeNotForStage],
      union: { name: 'RecordJuryDecisionResult' },
    },
    args: {
      candidateId: t.arg.id({ required: true }),
      stage: t.arg({ type: JuryStageEnum, required: true }),
      outcome: t.arg({ type: JuryOutcomeEnum, required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const id = candidateIdFromGlobal(args.candidateId);
      const outcome = await recordJuryDecision(ctx.db, ctx.clock, ctx.viewer, {
        candidateId: id,
        stage: args.stage,
        outcome: args.outcome,
        reason: args.reason,
      });
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'invalid') throw invalidityError(outcome.error);
      forgetJuryDecisions(ctx, id);
      const candidate = await loadCandidate(ctx, id);
      if (candidate === null) throw new ForbiddenError();
      return candidate;
    },
  }),
}));
