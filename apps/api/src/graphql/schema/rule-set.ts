import {
  ABSENT_AT_CONTROL_POLICIES,
  OPTIONAL_TESTS_POLICIES,
  type OralDuration,
  type RuleSet,
  type RuleThresholds,
} from '@rattrapage/domain';
import { builder } from '../builder.ts';
import { ExamSession } from './reference.ts';
import { Mark } from './results.ts';

const OptionalTestsPolicy = builder.enumType('OptionalTestsPolicy', {
  description:
    'How optional tests count: POINTS_ABOVE_10 adds the points above 10 times the coefficient; IGNORED leaves them out.',
  values: OPTIONAL_TESTS_POLICIES,
});

const AbsentAtControlPolicy = builder.enumType('AbsentAtControlPolicy', {
  description:
    'A candidate absent from a control oral: KEEP_FIRST_GROUP_MARK keeps the first-group mark; FAIL fails them.',
  values: ABSENT_AT_CONTROL_POLICIES,
});

const Thresholds = builder.objectRef<RuleThresholds>('RuleThresholds').implement({
  description: 'The thresholds the averages are compared with, exactly.',
  fields: (t) => ({
    admitted: t.field({
      type: Mark,
      description: 'An overall average at least this admits.',
      resolve: (r) => ({ hundredths: r.admittedHundredths }),
    }),
    control: t.field({
      type: Mark,
      description: 'Below admission, an overall average at least this allows to the control…',
      resolve: (r) => ({ hundredths: r.controlHundredths }),
    }),
    professional: t.field({
      type: Mark,
      description: '…with a professional-domain average at least this.',
      resolve: (r) => ({ hundredths: r.professionalHundredths }),
    }),
  }),
});

const Duration = builder.objectRef<OralDuration>('OralDuration').implement({
  fields: (t) => ({
    preparationMinutes: t.exposeInt('preparationMinutes'),
    oralMinutes: t.exposeInt('oralMinutes'),
  }),
});

const RuleSetType = builder.objectRef<RuleSet>('RuleSet').implement({
  description:
    'The rules a session is run under, and the texts they follow: each session carries its own.',
  fields: (t) => ({
    name: t.exposeString('name'),
    texts: t.exposeStringList('texts'),
    thresholds: t.field({ type: Thresholds, resolve: (r) => r.thresholds }),
    maxOptionalTests: t.exposeInt('maxOptionalTests'),
    optionalTests: t.field({ type: OptionalTestsPolicy, resolve: (r) => r.optionalTests }),
    absentAtControlOral: t.field({
      type: AbsentAtControlPolicy,
      resolve: (r) => r.absentAtControlOral,
    }),
    oralDuration: t.field({
      type: Duration,
      description: 'A control oral, modern languages apart.',
      resolve: (r) => r.oralDurations.standard,
    }),
    languageOralDuration: t.field({
      type: Duration,
      resolve: (r) => r.oralDurations.language,
    }),
  }),
});

// Public, as the session's calendar is: the rules are published texts.
builder.objectField(ExamSession, 'rules', (t) =>
  t.field({ type: RuleSetType, resolve: (session) => session.policy }),
);
