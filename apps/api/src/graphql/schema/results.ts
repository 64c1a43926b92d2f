import {
  type ExamTest,
  type Fraction,
  type TestResult,
  choiceWindow,
  computeAverages,
  controlOptionsOfAllowed,
  eligibleControlTests,
  formatHundredths,
  truncateToHundredths,
  viewAverage,
} from '@rattrapage/domain';
import type { ChoiceRecord } from '../../repositories/choices.repository.ts';
import type { ConvocationRecord } from '../../repositories/convocations.repository.ts';
import {
  type CandidateBasis,
  candidateBasis,
  visibleControl,
  visibleFinal,
  visibleFirstGroup,
  visibleFor,
} from '../../services/candidate-results.ts';
import { builder } from '../builder.ts';
import { Candidate, FirstGroupOutcomeEnum } from './candidate.ts';
import { Test, Window } from './reference.ts';

export const Mark = builder.objectRef<{ readonly hundredths: number }>('Mark').implement({
  description: 'A mark in hundredths of a point, and its French display: 1250, "12,50".',
  fields: (t) => ({
    hundredths: t.exposeInt('hundredths'),
    display: t.string({ resolve: (m) => formatHundredths(m.hundredths) }),
  }),
});

export const Average = builder.objectRef<Fraction>('Average').implement({
  description:
    '`hundredths` and `display` are truncated, never rounded; `exact` is the irreducible fraction of points, "n/d".',
  fields: (t) => ({
    hundredths: t.int({ resolve: (f) => viewAverage(f).hundredths }),
    display: t.string({ resolve: (f) => viewAverage(f).display }),
    exact: t.string({ resolve: (f) => viewAverage(f).exact }),
  }),
});

const MarkStatusEnum = builder.enumType('MarkStatus', {
  values: ['MARK', 'KEPT', 'EXEMPT', 'ABSENT_JUSTIFIED', 'ABSENT'] as const,
});

interface TestMarkShape {
  readonly test: ExamTest;
  readonly mark: Fraction | null;
  readonly status: 'MARK' | 'KEPT' | 'EXEMPT' | 'ABSENT_JUSTIFIED' | 'ABSENT';
}

export const TestMark = builder.objectRef<TestMarkShape>('TestMark').implement({
  fields: (t) => ({
    test: t.field({ type: Test, resolve: (m) => m.test }),
    mark: t.field({
      type: Mark,
      nullable: true,
      description:
        'Null when the status carries no mark (exempt, absent). A test with parts shows their weighted average, truncated.',
      resolve: (m) => (m.mark === null ? null : { hundredths: truncateToHundredths(m.mark) }),
    }),
    status: t.field({ type: MarkStatusEnum, resolve: (m) => m.status }),
  }),
});

function testMarks(
  structure: readonly ExamTest[],
  results: readonly { code: string; result: TestResult }[],
): TestMarkShape[] {
  const marks: TestMarkShape[] = [];
  for (const test of structure) {
    const result = results.find((r) => r.code === test.code)?.result;
    if (result === undefined || result.kind === 'MISSING') continue; // an optional test not taken
    if (result.kind === 'COUNTED') marks.push({ test, mark: result.value, status: result.status });
    else marks.push({ test, mark: null, status: result.kind === 'EXEMPT' ? 'EXEMPT' : 'ABSENT' });
  }
  return marks;
}

export interface FirstGroupShape {
  readonly basis: CandidateBasis;
  readonly evaluation: NonNullable<ReturnType<typeof visibleFirstGroup>>;
}

const FirstGroupReasonEnum = builder.enumType('FirstGroupReason', {
  values: [
    'UNJUSTIFIED_ABSENCE',
    'OVERALL_AT_LEAST_10',
    'CONTROL_THRESHOLDS_MET',
    'OVERALL_BELOW_8',
    'PROFESSIONAL_BELOW_10',
    'NO_PROFESSIONAL_AVERAGE',
  ] as const,
});

