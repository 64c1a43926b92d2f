import {
  type ChoiceEntryDecision,
  type LateChoiceDecision,
  formatParisDateTime,
  planningInputProblems,
} from '@rattrapage/domain';
import { chooseControlTests } from '../../services/choose-control-tests.ts';
import { recordLateChoice } from '../../services/record-late-choice.ts';
import { recordControlMark } from '../../services/record-control-mark.ts';
import { scheduleConvocations } from '../../services/schedule-convocations.ts';
import { candidateBasis } from '../../services/candidate-results.ts';
import type { RequestContext } from '../../context.ts';
import type { ChoiceRecord } from '../../repositories/choices.repository.ts';
import { builder } from '../builder.ts';
import { BadUserInputError, ForbiddenError } from '../graphql-errors.ts';
import { candidateIdFromGlobal, loadCandidate } from './candidate.ts';
import {
  ChannelNotAllowed,
  ChoiceWindowClosed,
  ChoiceWindowNotOpen,
  InvalidControlChoice,
  InvalidControlMark,
  LateChoiceRefused,
  MarkRecordingClosed,
  MarkRecordingNotOpen,
  NotEligibleForControl,
  ResultWithheld,
  TestNotChosen,
  UnknownExamSession,
} from './error.ts';
import { ChannelEnum, ControlChoice, Mark, choiceShape } from './results.ts';
import { Test } from './reference.ts';
import type { ExamTest, UnplacedCandidate } from '@rattrapage/domain';

/** The one place where the domain's refusals become the contract's error types. */
function refusalError(decision: Exclude<ChoiceEntryDecision, { ok: true }>): Error {
  const { refusal } = decision;
  switch (refusal.code) {
    case 'WINDOW_NOT_OPEN':
      return new ChoiceWindowNotOpen(refusal.opensAt);
    case 'WINDOW_CLOSED':
      return new ChoiceWindowClosed(refusal.closedAt);
    case 'CHANNEL_NOT_ALLOWED':
      return new ChannelNotAllowed(refusal.channel);
    case 'RESULT_WITHHELD':
      return new ResultWithheld();
    case 'NOT_ELIGIBLE_FOR_CONTROL':
      return new NotEligibleForControl();
    case 'INVALID_CHOICE':
      return new InvalidControlChoice(
        refusal.choice.code,
        refusal.choice.testCode,
        refusal.choice.message,
      );
  }
}

function lateRefusalError(decision: Exclude<LateChoiceDecision, { ok: true }>): Error {
  const { refusal } = decision;
  switch (refusal.code) {
    case 'WINDOW_NOT_CLOSED':
      return new LateChoiceRefused(
        'WINDOW_NOT_CLOSED',
        `La saisie des choix n’est close qu’à partir du ${formatParisDateTime(refusal.closesAt)} (heure de Paris) : jusque-là, le candidat ou son établissement saisit le choix.`,
        refusal.closesAt,
      );
    case 'RESULTS_PUBLISHED':
      return new LateChoiceRefused(
        'RESULTS_PUBLISHED',
        `Les résultats du second groupe sont publiés depuis le ${formatParisDateTime(refusal.publishedAt)} (heure de Paris) : un choix ne peut plus être enregistré.`,
        refusal.publishedAt,
      );
    case 'REASON_REQUIRED':
      return new LateChoiceRefused(
        'REASON_REQUIRED',
        'Indiquez le motif de cette saisie hors délai.',
      );
    case 'REASON_TOO_LONG':
      return new LateChoiceRefused(
        'REASON_TOO_LONG',
        `Le motif ne peut dépasser ${refusal.maxLength} caractères.`,
      );
    case 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL':
      return new ChannelNotAllowed('INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL');
    case 'NOT_ELIGIBLE_FOR_CONTROL':
      return new NotEligibleForControl();
    case 'INVALID_CHOICE':
      return new InvalidControlChoice(
        refusal.choice.code,
        refusal.choice.testCode,
        refusal.choice.message,
      );
  }
}

