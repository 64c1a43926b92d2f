import { toFractionString } from '@rattrapage/domain';
import {
  sessionStatistics,
  type ControlPassRate,
  type MarkDistribution,
} from '../../services/statistics.ts';
import type { ChoiceCountRow, OutcomeCountRow } from '../../repositories/statistics.repository.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { formatPercent } from '../../documents/labels.ts';

const CountedOutcomeEnum = builder.enumType('CountedOutcome', {
  description:
    'UNDISCLOSED: results still under embargo for this viewer; PENDING: a mark is missing; WITHHELD: held back by the pilot académie (counted, never named; its marks and choice are not counted).',
  values: ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED', 'PENDING', 'UNDISCLOSED', 'WITHHELD'] as const,
});

const OutcomeCount = builder.objectRef<OutcomeCountRow>('OutcomeCount').implement({
  description:
    'How many candidates of a specialty and académie of origin have a first-group outcome.',
  fields: (t) => ({
    specialtyCode: t.exposeString('specialtyCode'),
    originAcademyCode: t.exposeString('originAcademyCode'),
    outcome: t.field({ type: CountedOutcomeEnum, resolve: (r) => r.outcome }),
    count: t.exposeInt('count'),
  }),
});

const ChoiceCount = builder.objectRef<ChoiceCountRow>('ChoiceCount').implement({
  description: 'How many candidates entered their choice of control tests.',
  fields: (t) => ({
    specialtyCode: t.exposeString('specialtyCode'),
    originAcademyCode: t.exposeString('originAcademyCode'),
    count: t.exposeInt('count'),
  }),
});

const PassRateRef = builder.objectRef<ControlPassRate>('ControlPassRate').implement({
  description:
    'Admitted after the control / candidates whose final result is decided; `exact` is "n/d", `percent` truncated.',
  fields: (t) => ({
    specialtyCode: t.exposeString('specialtyCode', {
      nullable: true,
      description: 'Null: every specialty together.',
    }),
    passed: t.exposeInt('passed'),
    presented: t.exposeInt('presented'),
    exact: t.string({
      nullable: true,
      resolve: (r) => (r.exact === null ? null : toFractionString(r.exact)),
    }),
    percentHundredths: t.exposeInt('percentHundredths', { nullable: true }),
    percent: t.string({
      nullable: true,
      description: 'French display, truncated: "66,66 %".',
      resolve: (r) => (r.percentHundredths === null ? null : formatPercent(r.percentHundredths)),
    }),
  }),
});

const MarkStageEnum = builder.enumType('MarkStage', {
  values: ['FIRST_GROUP', 'CONTROL'] as const,
});

const MarkDistributionRef = builder.objectRef<MarkDistribution>('MarkDistribution').implement({
  description:
    'Exact counts of marks by whole point: buckets[k] counts marks from k to k + 1 (20: exactly 20).',
  fields: (t) => ({
    specialtyCode: t.exposeString('specialtyCode'),
    code: t.exposeString('code', { description: 'Test code, or part code for a test with parts.' }),
    stage: t.field({ type: MarkStageEnum, resolve: (d) => d.stage }),
    buckets: t.exposeIntList('buckets'),
    count: t.exposeInt('count'),
  }),
});

const Statistics = builder
  .objectRef<
    NonNullable<
      Extract<Awaited<ReturnType<typeof sessionStatistics>>, { kind: 'ok' }>
    >['statistics']
  >('Statistics')
  .implement({
    fields: (t) => ({
      year: t.exposeInt('year'),
      academyCode: t.exposeString('academyCode', { nullable: true }),
      outcomes: t.field({ type: [OutcomeCount], resolve: (s) => s.outcomes }),
      choices: t.field({ type: [ChoiceCount], resolve: (s) => s.choices }),
      controlPassRates: t.field({ type: [PassRateRef], resolve: (s) => s.controlPassRates }),
      markDistributions: t.field({
        type: [MarkDistributionRef],
        resolve: (s) => s.markDistributions,
      }),
    }),
  });

builder.queryFields((t) => ({
  statistics: t.field({
    type: Statistics,
    description:
      'ACADEMY: its own académie (academyCode required, its own). PILOT: any académie, or all when academyCode is omitted. Embargoed outcomes count as UNDISCLOSED except for the pilot; held results as WITHHELD for everyone.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    args: {
      year: t.arg.int({ required: true }),
      academyCode: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await sessionStatistics(ctx, args.year, args.academyCode ?? null);
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      return outcome.statistics;
    },
  }),
}));