export const FirstGroupResult = builder.objectRef<FirstGroupShape>('FirstGroupResult').implement({
  fields: (t) => ({
    outcome: t.field({ type: FirstGroupOutcomeEnum, resolve: (r) => r.evaluation.outcome }),
    reason: t.field({
      type: FirstGroupReasonEnum,
      nullable: true,
      description:
        'Which rule decided the computed outcome, so a client can explain it; null when the rules could not compute one (a mark is missing) and the jury decided.',
      resolve: (r) => r.evaluation.reason,
    }),
    overallAverage: t.field({
      type: Average,
      nullable: true,
      description:
        'Null when it cannot be computed (« non calculable »): a mark is missing and the jury decided the outcome.',
      resolve: (r) => r.evaluation.overallAverage,
    }),
    professionalAverage: t.field({
      type: Average,
      nullable: true,
      description:
        'Null when it cannot be computed (a mark is missing) or no professional test counts.',
      resolve: (r) => r.evaluation.professionalAverage,
    }),
    marks: t.field({
      type: [TestMark],
      resolve: (r) => testMarks(r.basis.specialty.structure.tests, r.evaluation.averages.tests),
    }),
    publishedAt: t.field({
      type: 'DateTime',
      resolve: (r) => {
        const batch = r.basis.reference.calendar.batches.find(
          (b) => b.id === r.basis.specialty.batchId,
        );
        if (batch === undefined) throw new Error('specialty without batch');
        return batch.firstGroupResultsAt;
      },
    }),
  }),
});

export const ChannelEnum = builder.enumType('Channel', {
  values: ['CANDIDATE_SPACE', 'SCHOOL'] as const,
});

export interface ControlChoiceShape {
  readonly record: ChoiceRecord;
  readonly tests: readonly ExamTest[];
}

export const ControlChoice = builder.objectRef<ControlChoiceShape>('ControlChoice').implement({
  fields: (t) => ({
    tests: t.field({ type: [Test], resolve: (c) => c.tests }),
    channel: t.field({ type: ChannelEnum, resolve: (c) => c.record.channel }),
    enteredAt: t.field({ type: 'DateTime', resolve: (c) => c.record.enteredAt }),
    enteredBy: t.string({
      description: 'The identifier of the account that entered the choice.',
      resolve: (c) => c.record.enteredByIdentifier,
    }),
    recordedLate: t.boolean({
      description:
        'True when the exam office recorded this choice after the deadline, by exception (`recordLateControlChoice`); `channel` then says who asked for it.',
      resolve: (c) => c.record.lateReason !== null,
    }),
    lateReason: t.string({
      nullable: true,
      description:
        'Why the exam office recorded this choice after the deadline; null for a choice entered in time.',
      resolve: (c) => c.record.lateReason,
    }),
  }),
});

/** The tests of the candidate's specialty named by these codes, in their order. */
export function testsNamed(basis: CandidateBasis, codes: readonly string[]): ExamTest[] {
  return codes.flatMap((code) => basis.specialty.structure.tests.filter((t) => t.code === code));
}

export function choiceShape(basis: CandidateBasis, record: ChoiceRecord): ControlChoiceShape {
  return { record, tests: testsNamed(basis, record.testCodes) };
}

const ControlOption = builder
  .objectRef<{
    readonly tests: readonly ExamTest[];
    readonly reachable: boolean;
    readonly minimumMarkInBoth: number | null;
  }>('ControlOption')
  .implement({
    description: 'Decision support for one pair of tests.',
    fields: (t) => ({
      tests: t.field({ type: [Test], resolve: (o) => o.tests }),
      reachable: t.exposeBoolean('reachable'),
      minimumMarkInBoth: t.field({
        type: Mark,
        nullable: true,
        description:
          'The smallest mark that, got in both orals, brings the overall average to 10; null if unreachable.',
        resolve: (o) => (o.minimumMarkInBoth === null ? null : { hundredths: o.minimumMarkInBoth }),
      }),
    }),
  });

interface ConvocationShape {
  readonly record: ConvocationRecord;
  readonly test: ExamTest;
}

export const Convocation = builder.objectRef<ConvocationShape>('Convocation').implement({
  fields: (t) => ({
    test: t.field({ type: Test, resolve: (c) => c.test }),
    preparationStartsAt: t.field({
      type: 'DateTime',
      resolve: (c) => c.record.preparationStartsAt,
    }),
    startsAt: t.field({ type: 'DateTime', resolve: (c) => c.record.startsAt }),
    endsAt: t.field({ type: 'DateTime', resolve: (c) => c.record.endsAt }),
    place: t.string({ resolve: (c) => c.record.place }),
    room: t.string({ nullable: true, resolve: (c) => c.record.room ?? null }),
    accommodation: t.string({
      nullable: true,
      description: 'The exam accommodation applied (extra preparation time, accessible room).',
      resolve: (c) => c.record.accommodation ?? null,
    }),
  }),
});

