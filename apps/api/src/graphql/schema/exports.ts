import {
  type ChoiceRow,
  type ConvocationRow,
  type FinalResultRow,
  choiceRows,
  convocationRows,
  finalResultRows,
  mayActForAcademy,
} from '../../services/exports.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { Candidate } from './candidate.ts';
import { Test } from './reference.ts';
import { JuryOutcomeEnum } from './jury.ts';

const ChoiceExportRow = builder.objectRef<ChoiceRow>('ChoiceExportRow').implement({
  description: 'One candidate of the school and their choice (empty `tests` when none yet).',
  fields: (t) => ({
    number: t.exposeString('number'),
    lastName: t.exposeString('lastName'),
    firstName: t.exposeString('firstName'),
    specialtyCode: t.exposeString('specialtyCode'),
    individual: t.exposeBoolean('individual'),
    tests: t.field({ type: [Test], resolve: (r) => r.tests }),
    channel: t.exposeString('channel', { nullable: true }),
    enteredAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.enteredAt }),
    enteredBy: t.exposeString('enteredBy', { nullable: true }),
  }),
});

const ConvocationExportRow = builder.objectRef<ConvocationRow>('ConvocationExportRow').implement({
  description: 'One oral of an académie’s convocation plan.',
  fields: (t) => ({
    candidate: t.field({ type: Candidate, resolve: (r) => r.candidate }),
    test: t.field({ type: Test, resolve: (r) => r.test }),
    preparationStartsAt: t.field({ type: 'DateTime', resolve: (r) => r.preparationStartsAt }),
    startsAt: t.field({ type: 'DateTime', resolve: (r) => r.startsAt }),
    endsAt: t.field({ type: 'DateTime', resolve: (r) => r.endsAt }),
    place: t.exposeString('place'),
  }),
});

const FinalResultExportRow = builder.objectRef<FinalResultRow>('FinalResultExportRow').implement({
  description: 'One candidate’s published final result (the jury’s decision when there is one).',
  fields: (t) => ({
    candidate: t.field({ type: Candidate, resolve: (r) => r.candidate }),
    firstGroupOutcome: t.field({
      type: JuryOutcomeEnum,
      resolve: (r) => r.firstGroupOutcome,
    }),
    firstGroupAverage: t.exposeString('firstGroupAverage', {
      description: 'French display, truncated: "9,87".',
    }),
    finalOutcome: t.field({
      type: JuryOutcomeEnum,
      resolve: (r) => r.finalOutcome,
    }),
    juryReason: t.exposeString('juryReason', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  schoolChoices: t.field({
    type: [ChoiceExportRow],
    description: 'SCHOOL: its candidates and their choices (the data of /documents/choix.csv).',
    authScopes: { roles: ['SCHOOL'] },
    args: { year: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => choiceRows(ctx, args.year),
  }),
  convocationPlan: t.field({
    type: [ConvocationExportRow],
    description:
      'ACADEMY (its own) or PILOT (any): the orals of an académie’s candidates (the data of /documents/convocations.csv).',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    args: { year: t.arg.int({ required: true }), academyCode: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => {
      if (!mayActForAcademy(ctx.viewer, args.academyCode)) throw new ForbiddenError();
      return convocationRows(ctx, args.year, args.academyCode);
    },
  }),
  finalResults: t.field({
    type: [FinalResultExportRow],
    description:
      'ACADEMY (its own) or PILOT (any): final results, only once published (the pilot sees through the embargo).',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    args: { year: t.arg.int({ required: true }), academyCode: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => {
      if (!mayActForAcademy(ctx.viewer, args.academyCode)) throw new ForbiddenError();
      return finalResultRows(ctx, args.year, args.academyCode);
    },
  }),
}));
