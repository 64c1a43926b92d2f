import {
  type Amendment,
  type AmendmentRefusal,
  type CalendarChange,
  amendmentRefusalText,
} from '@rattrapage/domain';
import { amendSession, convocationsIssuedText } from '../../services/amend-session.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { ApiError, ErrorInterface, UnknownExamSession } from './error.ts';
import { ExamSession } from './reference.ts';

const CHANGE_KINDS = [
  'FIRST_GROUP_RESULTS',
  'CHOICE_WINDOW_OPENS',
  'CHOICE_WINDOW_CLOSES',
  'SECOND_GROUP_RESULTS',
  'ORAL_DAY',
] as const;

const CalendarChangeKind = builder.enumType('CalendarChangeKind', {
  description:
    'What an amendment moves: a batch’s first-group results instant, its window’s opening or end, the second-group results instant, or an oral day.',
  values: CHANGE_KINDS,
});

const CalendarChangeInput = builder.inputType('CalendarChangeInput', {
  fields: (t) => ({
    what: t.field({ type: CalendarChangeKind, required: true }),
    batchId: t.string({
      required: false,
      description: 'FIRST_GROUP_RESULTS and the window: the publication batch (A, B…).',
    }),
    specialtyCode: t.string({ required: false, description: 'ORAL_DAY: the specialty.' }),
    academyCode: t.string({
      required: false,
      description:
        'ORAL_DAY: the académie whose own rule moves; absent, the specialty’s rule for every académie without one.',
    }),
    to: t.field({
      type: 'DateTime',
      required: false,
      description: 'Every kind but ORAL_DAY: the new instant.',
    }),
    day: t.field({ type: 'Date', required: false, description: 'ORAL_DAY: the new day.' }),
  }),
});

type ChangeInput = typeof CalendarChangeInput.$inferInput;

/** The input as the domain's change, or null when a field its kind needs is missing. */
function changeOf(input: ChangeInput): CalendarChange | null {
  if (input.what === 'ORAL_DAY') {
    if (input.specialtyCode == null || input.day == null) return null;
    return {
      kind: 'ORAL_DAY',
      specialtyCode: input.specialtyCode,
      originAcademyCode: input.academyCode ?? null,
      to: input.day,
    };
  }
  if (input.to == null) return null;
  if (input.what === 'SECOND_GROUP_RESULTS') return { kind: input.what, to: input.to };
  if (input.batchId == null) return null;
  return { kind: input.what, batchId: input.batchId, to: input.to };
}

type Cause = AmendmentRefusal['code'] | 'INCOMPLETE_CHANGE' | 'CONVOCATIONS_ISSUED';

export class CalendarAmendmentRefused extends ApiError {
  readonly refusal: Cause;
  readonly passedAt: Date | null;
  readonly problems: readonly string[];
  constructor(
    refusal:
      | AmendmentRefusal
      | { readonly code: 'INCOMPLETE_CHANGE' }
      | { readonly code: 'CONVOCATIONS_ISSUED'; readonly candidates: number },
  ) {
    super(
      'CALENDAR_AMENDMENT_REFUSED',
      refusal.code === 'INCOMPLETE_CHANGE'
        ? 'Précisez ce qui est déplacé : le lot et le nouvel instant, ou la spécialité et le nouveau jour d’oral.'
        : refusal.code === 'CONVOCATIONS_ISSUED'
          ? convocationsIssuedText(refusal.candidates)
          : amendmentRefusalText(refusal),
    );
    this.refusal = refusal.code;
    this.passedAt = refusal.code === 'ALREADY_PASSED' ? refusal.passedAt : null;
    this.problems = refusal.code === 'INVALID_CALENDAR' ? refusal.problems : [];
  }
}

builder.objectType(CalendarAmendmentRefused, {
  name: 'CalendarAmendmentRefused',
  description: 'The calendar cannot be amended so: `cause` says which rule.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof CalendarAmendmentRefused,
  fields: (t) => ({
    cause: t.field({
      type: builder.enumType('CalendarAmendmentRefusalCause', {
        values: [
          'INCOMPLETE_CHANGE',
          'CONVOCATIONS_ISSUED',
          'REASON_REQUIRED',
          'REASON_TOO_LONG',
          'UNKNOWN_BATCH',
          'UNKNOWN_ORAL_DAY',
          'MALFORMED_DAY',
          'ALREADY_PASSED',
          'NOT_IN_FUTURE',
          'UNCHANGED',
          'INVALID_CALENDAR',
        ] as const,
      }),
      resolve: (e) => e.refusal,
    }),
    passedAt: t.expose('passedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'ALREADY_PASSED: since when.',
    }),
    problems: t.exposeStringList('problems', {
      description: 'INVALID_CALENDAR: every rule the amended calendar would break, in French.',
    }),
  }),
});

interface AmendmentShape {
  readonly amendment: Amendment;
  readonly year: number;
  readonly notified: number;
}

const CalendarAmendment = builder.objectRef<AmendmentShape>('CalendarAmendment').implement({
  description: 'An amendment made: what moved, from and to (Paris wall time, or a day), and why.',
  fields: (t) => ({
    session: t.field({
      type: ExamSession,
      resolve: async (a, _args, ctx) => {
        const session = await ctx.loaders.reference.load(a.year);
        if (session === null) throw new Error(`session ${a.year} vanished`);
        return session;
      },
    }),
    what: t.field({ type: CalendarChangeKind, resolve: (a) => a.amendment.what }),
    from: t.string({ resolve: (a) => a.amendment.from }),
    to: t.string({ resolve: (a) => a.amendment.to }),
    reason: t.string({ resolve: (a) => a.amendment.reason }),
    notifiedCandidates: t.int({
      description: 'How many candidates concerned were sent a notice (those with an address).',
      resolve: (a) => a.notified,
    }),
  }),
});

builder.mutationFields((t) => ({
  amendExamSession: t.field({
    type: CalendarAmendment,
    description:
      'PILOT: moves one instant or oral day of a session before it has passed, into the future, with a reason (audited). Candidates it concerns are notified; pages, feeds and reminders follow.',
    authScopes: { roles: ['PILOT'] },
    errors: {
      types: [CalendarAmendmentRefused, UnknownExamSession],
      union: { name: 'AmendExamSessionResult' },
    },
    args: {
      year: t.arg.int({ required: true }),
      change: t.arg({ type: CalendarChangeInput, required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer?.role !== 'PILOT') throw new ForbiddenError();
      const change = changeOf(args.change);
      if (change === null) throw new CalendarAmendmentRefused({ code: 'INCOMPLETE_CHANGE' });
      const outcome = await amendSession(
        ctx.db,
        ctx.clock.now(),
        { accountId: viewer.accountId, role: viewer.role, label: viewer.identifier },
        { year: args.year, change, reason: args.reason },
      );
      if (outcome.kind === 'unknownSession') throw new UnknownExamSession(args.year);
      if (outcome.kind === 'refused') throw new CalendarAmendmentRefused(outcome.refusal);
      if (outcome.kind === 'convocationsIssued')
        throw new CalendarAmendmentRefused({
          code: 'CONVOCATIONS_ISSUED',
          candidates: outcome.candidates,
        });
      return { amendment: outcome.amendment, year: args.year, notified: outcome.notified };
    },
  }),
}));