export const ControlStatus = builder.objectRef<FirstGroupShape>('ControlStatus').implement({
  fields: (t) => ({
    window: t.field({
      type: Window,
      resolve: (s) => choiceWindow(s.basis.reference.calendar, s.basis.candidate.specialtyCode),
    }),
    eligibleTests: t.field({
      type: [Test],
      resolve: (s) => eligibleControlTests(s.basis.specialty.structure, s.basis.marks),
    }),
    choice: t.field({
      type: ControlChoice,
      nullable: true,
      resolve: async (s, _args, ctx) => {
        const record = await ctx.loaders.choices.load(s.basis.candidate.id);
        return record === null ? null : choiceShape(s.basis, record);
      },
    }),
    options: t.field({
      type: [ControlOption],
      description: 'Empty while a first-group mark is missing (no average to aim at).',
      resolve: (s) =>
        controlOptionsOfAllowed(
          s.basis.specialty.structure,
          s.basis.marks,
          s.basis.reference.policy,
        ),
    }),
    convocations: t.field({
      type: [Convocation],
      description: 'Issued once the choice window has closed.',
      resolve: async (s, _args, ctx) => {
        if (!visibleFor(ctx, s.basis).convocations) return [];
        const records = await ctx.loaders.convocations.load(s.basis.candidate.id);
        return records.flatMap((record) => {
          const test = s.basis.specialty.structure.tests.find((t) => t.code === record.testCode);
          return test === undefined ? [] : [{ record, test }];
        });
      },
    }),
  }),
});

const FinalOutcomeEnum = builder.enumType('FinalOutcome', {
  values: ['ADMITTED', 'FAILED'] as const,
});

interface FinalShape {
  readonly basis: CandidateBasis;
  readonly evaluation: NonNullable<Awaited<ReturnType<typeof visibleFinal>>>;
}

export const FinalResult = builder.objectRef<FinalShape>('FinalResult').implement({
  fields: (t) => ({
    outcome: t.field({
      type: FinalOutcomeEnum,
      description: 'The jury’s decision when there is one (see `juryDecision`).',
      resolve: ({ evaluation }) => evaluation.outcome,
    }),
    overallAverage: t.field({
      type: Average,
      nullable: true,
      description:
        'After the control when taken (best-of), else the first group’s; null when it cannot be computed (a mark is missing).',
      resolve: ({ evaluation }) => evaluation.overallAverage,
    }),
    marks: t.field({
      type: [TestMark],
      description:
        'The marks that count: for each chosen test, the better of the first-group and control marks.',
      resolve: ({ basis, evaluation }) => {
        const replacements = new Map(evaluation.tests.map((x) => [x.testCode, x.kept] as const));
        const averages = computeAverages(
          basis.specialty.structure,
          basis.marks,
          basis.reference.policy,
          replacements,
        );
        return testMarks(basis.specialty.structure.tests, averages.tests);
      },
    }),
    controlMarks: t.field({
      type: [TestMark],
      resolve: ({ basis, evaluation }) =>
        evaluation.tests.flatMap((x) => {
          const test = basis.specialty.structure.tests.find((t) => t.code === x.testCode);
          if (test === undefined) return [];
          return [
            x.control.status === 'MARK'
              ? {
                  test,
                  mark: { num: BigInt(x.control.hundredths), den: 100n },
                  status: 'MARK' as const,
                }
              : { test, mark: null, status: 'ABSENT' as const },
          ];
        }),
    }),
    publishedAt: t.field({
      type: 'DateTime',
      resolve: ({ basis }) => basis.reference.calendar.secondGroupResultsAt,
    }),
  }),
});

builder.objectFields(Candidate, (t) => ({
  firstGroup: t.field({
    type: FirstGroupResult,
    nullable: true,
    description:
      'Null before the specialty’s publication instant (except for the pilot académie), or while a mark is missing.',
    resolve: async (candidate, _args, ctx) => {
      const basis = await candidateBasis(ctx, candidate);
      const evaluation = visibleFirstGroup(ctx, basis);
      return evaluation === null ? null : { basis, evaluation };
    },
  }),
  control: t.field({
    type: ControlStatus,
    nullable: true,
    description:
      'Null unless the candidate is allowed to the control and the results are published.',
    resolve: async (candidate, _args, ctx) => {
      const basis = await candidateBasis(ctx, candidate);
      const evaluation = visibleControl(ctx, basis);
      return evaluation === null ? null : { basis, evaluation };
    },
  }),
  finalResult: t.field({
    type: FinalResult,
    nullable: true,
    description:
      'Null before the second-group publication instant (except for the pilot académie).',
    resolve: async (candidate, _args, ctx) => {
      const basis = await candidateBasis(ctx, candidate);
      const evaluation = await visibleFinal(ctx, basis);
      return evaluation === null ? null : { basis, evaluation };
    },
  }),
}));