/**
 * The choice just recorded, as the mutation answers it. A later field of the
 * same operation reads it afresh (graphql/fresh-reads-between-mutations.ts).
 */
async function recordedChoice(ctx: RequestContext, id: string, choice: ChoiceRecord) {
  const candidate = await loadCandidate(ctx, id);
  if (candidate === null) throw new ForbiddenError();
  return choiceShape(await candidateBasis(ctx, candidate), choice);
}

const ControlMark = builder
  .objectRef<{
    readonly test: ExamTest;
    readonly hundredths: number | null;
    readonly absent: boolean;
    readonly recordedAt: Date;
  }>('ControlMark')
  .implement({
    fields: (t) => ({
      test: t.field({ type: Test, resolve: (m) => m.test }),
      mark: t.field({
        type: Mark,
        nullable: true,
        resolve: (m) => (m.hundredths === null ? null : { hundredths: m.hundredths }),
      }),
      absent: t.exposeBoolean('absent'),
      recordedAt: t.field({ type: 'DateTime', resolve: (m) => m.recordedAt }),
    }),
  });

export const ConvocationPlan = builder
  .objectRef<{
    readonly issued: number;
    readonly alreadyIssued: number;
    readonly pendingSpecialtyCodes: readonly string[];
    /** Exposed by planning.ts. */
    readonly unplaced: readonly UnplacedCandidate[];
  }>('ConvocationPlan')
  .implement({
    fields: (t) => ({
      issued: t.exposeInt('issued', { description: 'Convocations issued by this run.' }),
      alreadyIssued: t.exposeInt('alreadyIssued', {
        description: 'Convocations issued earlier, kept unchanged.',
      }),
      pendingSpecialtyCodes: t.exposeStringList('pendingSpecialtyCodes', {
        description:
          'Specialties whose choice window is still open: their candidates wait for the next run.',
      }),
    }),
  });

builder.mutationFields((t) => ({
  chooseControlTests: t.field({
    type: ControlChoice,
    description:
      'CANDIDATE (own choice, candidate space) or SCHOOL (own non-individual candidates).',
    authScopes: { roles: ['CANDIDATE', 'SCHOOL'] },
    errors: {
      types: [
        ChoiceWindowNotOpen,
        ChoiceWindowClosed,
        ChannelNotAllowed,
        ResultWithheld,
        NotEligibleForControl,
        InvalidControlChoice,
      ],
      union: { name: 'ChooseControlTestsResult' },
    },
    args: {
      candidateId: t.arg.id({ required: true }),
      testCodes: t.arg.stringList({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer === null) throw new ForbiddenError();
      const id = candidateIdFromGlobal(args.candidateId);
      const outcome = await chooseControlTests(ctx.db, ctx.clock, viewer, id, args.testCodes);
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'refused') throw refusalError(outcome.decision);
      return recordedChoice(ctx, id, outcome.choice);
    },
  }),
  recordLateControlChoice: t.field({
    type: ControlChoice,
    description:
      'PILOT: records a candidate’s choice after the deadline, by exception, with its reason (audited; `recordedLate` on the choice). From the window’s end to the second-group results instant. The reason is shown to the candidate and to their school: state the ground, not medical details.',
    authScopes: { roles: ['PILOT'] },
    errors: {
      types: [LateChoiceRefused, ChannelNotAllowed, NotEligibleForControl, InvalidControlChoice],
      union: { name: 'RecordLateControlChoiceResult' },
    },
    args: {
      candidateId: t.arg.id({ required: true }),
      testCodes: t.arg.stringList({ required: true }),
      reason: t.arg.string({ required: true }),
      channel: t.arg({
        type: ChannelEnum,
        required: true,
        description:
          'Who asked: CANDIDATE_SPACE for the candidate, SCHOOL for their school (never for an individual candidate).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer === null) throw new ForbiddenError();
      const id = candidateIdFromGlobal(args.candidateId);
      const outcome = await recordLateChoice(ctx.db, ctx.clock, viewer, {
        candidateId: id,
        testCodes: args.testCodes,
        reason: args.reason,
        channel: args.channel,
      });
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'refused') throw lateRefusalError(outcome.decision);
      return recordedChoice(ctx, id, outcome.choice);
    },
  }),
  scheduleConvocations: t.field({
    type: ConvocationPlan,
    description: 'ACADEMY (its own candidates of origin) or PILOT (any académie).',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    errors: { types: [UnknownExamSession], union: { name: 'ScheduleResult' } },
    args: {
      year: t.arg.int({ required: true }),
      academyCode: t.arg.string({ required: true }),
      maxGapMinutes: t.arg.int({
        required: false,
        description:
          'Longest wait between the end of a candidate’s first oral and their second preparation (default 120).',
      }),
      minGapMinutes: t.arg.int({
        required: false,
        description:
          'Shortest time between the end of a candidate’s first oral and their second preparation, to change rooms (default 10; at most maxGapMinutes).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const gaps = {
        ...(args.maxGapMinutes == null ? {} : { maxGapMinutes: args.maxGapMinutes }),
        ...(args.minGapMinutes == null ? {} : { minGapMinutes: args.minGapMinutes }),
      };
      const problems = planningInputProblems({ examiners: [], rooms: [], ...gaps });
      if (problems.length > 0)
        throw new BadUserInputError(`Écarts entre les oraux invalides : ${problems.join(' ; ')}.`);
      const outcome = await scheduleConvocations(ctx.db, ctx.clock, ctx.viewer, {
        year: args.year,
        academyCode: args.academyCode,
        ...gaps,
      });
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'unknownSession') throw new UnknownExamSession(args.year);
      return {
        issued: outcome.issued,
        alreadyIssued: outcome.alreadyIssued,
        pendingSpecialtyCodes: outcome.pendingWindows,
        unplaced: outcome.unplaced,
      };
    },
  }),
  recordControlMark: t.field({
    type: ControlMark,
    description:
      'ACADEMY for its candidates of origin, PILOT for all; 0 ≤ hundredths ≤ 2000, or absent.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    errors: {
      types: [InvalidControlMark, TestNotChosen, MarkRecordingNotOpen, MarkRecordingClosed],
      union: { name: 'RecordControlMarkResult' },
    },
    args: {
      candidateId: t.arg.id({ required: true }),
      testCode: t.arg.string({ required: true }),
      hundredths: t.arg.int({ required: false }),
      absent: t.arg.boolean({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const id = candidateIdFromGlobal(args.candidateId);
      const outcome = await recordControlMark(ctx.db, ctx.clock, ctx.viewer, {
        candidateId: id,
        testCode: args.testCode,
        hundredths: args.hundredths ?? null,
        absent: args.absent ?? null,
      });
      switch (outcome.kind) {
        case 'forbidden':
          throw new ForbiddenError();
        case 'invalidMark':
          throw new InvalidControlMark();
        case 'testNotChosen':
          throw new TestNotChosen();
        case 'tooEarly':
          throw new MarkRecordingNotOpen();
        case 'closed':
          throw new MarkRecordingClosed();
        case 'recorded': {
          const candidate = await loadCandidate(ctx, id);
          if (candidate === null) throw new ForbiddenError();
          const basis = await candidateBasis(ctx, candidate);
          const test = basis.specialty.structure.tests.find(
            (x) => x.code === outcome.testCode,
          ) as ExamTest;
          return {
            test,
            hundredths: outcome.entry.status === 'MARK' ? outcome.entry.hundredths : null,
            absent: outcome.entry.status === 'ABSENT',
            recordedAt: outcome.recordedAt,
          };
        }
      }
    },
  }),
}));
